// /account/data : everything the site keeps about the signed-in user, to read (PIPL), with
// the download of the same (/account/data.json) and the ways to change or end it.
import type { HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { AccountDataView } from "~/components/account-data";
import { useSite } from "~/hooks/use-site";
import { notFound, requireUser } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { currentTime } from "~/lib/time.server";
import { readAccountData } from "~/models/account-data.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const data = await readAccountData(user.id, currentTime());
  if (!data) notFound();
  return json({ data });
}

// Personal data: never kept by a browser's or a proxy's cache.
export const headers: HeadersFunction = () => ({ "Cache-Control": "private, no-store" });

export const meta: MetaFunction = (args) => pageTitle(args, "myData.title");

export default function MyData() {
  const { data } = useLoaderData<typeof loader>();
  const { t, dateTime } = useSite();
  return (
    <section aria-labelledby="my-data-title">
      <h1 id="my-data-title">{t("myData.title")}</h1>
      <p>{t("myData.intro")}</p>
      <p className="muted">{t("myData.generatedAt", { at: dateTime(data.generatedAt) })}</p>
      <p className="row-actions">
        <a href="/account/data.json" className="button button-primary" download>
          {t("myData.download")}
        </a>
        <Link to="/account/notifications" className="button">
          {t("myData.notificationsLink")}
        </Link>
        {data.account.role === "owner" ? (
          <Link to="/account/delete" className="button">
            {t("myData.deleteLink")}
          </Link>
        ) : null}
      </p>
      <p className="field-hint">{t("myData.downloadHint")}</p>
      <AccountDataView data={data} />
    </section>
  );
}
