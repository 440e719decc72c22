import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { FormError, SubmitButton, TextField } from "~/components/fields";
import { PASSWORD_MIN } from "~/lib/domain";
import { parseForm, readForm, type ActionErrors } from "~/lib/forms.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { resetPasswordSchema } from "~/lib/validation.server";
import { isResetTokenValid, resetPassword } from "~/models/account-tokens.server";
import { currentTime } from "~/lib/time.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  return json({ token, valid: await isResetTokenValid(token, currentTime()) });
}

export const meta: MetaFunction = (args) => pageTitle(args, "account.resetTitle");

export async function action({ request }: ActionFunctionArgs) {
  const values = await readForm(request);
  const parsed = parseForm(resetPasswordSchema, values);
  if (!parsed.ok) return parsed.response;
  if (!(await resetPassword(parsed.data.token, parsed.data.password, currentTime()))) {
    return json<ActionErrors>({ errors: {}, values: {}, formError: "account.resetInvalid" }, { status: 400 });
  }
  return redirect("/login?reset=1");
}

export default function ResetPassword() {
  const { token, valid } = useLoaderData<typeof loader>();
  const data = useActionData<ActionErrors>();
  const { t } = useSite();
  return (
    <section className="narrow">
      <h1>{t("account.resetTitle")}</h1>
      {valid ? (
        <Form method="post" noValidate>
          <FormError error={data?.formError} />
          <input type="hidden" name="token" value={token} />
          <TextField
            name="password"
            type="password"
            label={t("account.newPassword")}
            hint={t("auth.passwordHint", { min: PASSWORD_MIN })}
            autoComplete="new-password"
            error={data?.errors.password}
            required
          />
          <SubmitButton className="button button-primary" pending={t("common.saving")}>
            {t("account.resetSubmit")}
          </SubmitButton>
        </Form>
      ) : (
        <p className="form-error" role="alert">
          {t("account.resetInvalid")} <Link to="/forgot-password">{t("account.forgotTitle")}</Link>
        </p>
      )}
    </section>
  );
}
