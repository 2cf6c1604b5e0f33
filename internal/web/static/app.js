// erikti works without this file; it only makes forms friendlier.
(function () {
  "use strict";
  // After a form comes back with errors, take the reader to the summary of them.
  var summary = document.getElementById("error-summary");
  if (summary) {
    summary.focus();
  }
  // Following a link of the summary puts the cursor in the field, not just in view.
  document.addEventListener("click", function (e) {
    var a = e.target.closest && e.target.closest(".error-summary a");
    if (!a) return;
    var el = document.getElementById(a.getAttribute("href").slice(1));
    if (!el) return;
    var input = el.matches("input,select,textarea") ? el : el.querySelector("input,select,textarea");
    if (input) {
      e.preventDefault();
      input.focus();
    }
  });
  // A copy button beside a read-only address (the calendar page), shown only where the browser can
  // copy; without it the address stays selectable in its field.
  if (navigator.clipboard && document.querySelectorAll) {
    var buttons = document.querySelectorAll("button[data-copy]");
    for (var i = 0; i < buttons.length; i++) {
      (function (b) {
        var field = document.getElementById(b.getAttribute("data-copy"));
        var said = b.parentNode.querySelector(".copy-status");
        if (!field) return;
        b.hidden = false;
        b.addEventListener("click", function () {
          navigator.clipboard.writeText(field.value).then(function () {
            if (said) said.textContent = b.getAttribute("data-copied");
          }, function () {
            field.focus();
            field.select();
          });
        });
      })(buttons[i]);
    }
  }
  // The new-event form proposes the event's start and end to its shift rows: an empty shift time,
  // or one this script proposed and nobody changed since, follows the event's; a time the reader
  // typed is never overwritten. Without this file the server does the same when a row has no times.
  var shiftRows = document.querySelectorAll ? document.querySelectorAll(".shift-row") : [];
  if (shiftRows.length) {
    ["starts_at", "ends_at"].forEach(function (name) {
      var source = document.getElementById("f-" + name);
      if (!source) return;
      var propose = function () {
        for (var i = 0; i < shiftRows.length; i++) {
          var input = shiftRows[i].querySelector('input[name$="_' + name + '"]');
          if (!input) continue;
          if (input.value === "" || input.value === input.getAttribute("data-proposed")) {
            input.value = source.value;
            input.setAttribute("data-proposed", source.value);
          }
        }
      };
      // a time the server proposed (the form shown again) follows the event's too
      for (var i = 0; i < shiftRows.length; i++) {
        var shown = shiftRows[i].querySelector('input[name$="_' + name + '"]');
        if (shown && shown.value !== "" && shown.value === source.value) shown.setAttribute("data-proposed", shown.value);
      }
      source.addEventListener("change", propose);
      source.addEventListener("input", propose);
    });
  }
  // The check-in desk's name search filters its list as the coordinator types, and says how many
  // it finds; without this file the search is sent (?q=) and the server hides the others.
  var deskFilter = document.querySelector ? document.querySelector("input[data-desk-filter]") : null;
  var deskList = deskFilter && document.getElementById(deskFilter.getAttribute("data-desk-filter"));
  if (deskList) {
    var deskFound = document.querySelector("[data-desk-found]");
    deskFilter.addEventListener("input", function () {
      var q = deskFilter.value.trim().toLowerCase();
      var rows = deskList.children, n = 0;
      for (var i = 0; i < rows.length; i++) {
        var hit = (rows[i].getAttribute("data-name") || "").indexOf(q) !== -1;
        rows[i].hidden = !hit;
        if (hit) n++;
      }
      if (deskFound) deskFound.textContent = q ? deskFound.getAttribute("data-desk-found").replace("{n}", n) : "";
    });
  }
})();
