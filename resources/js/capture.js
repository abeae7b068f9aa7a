/* Runs in the isolated "saml-bearer" world of every frame: the page's own scripts
 * can neither see this code nor reach its message handler. It reports forms that
 * post a SAMLResponse; the app trusts a report only when the web view really
 * tries to navigate with that POST, which the navigation policy then stops, and
 * only if no other response was reported for it. Events a page dispatches itself
 * (isTrusted false) are not reported. */
(() => {
  "use strict";

  const handler = window.webkit && window.webkit.messageHandlers &&
                  window.webkit.messageHandlers.samlbearer;
  if (!handler)
    return;

  let submitter = null;

  window.addEventListener("submit", (event) => {
    if (!event.isTrusted)
      return;
    submitter = event.submitter || null;
  }, true);

  /* "formdata" fires for every way a form is submitted, form.submit() included. */
  window.addEventListener("formdata", (event) => {
    const form = event.target;
    const data = event.formData;
    const used = submitter;
    submitter = null;

    if (!event.isTrusted || !(form instanceof HTMLFormElement) || !data)
      return;

    const response = data.get("SAMLResponse");
    if (typeof response !== "string" || response.length === 0)
      return;

    let method = form.method;
    let action = form.action;
    if (used && used.form === form) {
      if (used.hasAttribute("formmethod"))
        method = used.formMethod;
      if (used.hasAttribute("formaction"))
        action = used.formAction;
    }
    if (String(method).toLowerCase() !== "post")
      return;

    const relayState = data.get("RelayState");
    handler.postMessage({
      action: String(action),
      response: response,
      relayState: typeof relayState === "string" ? relayState : "",
    });
  }, true);
})();
