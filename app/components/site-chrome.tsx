import { Form, Link, NavLink, useLocation } from "@remix-run/react";
import { LOCALE_NAMES, LOCALES } from "~/lib/translate";
import { isStaffRole } from "~/lib/domain";
import { useSite } from "~/hooks/use-site";

export function SiteHeader() {
  const { t, user, locale } = useSite();
  const location = useLocation();
  const here = location.pathname + location.search;
  return (
    <header className="site-header">
      <a className="skip-link" href="#main">
        {t("site.skipToContent")}
      </a>
      <div className="container header-row">
        <Link to="/" className="brand">
          <span className="brand-mark" aria-hidden="true">
            诉
          </span>
          <span>
            <span className="brand-name">{t("site.name")}</span>
            <span className="brand-company">{t("site.company")}</span>
          </span>
        </Link>
        <nav aria-label={t("nav.mainMenu")} className="main-nav">
          <NavLink to="/" end>
            {t("nav.home")}
          </NavLink>
          <NavLink to="/projects">{t("nav.projects")}</NavLink>
          <NavLink to="/stats">{t("nav.stats")}</NavLink>
          <NavLink to="/search">{t("nav.search")}</NavLink>
          {user && isStaffRole(user.role) ? <NavLink to="/staff">{t("queue.title")}</NavLink> : null}
          {user?.role === "admin" ? <NavLink to="/admin/users">{t("nav.admin")}</NavLink> : null}
          {user?.role === "admin" ? <NavLink to="/admin/organisation">{t("nav.organisation")}</NavLink> : null}
          {user?.role === "admin" ? <NavLink to="/admin/operations">{t("nav.operations")}</NavLink> : null}
          <Link to="/threads/new" className="button button-primary">
            {t("nav.newThread")}
          </Link>
        </nav>
        <div className="header-tools">
          <nav aria-label={t("nav.language")} className="lang-switch">
            {LOCALES.map((l) =>
              l === locale ? (
                <span key={l} aria-current="true" lang={l}>
                  {LOCALE_NAMES[l]}
                </span>
              ) : (
                <a key={l} lang={l} hrefLang={l} href={`/language?lang=${l}&next=${encodeURIComponent(here)}`}>
                  {LOCALE_NAMES[l]}
                </a>
              ),
            )}
          </nav>
          {user ? (
            <div className="account">
              <span className="account-name">
                {t("nav.signedInAs", { name: user.displayName })}
                {isStaffRole(user.role) ? <span className="badge badge-staff">{t(`roles.${user.role}`)}</span> : null}
              </span>
              <Link to="/account">{t("nav.myAccount")}</Link>
              <Form method="post" action="/logout">
                <button type="submit" className="link-button">
                  {t("nav.logout")}
                </button>
              </Form>
            </div>
          ) : (
            <div className="account">
              <Link to={`/login?redirectTo=${encodeURIComponent(here)}`}>{t("nav.login")}</Link>
              <Link to="/register">{t("nav.register")}</Link>
            </div>
          )}
        </div>
      </div>
    </header>
  );
}

export function SiteFooter() {
  const { t } = useSite();
  return (
    <footer className="site-footer">
      <div className="container">
        <p>{t("site.footer")}</p>
        <p>
          <a href="/api/threads">{t("nav.api")}</a>
        </p>
      </div>
    </footer>
  );
}
