// Ward lists follow the chosen province without a page reload; without JS a button reloads the form.
(function () {
  "use strict";
  document.querySelectorAll(".place-fields").forEach(function (box) {
    var selects = box.querySelectorAll("select");
    if (selects.length < 2) return;
    var province = selects[0];
    var ward = selects[1];
    var button = box.querySelector(".js-hide");
    if (button) button.hidden = true;
    province.addEventListener("change", function () {
      fetch(box.dataset.wardsUrl + "?tinh=" + encodeURIComponent(province.value), { credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : []; })
        .then(function (wards) {
          var first = ward.options[0];
          ward.innerHTML = "";
          if (first && first.value === "0") ward.appendChild(first);
          wards.forEach(function (w) {
            var option = document.createElement("option");
            option.value = w.code;
            option.textContent = w.name;
            ward.appendChild(option);
          });
          ward.value = "0";
        });
    });
  });
})();
