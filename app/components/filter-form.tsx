// A list's filter form (a GET form). Its menus and search box start from the address, and the form
// is drawn anew whenever the address changes in place ("clear filters", a chip, the back button):
// uncontrolled fields keep the value they were first given, so without that they would show, and
// send again, the filters the reader just left. A keyboard user who submitted it keeps their place:
// the field or button that had focus in the old form gets it back in the new one.
import { Form, useLocation } from "@remix-run/react";
import { useEffect, useRef, type ComponentProps } from "react";

function selectorOf(el: Element | null, form: HTMLFormElement | null): string | null {
  if (!el || !form || !form.contains(el)) return null;
  const name = el.getAttribute("name");
  if (name) return `[name="${CSS.escape(name)}"]`;
  return el.getAttribute("type") === "submit" ? '[type="submit"]' : null;
}

export function FilterForm(props: Omit<ComponentProps<typeof Form>, "method">) {
  const { search } = useLocation();
  const form = useRef<HTMLFormElement>(null);
  const shown = useRef(search);
  const refocus = useRef<string | null>(null);
  if (shown.current !== search) {
    // Rendering for a new address: the old form is still on the page, so this is the last moment
    // to see what had focus in it.
    shown.current = search;
    if (typeof document !== "undefined") refocus.current = selectorOf(document.activeElement, form.current);
  }
  useEffect(() => {
    const selector = refocus.current;
    refocus.current = null;
    if (!selector || (document.activeElement && document.activeElement !== document.body)) return;
    form.current?.querySelector<HTMLElement>(selector)?.focus();
  }, [search]);
  return <Form key={search} ref={form} method="get" {...props} />;
}
