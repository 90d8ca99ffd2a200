// Checkout: choosing a ward shows the outlets' distances at once (the button does it without scripts).
document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
  select.addEventListener("change", () => select.form && select.form.requestSubmit());
});
