/* Runs in the page's own world of every frame, before the page's scripts. WebKitGTK
 * on Debian 12 has no security keys (WebAuthn): navigator.credentials and
 * PublicKeyCredential are both undefined, so a page that asks for a key fails without
 * saying why. This script reports a page's request for a key to the app, which then
 * shows a notice. A page can reach the handler too; all it can do with it is raise
 * that notice.
 *
 * What counts is a call of navigator.credentials.get() or .create() with a
 * "publicKey" option, outside conditional mediation (passkey autofill, which pages
 * start by themselves). Feature checks such as window.PublicKeyCredential are not
 * reported: identity providers make them on every page, so they say nothing about
 * what the user chose, and PublicKeyCredential stays undefined so pages keep
 * offering their other ways to sign in. */
(() => {
  "use strict";

  const handlers = window.webkit && window.webkit.messageHandlers;
  const handler = handlers && handlers.samlbearerwebauthn;
  if (!handler)
    return;

  const asksForKey = (options) =>
    options !== null && typeof options === "object" && !!options.publicKey &&
    options.mediation !== "conditional";

  const report = (operation) => {
    try {
      handler.postMessage(operation);
    } catch (e) {
      /* Reporting must never break the page. */
    }
  };

  const reject = (name, message) => Promise.reject(new DOMException(message, name));

  if (!navigator.credentials) {
    /* What a browser without any authenticator or saved credential answers. */
    const container = {
      get(options) {
        if (asksForKey(options)) {
          report("get");
          return reject("NotAllowedError", "Security keys are not available in this application.");
        }
        if (options && options.publicKey)
          return reject("NotAllowedError", "Security keys are not available in this application.");
        return Promise.resolve(null);
      },
      create(options) {
        if (asksForKey(options)) {
          report("create");
          return reject("NotAllowedError", "Security keys are not available in this application.");
        }
        return reject("NotSupportedError", "This kind of credential is not supported.");
      },
      store() {
        return Promise.resolve(undefined);
      },
      preventSilentAccess() {
        return Promise.resolve(undefined);
      },
    };

    try {
      Object.defineProperty(navigator, "credentials", {
        value: Object.freeze(container), configurable: true, enumerable: true, writable: false,
      });
    } catch (e) {
      /* Leave the navigator as it is. */
    }
    return;
  }

  /* A WebKit with the API: watch the calls and let them go on unchanged. */
  const credentials = navigator.credentials;
  for (const operation of ["get", "create"]) {
    const original = credentials[operation];
    if (typeof original !== "function")
      continue;

    const wrapper = {
      [operation](options) {
        if (asksForKey(options))
          report(operation);
        return Reflect.apply(original, this, arguments);
      },
    }[operation];

    try {
      Object.defineProperty(credentials, operation, {
        value: wrapper, configurable: true, enumerable: false, writable: true,
      });
    } catch (e) {
      /* A frozen container stays as it is. */
    }
  }
})();
