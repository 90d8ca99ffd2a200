// Wide screens show the filter sheet open as a sidebar; phones keep it folded until tapped.
(function () {
  if (!window.matchMedia("(min-width: 960px)").matches) return;
  document.querySelectorAll("details.filter-sheet").forEach(function (sheet) { sheet.open = true; });
})();
