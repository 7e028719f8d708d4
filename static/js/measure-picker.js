// The priority form's measure picker: the <select multiple data-search-url> holds only the
// chosen measures (the form would weigh megabytes with all of them); this script hides it and
// offers a search with paged results from the scoped endpoint, plus the chosen list with
// remove buttons. Every word comes from the select's data-text-* attributes (translated).
(function () {
  "use strict";
  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text) { node.textContent = text; }
    return node;
  }

  document.querySelectorAll("select[data-search-url]").forEach(function (select) {
    var t = select.dataset;
    var id = select.id || "measures";
    var box = el("div", { "class": "measure-picker" });
    var chosenHeading = el("p", { "class": "form-label fw-semibold mb-1", id: id + "-chosen-label" }, t.textChosen);
    var chosen = el("ul", { "class": "list-group mb-2", "aria-labelledby": id + "-chosen-label" });
    var label = el("p", { "class": "small mb-1", id: id + "-search-hint" }, t.textSearch);
    var input = el("input", { type: "search", "class": "form-control", id: id + "-search", autocomplete: "off", "aria-describedby": id + "-search-hint" });
    // The field's own label now names the search box (the select is hidden).
    var fieldLabel = document.querySelector('label[for="' + id + '"]');
    if (fieldLabel) { fieldLabel.setAttribute("for", id + "-search"); }
    var status = el("p", { "class": "small text-body-secondary mb-1", role: "status", "aria-live": "polite" });
    var results = el("ul", { "class": "list-group mb-2 measure-picker-results" });
    var more = el("button", { type: "button", "class": "btn btn-outline-secondary btn-sm mb-2 d-none" }, t.textMore);
    var page = 1, query = "", timer = null, request = 0;

    function chosenIds() {
      return Array.prototype.map.call(select.options, function (o) { return o.value; });
    }

    function renderChosen() {
      chosen.textContent = "";
      Array.prototype.forEach.call(select.options, function (option) {
        var item = el("li", { "class": "list-group-item d-flex justify-content-between align-items-center gap-2" });
        item.appendChild(el("span", {}, option.textContent));
        var remove = el("button", { type: "button", "class": "btn btn-outline-danger btn-sm" }, t.textRemove);
        remove.setAttribute("aria-label", t.textRemove + ": " + option.textContent);
        remove.addEventListener("click", function () {
          option.remove();
          renderChosen();
          input.focus();
        });
        item.appendChild(remove);
        chosen.appendChild(item);
      });
      if (!select.options.length) {
        chosen.appendChild(el("li", { "class": "list-group-item text-body-secondary" }, t.textNoneChosen));
      }
    }

    function add(result, button) {
      if (chosenIds().indexOf(String(result.id)) === -1) {
        var option = el("option", { value: String(result.id) }, result.label);
        option.selected = true;
        select.appendChild(option);
        renderChosen();
      }
      button.disabled = true;
    }

    function search(append) {
      var mine = ++request;
      var url = t.searchUrl + "?q=" + encodeURIComponent(query) + "&page=" + page;
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { if (!response.ok) { throw new Error(response.status); } return response.json(); })
        .then(function (data) {
          if (mine !== request) { return; }
          if (!append) { results.textContent = ""; }
          var ids = chosenIds();
          data.results.forEach(function (result) {
            var item = el("li", { "class": "list-group-item d-flex justify-content-between align-items-center gap-2" });
            item.appendChild(el("span", {}, result.label));
            var button = el("button", { type: "button", "class": "btn btn-outline-primary btn-sm" }, t.textAdd);
            button.setAttribute("aria-label", t.textAdd + ": " + result.label);
            button.disabled = ids.indexOf(String(result.id)) !== -1;
            button.addEventListener("click", function () { add(result, button); });
            item.appendChild(button);
            results.appendChild(item);
          });
          status.textContent = results.children.length ? "" : t.textNoMatch;
          more.classList.toggle("d-none", !data.more);
        })
        .catch(function () { if (mine === request) { status.textContent = t.textFailed; } });
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { query = input.value.trim(); page = 1; search(false); }, 250);
    });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }  // searching, not submitting
    });
    more.addEventListener("click", function () { page += 1; search(true); });

    box.appendChild(label);
    box.appendChild(input);
    box.appendChild(status);
    box.appendChild(results);
    box.appendChild(more);
    box.appendChild(chosenHeading);
    box.appendChild(chosen);
    select.classList.add("d-none");
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    select.parentNode.insertBefore(box, select.nextSibling);
    renderChosen();
    search(false);
  });
})();
