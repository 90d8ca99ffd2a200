// Checkout: choosing a ward shows the outlets' distances at once (its button does it without scripts).
document.querySelectorAll("select[data-autosubmit]").forEach((select) => {
  const button = document.getElementById(select.dataset.autosubmit);
  select.addEventListener("change", () => button && select.form.requestSubmit(button));
});
