// Checks every form post's size before the browser sends it: the server refuses a body over
// its limit (413) without reading it, and the page it answers with loses what was typed.
// Over the limit, the post is not sent and a message next to the form says why.
import { useLocation } from "@remix-run/react";
import { useEffect } from "react";
import { bodyLimitFor, formatBytes } from "~/lib/body-limits";
import { useSite } from "~/hooks/use-site";

const MESSAGE = "data-body-limit-message";

const utf8 = (s: string) => new TextEncoder().encode(s).length;
// Browsers send a textarea's line breaks as CRLF.
const crlf = (s: string) => s.replace(/\r?\n/g, "\r\n");

/**
 * The size of the body this form would send, in bytes (multipart part headers estimated
 * generously), and how much of it is text: text keeps the form limit even beside files.
 */
export function encodedSize(form: HTMLFormElement, submitter: HTMLElement | null): { total: number; text: number } {
  const data = new FormData(form, submitter);
  const enctype = submitter?.getAttribute("formenctype") ?? form.enctype;
  if (enctype === "multipart/form-data") {
    let total = 0;
    let text = 0;
    for (const [name, value] of data) {
      const part = 120 + utf8(name) + (typeof value === "string" ? utf8(crlf(value)) : utf8(value.name) + value.size);
      total += part;
      if (typeof value === "string") text += utf8(crlf(value));
    }
    return { total, text };
  }
  const params = new URLSearchParams();
  for (const [name, value] of data) params.append(name, typeof value === "string" ? crlf(value) : value.name);
  const size = params.toString().length;
  return { total: size, text: size };
}

export function BodySizeGuard({ formLimit }: { formLimit: number }) {
  const { t } = useSite();
  const { key } = useLocation();

  useEffect(() => {
    const onSubmit = (event: SubmitEvent) => {
      const form = event.target;
      if (!(form instanceof HTMLFormElement)) return;
      const submitter = event.submitter instanceof HTMLElement ? event.submitter : null;
      form.parentElement?.querySelector(`:scope > [${MESSAGE}]`)?.remove();
      const method = (submitter?.getAttribute("formmethod") ?? form.getAttribute("method") ?? "get").toLowerCase();
      if (method !== "post") return;
      const action = new URL(submitter?.getAttribute("formaction") ?? form.action, window.location.href);
      const enctype = submitter?.getAttribute("formenctype") ?? form.enctype;
      const size = encodedSize(form, submitter);
      const bodyLimit = bodyLimitFor(action.pathname, enctype, formLimit);
      const limit = size.text > formLimit ? formLimit : size.total > bodyLimit ? bodyLimit : null;
      if (limit == null) return;
      // Capturing on window runs before React's handlers (Remix's <Form> among them): nothing is sent.
      event.preventDefault();
      event.stopPropagation();
      const message = document.createElement("p");
      message.className = "form-error";
      message.setAttribute("role", "alert");
      message.setAttribute(MESSAGE, "");
      message.textContent = t("http.formTooLarge", { limit: formatBytes(limit) });
      form.before(message);
    };
    window.addEventListener("submit", onSubmit, true);
    return () => window.removeEventListener("submit", onSubmit, true);
  }, [formLimit, t]);

  // A message belongs to the page it was shown on.
  useEffect(
    () => () => {
      for (const node of document.querySelectorAll(`[${MESSAGE}]`)) node.remove();
    },
    [key],
  );
  return null;
}
