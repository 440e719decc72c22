import { RemixBrowser } from "@remix-run/react";
import { startTransition, StrictMode } from "react";
import { hydrateRoot } from "react-dom/client";
import { isSignedInBrowser, loadSignedInParts } from "~/components/signed-in-only";
import { DEFAULT_LOCALE, isLocale, provideMessages, type Messages } from "~/lib/translate";

// The page's language's messages come as data (preloaded by the root's <link>); the page
// works as the server sent it until they arrive, and stays so if they never do.
const lang = document.documentElement.lang;
const locale = isLocale(lang) ? lang : DEFAULT_LOCALE;
const href = document.querySelector<HTMLLinkElement>("link[data-messages]")?.href ?? `/locales/${locale}`;

const messages = fetch(href).then((res) => {
  if (!res.ok) throw new Error(`${href} answered ${res.status}`);
  return res.json() as Promise<Messages>;
});

// A signed-in viewer's forms are there before hydration, as the server rendered them.
Promise.all([messages, isSignedInBrowser() ? loadSignedInParts() : null])
  .then(([messages]) => {
    provideMessages(locale, messages);
    startTransition(() => {
      hydrateRoot(
        document,
        <StrictMode>
          <RemixBrowser />
        </StrictMode>,
      );
    });
  })
  .catch((error: unknown) => console.error("The page's script did not start; it stays as the server rendered it.", error));
