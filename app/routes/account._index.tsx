// /account : everything a signed-in user can see and decide about their own data, in one place.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { requireUser } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  return json({ owner: user.role === "owner" });
}

export const meta: MetaFunction = (args) => pageTitle(args, "accountHome.title");

export default function AccountHome() {
  const { owner } = useLoaderData<typeof loader>();
  const { t } = useSite();
  const links = [
    ...(owner ? [{ to: "/account/projects", label: "accountHome.projects", hint: "accountHome.projectsHint" }] : []),
    { to: "/account/notifications", label: "accountHome.notifications", hint: "accountHome.notificationsHint" },
    { to: "/account/data", label: "accountHome.data", hint: "accountHome.dataHint" },
    { to: "/account/password", label: "accountHome.password", hint: null },
    ...(owner ? [{ to: "/account/delete", label: "accountHome.delete", hint: "accountHome.deleteHint" }] : []),
  ];
  return (
    <section className="narrow" aria-labelledby="account-title">
      <h1 id="account-title">{t("accountHome.title")}</h1>
      <p>{t("accountHome.intro")}</p>
      <ul className="account-links">
        {links.map((l) => (
          <li key={l.to}>
            <Link to={l.to}>{t(l.label)}</Link>
            {l.hint ? <p className="field-hint">{t(l.hint)}</p> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
