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

// The error summary: focus moves to it when the page opens, and each link puts focus in its field.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var target = document.getElementById(link.getAttribute("href").slice(1));
    if (!target) return;
    event.preventDefault();
    var box = target.closest(".field") || target;
    box.scrollIntoView({ block: "center" });
    var input = target.matches("input, select, textarea") ? target : target.querySelector("input, select, textarea");
    (input || target).focus({ preventScroll: true });
  });
})();

// Sizes and packs: show one empty line at a time and add more with a button (without JavaScript
// the page simply shows a fixed set of empty lines).
(function () {
  "use strict";
  var box = document.querySelector("[data-variant-rows]");
  if (!box) return;
  var button = box.querySelector("[data-add-variant]");
  var max = parseInt(box.dataset.maxRows || "15", 10);
  function rows() { return Array.prototype.slice.call(box.querySelectorAll("[data-variant-row]")); }
  function isEmpty(row) {
    var id = row.querySelector("input[type=hidden]");
    if (id && id.value) return false;
    if (row.querySelector(".error")) return false;
    return Array.prototype.every.call(row.querySelectorAll("input[type=text], input:not([type])"), function (input) {
      return !input.value.trim();
    });
  }
  var shownEmpty = false;
  rows().forEach(function (row) {
    if (!isEmpty(row)) return;
    if (shownEmpty) row.hidden = true;
    shownEmpty = true;
  });
  function renumber(row, index) {
    row.querySelectorAll("[name], [id], [for], [aria-describedby]").forEach(function (el) {
      ["name", "id", "for", "aria-describedby"].forEach(function (attr) {
        var value = el.getAttribute(attr);
        if (value) el.setAttribute(attr, value.replace(/variants-\d+-/g, "variants-" + index + "-"));
      });
    });
    var title = row.querySelector(".variant-title");
    if (title) title.textContent = title.textContent.replace(/\d+/, String(index + 1));
  }
  function addRow() {
    var hidden = rows().filter(function (row) { return row.hidden; })[0];
    if (hidden) { hidden.hidden = false; return hidden; }
    var all = rows();
    if (all.length >= max) return null;
    var copy = all[all.length - 1].cloneNode(true);
    copy.querySelectorAll(".error").forEach(function (el) { el.remove(); });
    copy.querySelectorAll(".has-error").forEach(function (el) { el.classList.remove("has-error"); });
    copy.querySelectorAll("input").forEach(function (input) {
      if (input.type === "checkbox") input.checked = true;
      else input.value = "";
      input.removeAttribute("aria-invalid");
    });
    renumber(copy, all.length);
    all[all.length - 1].after(copy);
    return copy;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    var row = addRow();
    if (!row) { button.disabled = true; return; }
    var first = row.querySelector("input:not([type=hidden])");
    if (first) first.focus();
    if (rows().length >= max && !rows().some(function (r) { return r.hidden; })) button.disabled = true;
  });
})();

// The preview card follows the product name as she types it.
(function () {
  "use strict";
  var title = document.querySelector(".card-preview .card-title");
  var name = document.getElementById("name");
  if (!title || !name) return;
  name.addEventListener("input", function () { title.textContent = name.value.trim() || "…"; });
})();
