/* The offline API documentation: Swagger UI (vendored) over this server's OpenAPI spec. */
window.addEventListener("DOMContentLoaded", function () {
  "use strict";
  window.ui = SwaggerUIBundle({
    url: "/openapi.json", dom_id: "#swagger-ui", deepLinking: true,
    validatorUrl: null,  // the default validator is a web service
    onComplete: function () { document.body.dataset.ready = "1"; }
  });
});
