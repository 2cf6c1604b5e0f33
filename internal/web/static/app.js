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
})();
