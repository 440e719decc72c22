import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation } from "@remix-run/react";
import { FormError, Honeypot, TextField } from "~/components/fields";
import { DISPLAY_NAME_MAX, PASSWORD_MIN } from "~/lib/domain";
import { honeypotResponse, limitOrResponse, parseForm, readForm, type ActionErrors } from "~/lib/forms.server";
import { detectLocale } from "~/lib/locale.server";
import { pageDescription, pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { registerSchema } from "~/lib/validation.server";
import { registerOwner } from "~/models/users.server";
import { registeringCookie } from "~/models/device-cookie.server";
import { passOnRetryAfter } from "~/lib/route-headers";
import { currentTime } from "~/lib/time.server";

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.user) throw redirect("/");
  return null;
}

export const meta: MetaFunction = (args) => [...pageTitle(args, "auth.registerTitle"), ...pageDescription(args, "seo.register")];

export const headers = passOnRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request);
  const limited = await limitOrResponse("register", context.clientIp, values);
  if (limited) return limited;
  const trap = honeypotResponse(values);
  if (trap) return trap;
  const parsed = parseForm(registerSchema, values);
  if (!parsed.ok) return parsed.response;
  // The same answer whether or not the address has an account: the email says which.
  await registerOwner({ ...parsed.data, locale: detectLocale(request) }, currentTime());
  // This browser may be logged in by the link (and no other): see registeringCookie.
  return json<RegisterResult>({ sentTo: parsed.data.email.trim() }, { headers: { "Set-Cookie": await registeringCookie(parsed.data.email) } });
}

type RegisterResult = { sentTo: string };

export default function Register() {
  const result = useActionData<ActionErrors | RegisterResult>();
  const { t } = useSite();
  const busy = useNavigation().state === "submitting";
  if (result && "sentTo" in result) {
    return (
      <section className="narrow" aria-labelledby="register-title">
        <h1 id="register-title">{t("account.checkMailTitle")}</h1>
        <p role="status">{t("account.checkMail", { email: result.sentTo })}</p>
        <p className="field-hint">{t("account.checkMailHint")}</p>
      </section>
    );
  }
  const actionData = result;
  return (
    <section className="narrow" aria-labelledby="register-title">
      <h1 id="register-title">{t("auth.registerTitle")}</h1>
      <Form method="post" noValidate>
        <FormError error={actionData?.formError} values={actionData?.formErrorValues} />
        <Honeypot />
        <TextField
          name="email"
          type="email"
          label={t("auth.email")}
          autoComplete="email"
          defaultValue={actionData?.values.email}
          error={actionData?.errors.email}
          required
        />
        <TextField
          name="displayName"
          label={t("auth.displayName")}
          hint={t("auth.displayNameHint")}
          autoComplete="nickname"
          maxLength={DISPLAY_NAME_MAX}
          defaultValue={actionData?.values.displayName}
          error={actionData?.errors.displayName}
          required
        />
        <TextField
          name="password"
          type="password"
          label={t("auth.password")}
          hint={t("auth.passwordHint", { min: PASSWORD_MIN })}
          autoComplete="new-password"
          error={actionData?.errors.password}
          required
        />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("auth.registering") : t("auth.registerSubmit")}
        </button>
      </Form>
      <p>
        {t("auth.haveAccount")} <Link to="/login">{t("auth.loginSubmit")}</Link>
      </p>
    </section>
  );
}
