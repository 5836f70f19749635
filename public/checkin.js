// Check-in: scan a participant's QR code with the camera, where the browser has BarcodeDetector.
// Without it (or without JavaScript), staff type the code or search by name: the page works the same.
(function () {
  'use strict';
  var box = document.getElementById('scanner');
  if (!box || !('BarcodeDetector' in window) || !navigator.mediaDevices) return;
  var code = document.getElementById('f-code');
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'button secondary';
  button.textContent = box.getAttribute('data-label');
  box.hidden = false;
  box.appendChild(button);
  button.addEventListener('click', function () {
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    var video = document.createElement('video');
    video.setAttribute('playsinline', '');
    video.muted = true;
    box.appendChild(video);
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } }).then(function (stream) {
      video.srcObject = stream;
      video.play();
      var tick = function () {
        detector.detect(video).then(function (found) {
          var hit = found.map(function (f) { return f.rawValue; }).filter(function (v) { return v.indexOf('BRIDGES-CHECKIN:') === 0; })[0];
          if (hit) {
            stream.getTracks().forEach(function (t) { t.stop(); });
            code.value = hit.slice('BRIDGES-CHECKIN:'.length);
            code.form.submit();
          } else {
            requestAnimationFrame(tick);
          }
        }).catch(function () { requestAnimationFrame(tick); });
      };
      tick();
    }).catch(function () { box.hidden = true; });
  });
})();
