import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormError, Honeypot, TextField } from "~/components/fields";
import { startSession } from "~/lib/auth.server";
import { DISPLAY_NAME_MAX, PASSWORD_MIN } from "~/lib/domain";
import { honeypotResponse, invalid, limitOrResponse, parseForm, readForm, type ActionErrors } from "~/lib/forms.server";
import { safeRedirect } from "~/lib/guards.server";
import { detectLocale } from "~/lib/locale.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/lib/use-site";
import { registerSchema } from "~/lib/validation";
import { createUser, EmailTakenError } from "~/models/users.server";
import { passOnRetryAfter } from "~/lib/route-headers";

export async function loader({ context }: LoaderFunctionArgs) {
  if (context.user) throw redirect("/");
  return null;
}

export const meta: MetaFunction = (args) => pageTitle(args, "auth.registerTitle");

export const headers = passOnRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request);
  const limited = await limitOrResponse("register", context.clientIp, values);
  if (limited) return limited;
  const trap = honeypotResponse(values);
  if (trap) return trap;
  const parsed = parseForm(registerSchema, values);
  if (!parsed.ok) return parsed.response;
  try {
    const user = await createUser({ ...parsed.data, locale: detectLocale(request), verifyEmail: true });
    const cookie = await startSession(user.id);
    return redirect(safeRedirect(values.redirectTo), { headers: { "Set-Cookie": cookie } });
  } catch (e) {
    if (e instanceof EmailTakenError) return invalid(values, { email: "errors.emailTaken" });
    throw e;
  }
}

export default function Register() {
  const actionData = useActionData<ActionErrors>();
  const { t } = useSite();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  return (
    <section className="narrow" aria-labelledby="register-title">
      <h1 id="register-title">{t("auth.registerTitle")}</h1>
      <Form method="post" noValidate>
        <FormError error={actionData?.formError} values={actionData?.formErrorValues} />
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? "/"} />
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
