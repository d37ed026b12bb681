/*
 * The certificate page's print button. Printing needs JavaScript, so the button stays hidden
 * without it; the PDF link is the way then.
 */
(function () {
  "use strict";

  document.querySelectorAll("[data-certificate-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
