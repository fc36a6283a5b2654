// Starts Swagger UI on the description this server serves. A file of its own, not an inline
// script: the page's Content-Security-Policy runs scripts of this origin only.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    url: "/openapi.json",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // "Authorize" takes the access token of POST /api/v1/auth/login (bearerAuth); it survives a
    // reload of this page in this browser's local storage.
    persistAuthorization: true,
    displayRequestDuration: true,
    // The default would send the description to an external validator service.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis],
    layout: "BaseLayout",
  });
});
