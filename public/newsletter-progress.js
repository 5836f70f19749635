// Newsletter progress: without JavaScript the page reloads itself every few seconds (a <noscript>
// refresh); with it, the figures update in place every two seconds until sending stops.
(function () {
  'use strict';
  var box = document.querySelector('[data-progress]');
  if (!box || !window.fetch) return;
  var url = box.getAttribute('data-progress');
  var fields = {};
  box.querySelectorAll('[data-field]').forEach(function (el) {
    fields[el.getAttribute('data-field')] = el;
  });
  var number = new Intl.NumberFormat(document.documentElement.lang);
  function update(p) {
    fields.status.textContent = p.statusLabel;
    ['recipients', 'sent', 'failed', 'remaining'].forEach(function (k) {
      fields[k].textContent = number.format(p[k]);
    });
    fields.eta.textContent = p.etaLabel;
    fields.bar.max = Math.max(1, p.recipients);
    fields.bar.value = p.sent + p.failed + p.cancelled;
    fields.bar.textContent = fields.bar.value + ' / ' + p.recipients;
  }
  function poll() {
    fetch(url, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then(function (r) {
        return r.ok ? r.json() : null;
      })
      .then(function (p) {
        if (!p) return;
        update(p);
        if (p.status === 'sending' || p.status === 'scheduled') setTimeout(poll, 2000);
        else window.location.reload(); // finished, paused or cancelled: show the right buttons
      })
      .catch(function () {
        setTimeout(poll, 5000);
      });
  }
  setTimeout(poll, 2000);
})();
