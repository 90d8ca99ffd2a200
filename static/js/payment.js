/* Payment pages, progressively enhanced: copy buttons and a 20-second status poll.
   Without JavaScript the values stay plain selectable text and the page shows the state it was served with. */
(function () {
  "use strict";

  function setUpCopy(button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    var label = button.textContent;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.getAttribute("data-copy")).then(function () {
        button.textContent = button.getAttribute("data-copied");
        window.setTimeout(function () { button.textContent = label; }, 2000);
      });
    });
  }

  function setUpPoll(box) {
    var url = box.getAttribute("data-status-url");
    var badge = box.querySelector("[data-pay-status]");
    var message = box.querySelector("[data-pay-message]");
    var timer = window.setInterval(check, 20000);

    function show(state) {
      if (badge) {
        badge.textContent = state.label;
        badge.className = "pay-status pay-status-" + state.status;
      }
      if (message) message.textContent = state.message;
      if (!state.waiting) {
        window.clearInterval(timer);
        document.querySelectorAll("[data-while-waiting]").forEach(function (el) { el.hidden = true; });
      }
    }

    function check() {
      if (document.hidden) return;
      fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (state) { if (state) show(state); })
        .catch(function () { /* offline for a moment: try again at the next tick */ });
    }
  }

  document.querySelectorAll("button[data-copy]").forEach(setUpCopy);
  document.querySelectorAll("[data-status-url]").forEach(setUpPoll);
})();
