// Parts of a public page that only a signed-in viewer is shown (the forms to reply, flag, act
// on a thread), whose code a visitor's browser never downloads. The server renders them with
// the page, as before. A signed-in viewer's browser loads their code before it takes over the
// page (entry.client.tsx), so nothing changes for them either; should one show up later in the
// visit (after logging in), it loads then, and its Suspense boundary keeps the server's HTML,
// whose forms work without script, until the code is there.
import { lazy, Suspense, type ComponentType } from "react";

const parts: (() => Promise<unknown>)[] = [];

/** Whether the page in this browser was rendered for a signed-in viewer (root.tsx marks <html>). */
export function isSignedInBrowser() {
  return typeof document !== "undefined" && document.documentElement.dataset.viewer === "signed-in";
}

export function signedInOnly<P extends object>(load: () => Promise<ComponentType<P>>): ComponentType<P> {
  let loaded: ComponentType<P> | undefined;
  let loading: Promise<ComponentType<P>> | undefined;
  const preload = () => (loading ??= load().then((c) => (loaded = c)));
  parts.push(preload);
  // A signed-in viewer's next page starts fetching its parts as soon as its route module arrives.
  if (isSignedInBrowser()) void preload();
  const Lazy = lazy(() => preload().then((c) => ({ default: c }))) as unknown as ComponentType<P>;
  let chosen: ComponentType<P> | undefined;

  function SignedInOnly(props: P) {
    if (!loaded && typeof document === "undefined") throw new Error("A signed-in part rendered before loadSignedInParts() resolved on the server.");
    // Chosen once: switching between the loaded component and the lazy one would remount the part and lose what was typed.
    const Part = (chosen ??= loaded ?? Lazy);
    return (
      <Suspense fallback={null}>
        <Part {...props} />
      </Suspense>
    );
  }
  return SignedInOnly;
}

/** The code of every signed-in part defined so far: the server's before its first page, a signed-in browser's before it hydrates. */
export function loadSignedInParts(): Promise<unknown> {
  return Promise.all(parts.map((preload) => preload()));
}
