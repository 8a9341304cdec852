// Quick exit, after GOV.UK's "Exit this page": the button, or the Shift key pressed three times on
// its own, hides the page at once and replaces it in the tab's history with a neutral site.
//
// Typing must never set it off. A Shift press counts only when Shift is released without any other
// key (or a click) having been pressed while it was down, so capitals, "Marie-Ève" or Shift+Tab
// never count. Any other key starts the count again, and so do 5 seconds without a press. After
// the first and the second press, the status next to the button says how many presses remain; its
// two sentences come from the page (data attributes), in the page's language.
//
// Every listener sits on the document and every element is looked up when needed, because
// one-entry.js replaces the page's body on each navigation.
(function () {
  "use strict";
  var PRESSES = 3;
  var IDLE_MS = 5000;
  var count = 0;
  var shiftAlone = false;
  var idleTimer = null;
  var lastTarget = null;

  function exitTarget() {
    var link = document.querySelector("[data-quick-exit]");
    if (link) lastTarget = link.href;
    return lastTarget; // a page without the button (a bare error page) still exits
  }

  function leave() {
    var target = exitTarget();
    if (!target) return;
    var root = document.documentElement;
    root.dataset.leaving = "1"; // other scripts' beforeunload handlers stay quiet
    root.style.visibility = "hidden";
    document.title = "";
    if (document.body) document.body.textContent = "";
    window.location.replace(target);
  }

  function showRemaining() {
    var status = document.querySelector("[data-quick-exit-status]");
    if (!status) return;
    var remaining = count ? PRESSES - count : 0;
    if (remaining === 2) status.textContent = status.dataset.twoMore || "";
    else if (remaining === 1) status.textContent = status.dataset.oneMore || "";
    else status.textContent = "";
  }

  function reset() {
    count = 0;
    window.clearTimeout(idleTimer);
    idleTimer = null;
    showRemaining();
  }

  function countPress() {
    count += 1;
    window.clearTimeout(idleTimer);
    if (count >= PRESSES) {
      reset();
      leave();
      return;
    }
    idleTimer = window.setTimeout(reset, IDLE_MS);
    showRemaining();
  }

  document.addEventListener(
    "keydown",
    function (event) {
      if (event.key === "Shift") {
        if (!event.repeat) shiftAlone = true;
        return;
      }
      shiftAlone = false;
      if (count) reset();
    },
    true
  );

  document.addEventListener(
    "keyup",
    function (event) {
      if (event.key !== "Shift") return;
      var alone = shiftAlone;
      shiftAlone = false;
      if (alone) countPress();
    },
    true
  );

  // Shift+click selects text: that Shift was used with something else.
  document.addEventListener(
    "pointerdown",
    function () {
      shiftAlone = false;
    },
    true
  );
  window.addEventListener("blur", function () {
    shiftAlone = false;
  });

  document.addEventListener(
    "click",
    function (event) {
      var link = event.target instanceof Element && event.target.closest("[data-quick-exit]");
      if (!link) return;
      event.preventDefault();
      leave();
    },
    true
  );

  // A new page arrived (one-entry.js): its status starts empty, show where the count stands.
  document.addEventListener("entraide:page", function () {
    exitTarget();
    showRemaining();
  });
  exitTarget();
})();
