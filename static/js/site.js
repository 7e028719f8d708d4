// Small behaviours for every page. Loaded as a file: the CSP allows no inline script.
// No select submits its form on change (WCAG 3.2.2): each form submits only on its button.

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
