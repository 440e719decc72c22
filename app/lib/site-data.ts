// What the root loader gives every page: the viewer's language, the site's time zone and
// the viewer, if logged in. The root returns it; components read it through useSite().
import type { Role } from "./domain";
import type { Locale } from "./translate";

export type SiteUser = { id: string; displayName: string; role: Role; banned: boolean; emailVerified: boolean };

export type SiteData = {
  locale: Locale;
  user: SiteUser | null;
  timeZone: string;
  /** Where the browser fetches this language's messages before it takes over the page. */
  messagesHref: string;
  /** The largest form post the server reads, checked by the browser before sending. */
  formBodyLimit: number;
  /** For admins only: failed mail or a silent scheduler, which staff and admin pages warn of. */
  opsAlert: { failedMail: number; schedulerStale: boolean } | null;
};
