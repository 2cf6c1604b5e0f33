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
})();
