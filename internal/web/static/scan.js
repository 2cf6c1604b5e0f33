// Camera scanning on the check-in desk, where the browser has both BarcodeDetector and a camera.
// Without them (or without this file) nothing changes: the code is typed into the form as before.
// Every text comes from the page (data attributes), in the reader's language.
(function () {
  "use strict";
  var box = document.getElementById("scan");
  var form = box && document.getElementById(box.getAttribute("data-form"));
  if (!form || !("BarcodeDetector" in window) || !navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
    return;
  }
  var start = box.querySelector("[data-scan-start]");
  var stop = box.querySelector("[data-scan-stop]");
  var video = box.querySelector("video");
  var status = box.querySelector("[data-scan-status]");
  var out = box.querySelector("[data-scan-out]");
  var token = form.querySelector("input[name=token]");
  var again = "erikti-scan";
  var stream = null;
  var timer = 0;
  var detector;

  function say(attr) {
    status.textContent = box.getAttribute(attr) || "";
  }

  function halt() {
    if (timer) {
      clearTimeout(timer);
      timer = 0;
    }
    if (stream) {
      stream.getTracks().forEach(function (t) { t.stop(); });
      stream = null;
    }
    video.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  }

  function found(value) {
    halt();
    say("data-found");
    token.value = value;
    try {
      sessionStorage.setItem(again, out.checked ? "out" : "in");
    } catch (e) { /* private mode: scanning simply does not restart */ }
    var button = form.querySelector('button[name=action][value="' + (out.checked ? "out" : "in") + '"]');
    if (form.requestSubmit) {
      form.requestSubmit(button);
    } else {
      button.click();
    }
  }

  function look() {
    timer = 0;
    if (!stream) return;
    detector.detect(video).then(function (codes) {
      if (!stream) return;
      if (codes.length > 0 && codes[0].rawValue) {
        found(codes[0].rawValue);
        return;
      }
      timer = setTimeout(look, 200);
    }, function () {
      if (stream) timer = setTimeout(look, 500);
    });
  }

  function begin() {
    start.hidden = true;
    navigator.mediaDevices.getUserMedia({ video: { facingMode: "environment" }, audio: false }).then(function (s) {
      stream = s;
      video.srcObject = s;
      video.hidden = false;
      stop.hidden = false;
      say("data-hint");
      return video.play().then(look);
    }).catch(function () {
      halt();
      say("data-failed");
    });
  }

  BarcodeDetector.getSupportedFormats().then(function (formats) {
    if (formats.indexOf("qr_code") < 0) return;
    detector = new BarcodeDetector({ formats: ["qr_code"] });
    box.hidden = false;
    start.addEventListener("click", begin);
    stop.addEventListener("click", halt);
    // after a scanned check-in the desk comes back: scan the next volunteer the same way
    var last = null;
    try {
      last = sessionStorage.getItem(again);
      sessionStorage.removeItem(again);
    } catch (e) { /* nothing to restart */ }
    if (last && !form.querySelector("[aria-invalid=true]")) {
      out.checked = last === "out";
      begin();
    }
  }, function () { /* no formats: stay hidden */ });
})();
