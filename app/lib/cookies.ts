// Reading one cookie from a Cookie header, whatever else the header holds: a browser sends
// every cookie of the domain, a sibling site's too, so one badly encoded cookie must not
// break the reading of ours.

export function readCookie(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(part.slice(eq + 1).trim());
      } catch {
        // Undecodable: as if absent, and a later cookie of the name may still be read.
        continue;
      }
    }
  }
  return undefined;
}
