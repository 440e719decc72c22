// /account/notifications : which notifications the signed-in user's address gets. The same
// rows as the one-click unsubscribe link in each notification, so both always agree.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useSite } from "~/hooks/use-site";
import { readFormData } from "~/lib/forms.server";
import { notFound, requireUser } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { currentTime } from "~/lib/time.server";
import { notificationSettings, saveNotificationSettings } from "~/models/notification-settings.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  const settings = await notificationSettings(user.id);
  if (!settings) notFound();
  return json(settings);
}

export const meta: MetaFunction = (args) => pageTitle(args, "notifications.title");

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  const form = await readFormData(args.request);
  // A checkbox left unticked sends nothing: every kind not sent here is off.
  const on = form.getAll("on").filter((v): v is string => typeof v === "string");
  if (!(await saveNotificationSettings(user.id, on, currentTime()))) notFound();
  return json({ saved: true });
}

export default function NotificationSettings() {
  const settings = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t } = useSite();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="narrow" aria-labelledby="notifications-title">
      <h1 id="notifications-title">{t("notifications.title")}</h1>
      <p>{t("notifications.intro", { address: settings.address })}</p>
      {result?.saved ? (
        <p className="notice" role="status">
          {t("notifications.saved")}
        </p>
      ) : null}
      <Form method="post">
        <fieldset>
          <legend>{t("notifications.switchable")}</legend>
          {settings.switchable.map(({ category, on }) => (
            <div className="field" key={category}>
              <label className="checkbox">
                <input type="checkbox" name="on" value={category} defaultChecked={on} aria-describedby={`notify-${category}-hint`} />{" "}
                {t(`notifications.categories.${category}`)}
              </label>
              <p className="field-hint" id={`notify-${category}-hint`}>
                {t(`notifications.descriptions.${category}`)}
              </p>
            </div>
          ))}
        </fieldset>
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("common.saving") : t("notifications.save")}
        </button>
      </Form>
      <h2>{t("notifications.alwaysTitle")}</h2>
      <ul>
        {settings.alwaysSent.map((category) => (
          <li key={category}>
            <strong>{t(`notifications.categories.${category}`)}</strong>: {t("notifications.always")}
          </li>
        ))}
        {settings.dutyMail.length > 0 ? (
          <li>
            <strong>{settings.dutyMail.map((c) => t(`notifications.categories.${c}`)).join(" · ")}</strong>: {t("notifications.duty")}
          </li>
        ) : null}
      </ul>
    </section>
  );
}
