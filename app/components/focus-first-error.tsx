// When a form comes back with errors, the keyboard and screen-reader user is taken to the first
// field that needs fixing, instead of staying on the button (or, after a page load, at the top).
import { useNavigation } from "@remix-run/react";
import { useEffect, useRef } from "react";

function focusFirstError(root: ParentNode) {
  root.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
}

export function FocusFirstError() {
  const navigation = useNavigation();
  const form = useRef<HTMLFormElement | null>(null);
  const posting = useRef(false);
  useEffect(() => {
    const remember = (e: Event) => {
      if (e.target instanceof HTMLFormElement && e.target.method.toLowerCase() === "post") form.current = e.target;
    };
    document.addEventListener("submit", remember, true);
    // A page the server drew for a post sent before the scripts ran: its first error, unless the
    // reader has already moved on.
    if (document.activeElement === document.body) focusFirstError(document);
    return () => document.removeEventListener("submit", remember, true);
  }, []);
  useEffect(() => {
    if (navigation.state !== "idle") {
      if (navigation.formMethod?.toLowerCase() === "post") posting.current = true;
      return;
    }
    if (!posting.current) return;
    posting.current = false;
    const sent = form.current;
    form.current = null;
    if (sent?.isConnected) focusFirstError(sent);
  }, [navigation.state, navigation.formMethod]);
  return null;
}
