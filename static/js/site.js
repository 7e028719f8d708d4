// Small behaviours for every page. Loaded as a file: the CSP allows no inline script.
// No select submits its form on change (WCAG 3.2.2): each form submits only on its button.
(function () {
  "use strict";

  // After a failed save the error summary (templates/form_error_summary.html) takes the focus,
  // so that it is what is read and seen first (WCAG 3.3.1). A link in it moves the focus to
  // its field, which an in-page link alone does not do, and brings the field's label, the
  // field and its message into view together, clear of the sticky save bar.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
    summary.addEventListener("click", function (event) {
      var link = event.target.closest("a[href^='#']");
      var field = link && document.getElementById(decodeURIComponent(link.hash.slice(1)));
      if (!field) { return; }
      event.preventDefault();
      var closed = field.closest("details:not([open])");
      if (closed) { closed.open = true; }
      var around = field.closest("[data-category-row], fieldset, .mb-3");
      var shown = around && around.offsetHeight < window.innerHeight * 0.6 ? around : field;
      field.focus({preventScroll: true});
      shown.scrollIntoView({block: "center"});
    });
  }

  // A sticky save bar (.form-actions-sticky) must never hide the focused field: the page keeps
  // a scroll padding of the bar's height at the bottom (see site.css), measured here because
  // the bar wraps to more lines on a narrow screen.
  var bar = document.querySelector(".form-actions-sticky");
  if (bar && window.ResizeObserver) {
    var root = document.documentElement;
    new window.ResizeObserver(function () {
      root.style.setProperty("--form-actions-height", bar.offsetHeight + "px");
    }).observe(bar);
  }
  // The browser scrolls a newly focused element into view only when it is off screen, so one
  // just above the window's bottom edge would stay under the bar (WCAG 2.4.11): lift it, with
  // its focus ring, clear of the bar. Only a control reached by the keyboard (or a script) is
  // lifted. A click or tap lands on what the user sees, and moving the page between pressing
  // and releasing loses the click; and a click on plain text focuses `main` (tabindex -1, for
  // the skip link), which is taller than the window and needs no lifting.
  var CONTROLS = "input, select, textarea, button, summary, a[href], [contenteditable], " +
    "[tabindex]:not([tabindex='-1'])";
  if (bar) {
    var pointing = false;
    document.addEventListener("pointerdown", function () { pointing = true; }, true);
    document.addEventListener("keydown", function () { pointing = false; }, true);
    document.addEventListener("focusin", function (event) {
      var target = event.target;
      if (pointing || bar.contains(target) || !target.matches(CONTROLS)) { return; }
      var box = target.getBoundingClientRect();
      var top = bar.getBoundingClientRect().top;
      var hidden = box.bottom + 8 - top;
      // Lift only what fits above the bar: a taller control keeps its top in view.
      if (hidden > 0 && box.top - hidden >= 0) {
        window.scrollBy({top: hidden, behavior: "instant"});
      }
    });
  }
})();

// A table's scrolling region (`<div class="table-responsive" role="region" aria-labelledby=…
// tabindex="0">`) is a Tab stop so that keyboard users can scroll it with the arrow keys; a
// table that fits its region needs no such stop, so it is taken out of the Tab order until it
// overflows (a narrower window, a <details> opened). Without script every region stays a stop.
(function () {
  const regions = document.querySelectorAll(".table-responsive[role='region']");
  if (!regions.length || !window.ResizeObserver) return;
  const fit = (region) => {
    region.tabIndex = region.scrollWidth > region.clientWidth ? 0 : -1;
  };
  const observer = new ResizeObserver((entries) => entries.forEach((entry) => fit(entry.target)));
  regions.forEach((region) => observer.observe(region));
})();
