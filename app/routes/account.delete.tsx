// /account/delete : an owner deletes their account (PIPL: the right to delete), with their
// password and a typed confirmation. Staff and admins are sent to an admin instead.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, TextField } from "~/components/fields";
import { useSite } from "~/hooks/use-site";
import { clearedSessionCookie } from "~/lib/auth.server";
import { invalid, limitOrResponse, readForm, type ActionErrors } from "~/lib/forms.server";
import { notFound, requireUser } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { passOnRetryAfter } from "~/lib/route-headers";
import { currentTime } from "~/lib/time.server";
import { deleteAccountSchema } from "~/lib/validation.server";
import { deleteAccount } from "~/models/account-deletion.server";

export async function loader(args: LoaderFunctionArgs) {
  // After the deletion the browser is logged out: the page says it is done.
  if (!args.context.user && new URL(args.request.url).searchParams.get("done") === "1") return json({ state: "done" as const });
  const user = requireUser(args);
  return json({ state: user.role === "owner" ? ("form" as const) : ("notOwner" as const) });
}

export const meta: MetaFunction = (args) => pageTitle(args, "myData.deleteTitle");

export const headers = passOnRetryAfter;

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  if (user.role !== "owner") return json<ActionErrors>({ errors: {}, values: {}, formError: "myData.deleteNotOwner" }, { status: 403 });
  const values = await readForm(args.request);
  const parsed = deleteAccountSchema.safeParse(values);
  // Each message is a locale key of this page's own.
  if (!parsed.success) return invalid(values, Object.fromEntries(parsed.error.issues.map((i) => [String(i.path[0]), i.message])));
  // Guessing the password here is a login attempt like any other.
  const limited = await limitOrResponse("loginAccount", user.id, values);
  if (limited) return limited;
  const r = await deleteAccount({ userId: user.id, password: parsed.data.password, removePhotos: parsed.data.removePhotos === "1" }, currentTime());
  if (!r.ok) {
    if (r.reason === "wrongPassword") return invalid(values, { password: "account.wrongPassword" });
    if (r.reason === "notFound") notFound();
    return json<ActionErrors>({ errors: {}, values: {}, formError: "myData.deleteNotOwner" }, { status: 403 });
  }
  return redirect("/account/delete?done=1", { headers: { "Set-Cookie": clearedSessionCookie() } });
}

export default function DeleteAccount() {
  const { state } = useLoaderData<typeof loader>();
  const result = useActionData<ActionErrors>();
  const { t } = useSite();
  const busy = useNavigation().state === "submitting";
  if (state === "done") {
    return (
      <section className="narrow" aria-labelledby="delete-title">
        <h1 id="delete-title">{t("myData.deletedTitle")}</h1>
        <p className="notice" role="status">
          {t("myData.deletedBody")}
        </p>
      </section>
    );
  }
  return (
    <section className="narrow" aria-labelledby="delete-title">
      <h1 id="delete-title">{t("myData.deleteTitle")}</h1>
      {state === "notOwner" ? (
        <p className="notice">{t("myData.deleteNotOwner")}</p>
      ) : (
        <>
          <p>{t("myData.deleteIntro")}</p>
          <ul>
            {(["account", "records", "posts", "ratings", "photos", "final"] as const).map((k) => (
              <li key={k}>{t(`myData.deleteWhat.${k}`)}</li>
            ))}
          </ul>
          <p>
            <Link to="/account/data">{t("myData.deleteDownloadFirst")}</Link>
          </p>
          <Form method="post" noValidate>
            <FormError error={result?.formError} values={result?.formErrorValues} />
            <TextField
              name="password"
              type="password"
              label={t("myData.deletePassword")}
              autoComplete="current-password"
              error={result?.errors.password}
              required
            />
            <TextField
              name="confirm"
              label={t("myData.deleteConfirm")}
              autoComplete="off"
              defaultValue={result?.values.confirm}
              error={result?.errors.confirm}
              required
            />
            <label className="checkbox">
              <input type="checkbox" name="removePhotos" value="1" defaultChecked={result?.values.removePhotos === "1"} /> {t("myData.deleteRemovePhotos")}
            </label>
            <button type="submit" className="button button-primary" disabled={busy}>
              {busy ? t("myData.deleting") : t("myData.deleteSubmit")}
            </button>
          </Form>
        </>
      )}
    </section>
  );
}
