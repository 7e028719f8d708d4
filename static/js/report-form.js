// The situation report form: the event date only for an extraordinary event, "to Save" links,
// "copy from our previous report", and a draft that saves itself. Loaded as a file: the CSP
// allows no inline script. The server never lets an autosave overwrite a newer version (it
// answers 409), and a save that fails leaves the typed text in the form for the user's own Save.
(function () {
  "use strict";
  var form = document.getElementById("report-form");
  if (!form) { return; }
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var find = function (list, fn) { return Array.prototype.find.call(list, fn); };

  // The event date belongs to an extraordinary event only.
  var period = form.querySelector("select[name=period]");
  var eventDate = form.querySelector("[data-event-date]");
  if (period && eventDate) {
    var showDate = function () { eventDate.hidden = period.value !== "ad_hoc"; };
    period.addEventListener("change", showDate);
    showDate();
  }

  // Each category row ends in a "to Save" link (shown when focused), so that Save is a few Tabs
  // from any row. Without script the link still moves the Tab order's starting point there.
  var actions = document.getElementById("report-actions");
  form.addEventListener("click", function (event) {
    var link = event.target.closest("[data-to-actions]");
    if (!link || !actions) { return; }
    event.preventDefault();
    actions.querySelector("button").focus();
  });

  // --- Copy from our previous report ---
  // Fills only the fields that are empty here. A field that has a value of its own is listed
  // with both values and replaced only when the user asks. Everything filled in is named
  // beside the button, the overall level and trend at the top of the form included.
  var copyButton = form.querySelector("[data-copy-values]");
  var result = form.querySelector("[data-copy-result]");

  function valueOf(fields) {  // the checked radio's value, or the field's
    var value = "";
    each(fields, function (field) {
      if (field.type !== "radio" || field.checked) { value = field.value; }
    });
    return value.trim() ? value : "";
  }

  function shown(fields, value) {  // a value as the form shows it: a choice by its label
    var field = fields[0];
    if (field.type === "radio") {
      var radio = find(fields, function (f) { return f.value === value; });
      var label = radio && form.querySelector("label[for='" + radio.id + "']");
      return label ? label.textContent.trim() : value;
    }
    if (field.tagName === "SELECT") {
      var option = find(field.options, function (o) { return o.value === value; });
      return option ? option.textContent.trim() : value;
    }
    return value.length > 80 ? value.slice(0, 79) + "…" : value;
  }

  function labelOf(fields) {
    var field = fields[0];
    var label = field.type === "radio" ? field.closest("fieldset").querySelector("legend")
      : form.querySelector("label[for='" + field.id + "']");
    return label ? label.textContent.replace("*", "").trim() : field.name;
  }

  function put(item) {
    each(item.fields, function (field) {
      if (field.type === "radio") { field.checked = field.value === item.value; }
      else { field.value = item.value; }
    });
    var row = item.fields[0].closest("[data-category-row]");
    if (row) {
      row.classList.add("copied");
      row.querySelector("[data-copied-mark]").hidden = false;
    }
  }

  function listFilled(items) {
    var list = result.querySelector("[data-copy-filled-list]");
    var categories = [];
    each(items, function (item) {
      var row = item.fields[0].closest("[data-category-row]");
      if (row) {
        var name = row.getAttribute("data-category-name");
        if (categories.indexOf(name) === -1) { categories.push(name); }
        return;
      }
      // A field outside the category list (the overall level, the trend): named, with a link.
      var li = document.createElement("li");
      var link = document.createElement("a");
      link.href = "#" + item.fields[0].id;
      link.textContent = item.label;
      li.appendChild(link);
      li.appendChild(document.createTextNode(": " + shown(item.fields, item.value)));
      list.appendChild(li);
    });
    if (categories.length) {
      var li = document.createElement("li");
      li.textContent = list.getAttribute("data-categories") + ": " + categories.join(", ");
      list.appendChild(li);
    }
    result.querySelector("[data-copy-filled]").hidden = !list.children.length;
  }

  if (copyButton && result) {
    var conflicts = [];
    var conflictBox = result.querySelector("[data-copy-conflicts]");
    copyButton.addEventListener("click", function () {
      var values = JSON.parse(copyButton.getAttribute("data-copy-values"));
      var filled = [];
      conflicts = [];
      Object.keys(values).forEach(function (name) {
        var fields = form.querySelectorAll("[name='" + name + "']");
        var value = values[name];
        if (!fields.length || value === "" || valueOf(fields) === value) { return; }
        var item = {fields: fields, value: value, label: labelOf(fields), before: valueOf(fields)};
        if (item.before === "") { put(item); filled.push(item); } else { conflicts.push(item); }
      });
      result.querySelector("[data-copy-filled-list]").textContent = "";
      listFilled(filled);
      var list = result.querySelector("[data-copy-conflict-list]");
      var pattern = list.getAttribute("data-format");
      list.textContent = "";
      conflicts.forEach(function (item) {
        var li = document.createElement("li");
        li.textContent = pattern.replace("{field}", item.label)
          .replace("{yours}", shown(item.fields, item.before))
          .replace("{previous}", shown(item.fields, item.value));
        list.appendChild(li);
      });
      conflictBox.hidden = !conflicts.length;
      result.querySelector("[data-copy-none]").hidden = !!(filled.length || conflicts.length);
      result.hidden = false;
      if (filled.length) { changed(); }
    });
    result.querySelector("[data-copy-replace]").addEventListener("click", function () {
      conflicts.forEach(put);
      listFilled(conflicts);
      conflicts = [];
      conflictBox.hidden = true;
      copyButton.focus();
      changed();
    });
    result.querySelector("[data-copy-keep]").addEventListener("click", function () {
      conflicts = [];
      conflictBox.hidden = true;
      copyButton.focus();
    });
    form.addEventListener("input", function (event) {
      var row = event.target.closest("[data-category-row]");
      if (row && row.classList.contains("copied")) {
        row.classList.remove("copied");
        row.querySelector("[data-copied-mark]").hidden = true;
      }
    });
  }

  // --- Autosave ---
  // From the first change: the status says "saving" at once, and "saved HH:MM" only once the
  // server has confirmed the latest change. A save that fails is retried, later each time; a
  // form the server refuses waits for the next change. One save at a time: the first one of a
  // new report creates the draft, which every later save (and the user's Save) goes into.
  var url = form.getAttribute("data-autosave-url");
  var status = form.querySelector("[data-autosave-status]");
  var delay = parseInt(form.getAttribute("data-autosave-seconds") || "30", 10) * 1000;
  var timer = null;
  var edits = 0;     // changes made on this page
  var answered = 0;  // changes the server has answered for (saved, or refused as invalid)
  var failures = 0;
  var inflight = false;
  var stopped = !url;
  var submitting = false;
  var submitter = null;  // a Save pressed while an autosave was under way

  function say(message) { if (status) { status.textContent = message; } }
  function text(name) { return status ? status.getAttribute("data-" + name) || "" : ""; }

  function schedule(ms) {
    if (timer === null) { timer = window.setTimeout(save, ms); }
  }

  function changed() {
    if (stopped) { return; }
    edits += 1;
    say(text("pending"));
    schedule(delay);
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

  function failed() {
    failures += 1;
    say(text("failed"));
    schedule(Math.min(Math.min(delay, 5000) * Math.pow(2, failures - 1), 60000));
  }

  function settle(sent, response) {
    var json = (response.headers.get("Content-Type") || "").indexOf("json") !== -1;
    if (!json) {
      if (response.status >= 500 || response.status === 429) { return failed(); }
      stopped = true;  // signed out: the user's own Save keeps the text through signing in
      say(form.getAttribute("data-signed-out") || "");
      return null;
    }
    return response.json().then(function (answer) {
      if (answer.saved) {
        failures = 0;
        answered = sent;
        adopt(answer);
        say(edits === answered ? answer.message : text("pending"));
        if (edits !== answered) { schedule(delay); }
      } else if (answer.conflict) {
        stopped = true;
        say(answer.message);
      } else if (response.status === 400) {
        answered = sent;  // refused as it is: wait for the next change
        say(answer.message);
      } else {
        failed();
      }
    });
  }

  function save(leaving) {
    window.clearTimeout(timer);
    timer = null;
    if (stopped || submitting || inflight || edits === answered) { return; }
    var sent = edits;
    var body = new FormData(form);
    body.delete("then");
    inflight = true;
    window.fetch(url, {
      method: "POST", body: body, credentials: "same-origin", keepalive: !!leaving,
      headers: {"Accept": "application/json"}, redirect: "manual"
    }).then(function (response) {
      return settle(sent, response);
    }).catch(failed).then(function () {
      inflight = false;
      if (submitter) {
        var pressed = submitter;
        submitter = null;
        form.requestSubmit(pressed);
      }
    });
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (event) {
    if (inflight) {  // the draft may be being created: save into it once it is
      event.preventDefault();
      submitter = event.submitter || null;
      if (!submitter) { submitter = form.querySelector("button[type=submit]"); }
      return;
    }
    submitting = true;
  });
  window.addEventListener("pagehide", function () { save(true); });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") { save(true); }
  });
})();
