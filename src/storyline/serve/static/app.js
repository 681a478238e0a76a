// Storyline: the pages work without this file; it only saves clicks.
"use strict";

// Open the timeline entry (a <details>) that a link or the address points at.
function openTarget() {
  if (!location.hash) return;
  let el;
  try { el = document.getElementById(decodeURIComponent(location.hash.slice(1))); } catch (e) { return; }
  if (el && el.tagName === "DETAILS") el.open = true;
}
window.addEventListener("hashchange", openTarget);
document.addEventListener("DOMContentLoaded", function () {
  openTarget();
  // Filters apply as soon as a choice is made.
  document.querySelectorAll("form.filters select").forEach(function (sel) {
    sel.addEventListener("change", function () { sel.form.submit(); });
  });
});
