// Small behaviours for every page. Loaded as a file: the CSP allows no inline script.
// No select submits its form on change (WCAG 3.2.2): each form submits only on its button.
