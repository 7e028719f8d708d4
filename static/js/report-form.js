// The situation report form: the event date only for an extraordinary event, "copy from our
// previous report", and a draft that saves itself. Loaded as a file: the CSP allows no inline
// script. The server never lets an autosave overwrite a newer version (it answers 409), and
// a save that fails leaves the typed text in the form for the user's own Save.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) { return; }

  // The event date belongs to an extraordinary event only.
  var period = form.querySelector("select[name=period]");
  var eventDate = form.querySelector("[data-event-date]");
  if (period && eventDate) {
    var showDate = function () { eventDate.hidden = period.value !== "ad_hoc"; };
    period.addEventListener("change", showDate);
    showDate();
  }

  // Copy levels, trends and notes from the side's previous report, marked until edited.
  var copyButton = form.querySelector("[data-copy-values]");
  if (copyButton) {
    copyButton.addEventListener("click", function () {
      var values = JSON.parse(copyButton.getAttribute("data-copy-values"));
      Object.keys(values).forEach(function (name) {
        var fields = form.querySelectorAll("[name='" + name + "']");
        fields.forEach(function (field) {
          if (field.type === "radio") {
            field.checked = field.value === values[name];
          } else {
            field.value = values[name];
          }
        });
        var row = fields.length ? fields[0].closest("[data-category-row]") : null;
        if (row) {
          row.classList.add("copied");
          row.querySelector("[data-copied-mark]").hidden = false;
        }
      });
      changed();
    });
    form.addEventListener("input", function (event) {
      var row = event.target.closest("[data-category-row]");
      if (row && row.classList.contains("copied")) {
        row.classList.remove("copied");
        row.querySelector("[data-copied-mark]").hidden = true;
      }
    });
  }

  // Autosave: DELAY seconds after the first change since the last save, and on leaving.
  var url = form.getAttribute("data-autosave-url");
  var status = form.querySelector("[data-autosave-status]");
  var delay = parseInt(form.getAttribute("data-autosave-seconds") || "30", 10) * 1000;
  var timer = null;
  var dirty = false;
  var stopped = !url;
  var submitting = false;

  function say(message) { if (status) { status.textContent = message; } }

  function changed() {
    if (stopped) { return; }
    dirty = true;
    if (timer === null) { timer = window.setTimeout(save, delay); }
  }

  function adopt(answer) {
    // The first autosave of a new report created the draft: go on saving into it.
    form.setAttribute("action", answer.action);
    url = answer.autosave;
    var version = form.querySelector("input[name=version]");
    if (!version) {
      version = document.createElement("input");
      version.type = "hidden";
      version.name = "version";
      form.appendChild(version);
    }
    version.value = answer.version;
    if (window.location.pathname !== answer.action) {
      window.history.replaceState(null, "", answer.action);
    }
  }

  function save(leaving) {
    window.clearTimeout(timer);
    timer = null;
    if (stopped || submitting || !dirty) { return; }
    dirty = false;
    var body = new FormData(form);
    body.delete("then");
    var request = window.fetch(url, {
      method: "POST", body: body, credentials: "same-origin", keepalive: !!leaving,
      headers: {"Accept": "application/json"}, redirect: "manual"
    });
    if (leaving) { return; }
    request.then(function (response) {
      var json = (response.headers.get("Content-Type") || "").indexOf("json") !== -1;
      if (!json) {  // signed out: the user's own Save keeps the text through signing in
        stopped = true;
        say(form.getAttribute("data-signed-out") || "");
        return null;
      }
      return response.json().then(function (answer) {
        if (answer.saved) {
          adopt(answer);
        } else {
          dirty = true;
          if (answer.conflict) { stopped = true; }
        }
        say(answer.message);
      });
    }).catch(function () { dirty = true; });
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function () { submitting = true; });
  window.addEventListener("pagehide", function () { save(true); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { save(true); }
  });
})();
