// Admins see, on every staff and admin page, that mail is failing or the scheduler has stopped.
import { Link, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useSite } from "~/hooks/use-site";
import type { SiteData } from "~/lib/site-data";

export function OperationsBanner() {
  const alert = useRouteLoaderData<SiteData>("root")?.opsAlert;
  const { pathname } = useLocation();
  const { t } = useSite();
  const here = /^\/(staff|admin)(\/|$)/.test(pathname);
  if (!alert || !here || pathname === "/admin/operations") return null;
  return (
    <aside className="form-error ops-banner" aria-label={t("nav.operations")}>
      {alert.failedMail > 0 ? <p>{t("ops.bannerFailed", { count: alert.failedMail })}</p> : null}
      {alert.schedulerStale ? <p>{t("ops.bannerStale")}</p> : null}
      <p>
        <Link to="/admin/operations">{t("ops.bannerLink")}</Link>
      </p>
    </aside>
  );
}
