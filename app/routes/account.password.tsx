// /account/password : a logged-in user changes their password. Every other session and
// every unused reset link end; this browser stays logged in.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useNavigation } from "@remix-run/react";
import { FormError, TextField } from "~/components/fields";
import { PASSWORD_MIN } from "~/lib/domain";
import { limitOrResponse, parseForm, readForm, type ActionErrors } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { changePasswordSchema } from "~/lib/validation.server";
import { changePassword } from "~/models/account-tokens.server";
import { passOnRetryAfter } from "~/lib/route-headers";
import { currentTime } from "~/lib/time.server";

export async function loader(args: LoaderFunctionArgs) {
  requireUser(args);
  return null;
}

export const meta: MetaFunction = (args) => pageTitle(args, "account.changePasswordTitle");

export const headers = passOnRetryAfter;

type Result = ActionErrors | { done: true };

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  const values = await readForm(args.request);
  // Passwords are never sent back to the page.
  const { currentPassword: _c, ...kept } = values;
  const parsed = parseForm(changePasswordSchema, kept);
  if (!parsed.ok) return parsed.response;
  // Guessing the current password is a login attempt like any other.
  const limited = await limitOrResponse("loginAccount", user.id, {});
  if (limited) return limited;
  const r = await changePassword(user.id, values.currentPassword ?? "", parsed.data.password, currentTime());
  if (!r.ok) return json<Result>({ errors: { currentPassword: "account.wrongPassword" }, values: {} }, { status: 400 });
  return json<Result>({ done: true }, { headers: { "Set-Cookie": r.cookie } });
}

export default function ChangePassword() {
  const result = useActionData<Result>();
  const { t } = useSite();
  const busy = useNavigation().state === "submitting";
  const errors = result && "errors" in result ? result : undefined;
  return (
    <section className="narrow" aria-labelledby="password-title">
      <h1 id="password-title">{t("account.changePasswordTitle")}</h1>
      {result && "done" in result ? (
        <p className="notice" role="status">
          {t("account.changePasswordDone")}
        </p>
      ) : (
        <Form method="post" noValidate>
          <FormError error={errors?.formError} values={errors?.formErrorValues} />
          <TextField
            name="currentPassword"
            type="password"
            label={t("account.currentPassword")}
            autoComplete="current-password"
            error={errors?.errors.currentPassword}
            required
          />
          <TextField
            name="password"
            type="password"
            label={t("account.newPassword")}
            hint={t("auth.passwordHint", { min: PASSWORD_MIN })}
            autoComplete="new-password"
            error={errors?.errors.password}
            required
          />
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t("common.saving") : t("account.changePasswordSubmit")}
          </button>
        </Form>
      )}
    </section>
  );
}
