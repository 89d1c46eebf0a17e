// Starts the GOV.UK Frontend components, and starts them again inside whatever htmx swaps in.
import { initAll } from "./govuk/govuk-frontend.min.js";

initAll();

document.body.addEventListener("htmx:afterSwap", (event) => {
  initAll({ scope: event.detail.elt });
});
