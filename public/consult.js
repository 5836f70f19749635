// Consultations: commenting on a selected passage (an enhancement; every paragraph has a link that works without it).
// Words selected inside one block of the report get a "Comment on this passage" button beside them. It opens the
// block's comment page with the words and up to 32 characters either side, taken from the block's plain text as
// the server makes it (src/platform/documents/blocks.ts plainText, anchor.ts selectorFor).
(function () {
  'use strict';
  var article = document.querySelector('article.commentable');
  if (!article || !window.getSelection) return;
  var CONTEXT = 32; // anchor.ts CONTEXT_CHARS
  // Not the report's text: guiding questions, the comment link, the button, footnote numbers and back links.
  var SKIP = 'aside.questions, p.block-comments, .passage-button, sup > a[href^="#fn-"], a[href^="#fnref-"]';
  // The block-level elements of a report (markdown.ts allows no others): their words are apart.
  var BLOCK = /^(BLOCKQUOTE|DIV|H[1-6]|HR|LI|OL|P|PRE|TABLE|TBODY|TD|TH|THEAD|TR|UL)$/;

  // The button goes into the selected block just after its text, so Tab reaches it next.
  var button = document.createElement('button');
  button.type = 'button';
  button.className = 'button small primary passage-button';
  button.textContent = article.getAttribute('data-comment-label');
  button.lang = article.getAttribute('data-comment-lang') || document.documentElement.lang;
  button.dir = document.documentElement.dir || 'ltr';
  // Screen readers say its label when it appears.
  var live = document.createElement('div');
  live.className = 'visually-hidden';
  live.setAttribute('aria-live', 'polite');
  live.lang = button.lang;
  (document.querySelector('main') || document.body).appendChild(live);

  var target = null; // { block, range, url } of the passage the button is for
  var dismissed = false; // closed with Escape, until the selection changes
  var mouseDown = false;
  var pressed = false; // the button is being pressed or tapped: keep it even if the selection goes
  var timer = 0;

  // The block's words as written in the page, and where each node starts (and each element ends) in them.
  // Block-level elements and line breaks add a space, images their alt text, skipped parts nothing.
  function rawText(block) {
    var raw = { text: '', start: new Map(), end: new Map() };
    (function walk(node) {
      raw.start.set(node, raw.text.length);
      if (node.nodeType === 3) raw.text += node.nodeValue;
      else if (node.nodeType === 1 && (node === block || !node.matches(SKIP))) {
        var apart = BLOCK.test(node.tagName) || node.tagName === 'BR' ? ' ' : '';
        raw.text += apart + (node.tagName === 'IMG' ? node.alt : '');
        for (var child = node.firstChild; child; child = child.nextSibling) walk(child);
        raw.text += apart;
      }
      raw.end.set(node, raw.text.length);
    })(block);
    return raw;
  }

  // Where a selection boundary (container, offset) falls in the raw text.
  function rawAt(block, raw, container, offset) {
    var whole = document.createRange();
    whole.selectNodeContents(block);
    var where = whole.comparePoint(container, offset);
    if (where) return where < 0 ? 0 : raw.text.length;
    if (container.nodeType === 3 && raw.start.has(container)) return raw.start.get(container) + offset;
    var child = container.childNodes[offset];
    if (container.nodeType === 1 && child && raw.start.has(child)) return raw.start.get(child);
    if (container.nodeType === 1 && !child && raw.end.has(container)) return raw.end.get(container);
    // Inside a skipped part: where that part is (it adds nothing).
    for (var n = container; n !== block; n = n.parentNode) if (raw.end.has(n)) return raw.end.get(n);
    return 0;
  }

  // The server's plain text: whitespace collapsed to one space and trimmed (a code block's only trimmed);
  // and the place in it of raw position i.
  function plain(raw, collapse) {
    return collapse ? raw.replace(/\s+/g, ' ').trim() : raw.trim();
  }
  function plainAt(raw, i, collapse) {
    var head = raw.slice(0, i).replace(/^\s+/, '');
    return collapse ? head.replace(/\s+/g, ' ').length : head.length;
  }

  function blockOf(node) {
    var block = (node.nodeType === 1 ? node : node.parentElement).closest('.block');
    return block && block.parentElement === article ? block : null;
  }
  // Whether any words lie between two points (none when the second comes first).
  function wordsBetween(c1, o1, c2, o2) {
    var r = document.createRange();
    r.setStart(c1, o1);
    r.setEnd(c2, o2);
    return /\S/.test(r.toString());
  }

  // The selected passage, if the selection is words of one block: the block, the range and the address.
  function selectedPassage() {
    var sel = window.getSelection();
    if (sel.rangeCount !== 1 || sel.isCollapsed) return null;
    var range = sel.getRangeAt(0);
    if (!article.contains(range.commonAncestorContainer)) return null;
    var block = blockOf(range.startContainer);
    var last = blockOf(range.endContainer);
    // A selection starting in the space between blocks (a triple click) belongs to the block it ends in.
    if (!block || (last && last !== block && !wordsBetween(range.startContainer, range.startOffset, block, block.childNodes.length))) block = last;
    if (!block) return null;
    // No words of another block.
    if (wordsBetween(range.startContainer, range.startOffset, block, 0) || wordsBetween(block, block.childNodes.length, range.endContainer, range.endOffset)) return null;

    var raw = rawText(block);
    var collapse = !(block.firstElementChild && block.firstElementChild.tagName === 'PRE');
    var text = plain(raw.text, collapse);
    var from = Math.min(text.length, plainAt(raw.text, rawAt(block, raw, range.startContainer, range.startOffset), collapse));
    var to = Math.min(text.length, plainAt(raw.text, rawAt(block, raw, range.endContainer, range.endOffset), collapse));
    // A footnote starts with its number ("1. "), which is not part of its text.
    var number = block.classList.contains('footnote') && /^\d+\.(?: |$)/.exec(text);
    if (number) {
      text = text.slice(number[0].length);
      from = Math.max(0, from - number[0].length);
      to = Math.max(0, to - number[0].length);
    }
    while (from < to && /\s/.test(text[from])) from++;
    while (to > from && /\s/.test(text[to - 1])) to--;
    if (from === to) return null;
    // (Half a character pair at the edge of the context cannot go in an address: it is left out.)
    var prefix = text.slice(Math.max(0, from - CONTEXT), from).replace(/^[\udc00-\udfff]/, '');
    var suffix = text.slice(to, to + CONTEXT).replace(/[\ud800-\udbff]$/, '');
    var query = 'exact=' + encodeURIComponent(text.slice(from, to)) + '&prefix=' + encodeURIComponent(prefix) + '&suffix=' + encodeURIComponent(suffix);
    return { block: block, range: range.cloneRange(), url: article.getAttribute('data-comment-url') + block.id + '?' + query + '#comment-form' };
  }

  function show(found) {
    var block = found.block;
    var after = block.querySelector(':scope > aside.questions, :scope > p.block-comments');
    if (button.parentNode !== block || button.nextSibling !== after) block.insertBefore(button, after);
    if (!target) {
      live.textContent = '';
      setTimeout(function () { live.textContent = button.textContent; }, 50);
    }
    target = found;
    place();
  }

  function hide() {
    target = null;
    if (button.parentNode) button.parentNode.removeChild(button);
  }

  // Below the selection's last line, at the end the words run towards (right in left-to-right text, left in
  // right-to-left), inside the window; above the first line when there is no room below.
  function place() {
    var rects = [].filter.call(target.range.getClientRects(), function (r) { return r.width && r.height; });
    var last = rects[rects.length - 1] || target.range.getBoundingClientRect();
    var first = rects[0] || last;
    var end = target.range.endContainer;
    var rtl = getComputedStyle(end.nodeType === 1 ? end : end.parentElement).direction === 'rtl';
    // Where left: 0 and top: 0 put the button, to turn window positions into its own (CSSOM, allowed by the CSP).
    button.style.left = button.style.top = '0px';
    var origin = button.getBoundingClientRect();
    var x = Math.max(8, Math.min(rtl ? last.left - origin.width : last.right, document.documentElement.clientWidth - origin.width - 8));
    var y = last.bottom + 6;
    if (y + origin.height > window.innerHeight - 8 && first.top - origin.height - 6 > 8) y = first.top - origin.height - 6;
    button.style.left = Math.round(x - origin.left) + 'px';
    button.style.top = Math.round(y - origin.top) + 'px';
  }

  function update() {
    timer = 0;
    var found = null;
    try {
      found = selectedPassage();
    } catch (err) {
      // A selection this cannot read: no button; the paragraph's own link is still there.
    }
    if (found && !dismissed) show(found);
    else if (!found && !pressed && document.activeElement !== button) hide();
  }
  function later(ms) {
    clearTimeout(timer);
    timer = setTimeout(update, ms);
  }

  // A mouse selection is done when the button is released; a keyboard, screen reader or touch one shows up
  // as selection changes, taken once they pause.
  document.addEventListener('selectionchange', function () {
    dismissed = false;
    if (!mouseDown) later(150);
  });
  document.addEventListener('mousedown', function (e) {
    if (e.button || e.target === button) return;
    mouseDown = true;
    hide();
  });
  document.addEventListener('mouseup', function () {
    if (mouseDown) later(10);
    mouseDown = false;
  });

  button.addEventListener('mousedown', function (e) { e.preventDefault(); }); // keeps the selection
  button.addEventListener('pointerdown', function () { pressed = true; });
  function released() { setTimeout(function () { pressed = false; }, 500); }
  document.addEventListener('pointerup', released);
  document.addEventListener('pointercancel', released);
  button.addEventListener('blur', function () { later(150); });
  button.addEventListener('click', function () {
    if (timer) update(); // the selection changed a moment ago
    if (target) window.location.assign(target.url);
  });

  document.addEventListener('keydown', function (e) {
    mouseDown = false;
    var tab = e.key === 'Tab' && !e.shiftKey && !e.altKey && !e.ctrlKey && !e.metaKey;
    if (tab && timer) update();
    if (!target) return;
    if (e.key === 'Escape' || e.key === 'Esc') {
      dismissed = true;
      hide();
    } else if (tab && (!document.activeElement || document.activeElement === document.body)) {
      // After a keyboard selection nothing has focus: Tab goes to the button first.
      e.preventDefault();
      button.focus();
    }
  });

  // Keep it beside the words when the page (or a wide table) scrolls or the window changes size.
  var frame = 0;
  function replace() {
    if (target && !frame) frame = requestAnimationFrame(function () { frame = 0; if (target) place(); });
  }
  window.addEventListener('scroll', replace, true);
  window.addEventListener('resize', replace);
})();
