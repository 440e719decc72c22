// One-click unsubscribe from a notification email, without logging in. The link is signed;
// GET asks (so link scanners change nothing), POST does it (also RFC 8058 one-click from mail apps).
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { readUnsubscribeLink, resubscribe, unsubscribe } from "~/models/mail-outbox.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { currentTime } from "~/lib/time.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const link = await readUnsubscribeLink(new URL(request.url).searchParams);
  return json({ link }, { status: link ? 200 : 400 });
}

export const meta: MetaFunction = (args) => pageTitle(args, "unsubscribe.title");

export async function action({ request }: ActionFunctionArgs) {
  const link = await readUnsubscribeLink(new URL(request.url).searchParams);
  if (!link) return json({ done: null }, { status: 400 });
  const form = await request.formData().catch(() => null);
  if (form?.get("undo") === "1") {
    await resubscribe(link.address, link.category);
    return json({ done: "resubscribed" as const });
  }
  await unsubscribe(link.address, link.category, currentTime());
  return json({ done: "unsubscribed" as const });
}

export default function Unsubscribe() {
  const { link } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useSite();
  const { search } = useLocation();
  if (!link) {
    return (
      <section className="narrow">
        <h1>{t("unsubscribe.title")}</h1>
        <p className="form-error">{t("unsubscribe.invalid")}</p>
        <ManageLink />
      </section>
    );
  }
  const values = { address: link.address, category: t(`unsubscribe.categories.${link.category}`) };
  return (
    <section className="narrow">
      <h1>{t("unsubscribe.title")}</h1>
      {result?.done === "unsubscribed" ? (
        <>
          <p className="notice" role="status">
            {t("unsubscribe.done", values)}
          </p>
          <Form method="post" action={`/unsubscribe${search}`}>
            <input type="hidden" name="undo" value="1" />
            <button type="submit" className="button">
              {t("unsubscribe.undo")}
            </button>
          </Form>
        </>
      ) : (
        <>
          {result?.done === "resubscribed" ? (
            <p className="notice" role="status">
              {t("unsubscribe.resubscribed")}
            </p>
          ) : null}
          <p>{t("unsubscribe.confirm", values)}</p>
          <Form method="post" action={`/unsubscribe${search}`}>
            <button type="submit" className="button button-primary" autoFocus>
              {t("unsubscribe.submit")}
            </button>
          </Form>
        </>
      )}
      <ManageLink />
    </section>
  );
}

/** Every kind at once, for whoever logs in (the same rows as this link writes). */
function ManageLink() {
  const { t } = useSite();
  return (
    <p>
      <Link to="/account/notifications">{t("notifications.manage")}</Link>
    </p>
  );
}
