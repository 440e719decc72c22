import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { FormError, Honeypot, TextField } from "~/components/fields";
import { startSession } from "~/lib/auth.server";
import { deviceCookie, knownDevice } from "~/models/device-cookie.server";
import { honeypotResponse, invalid, limitOrResponse, parseForm, readForm, type ActionErrors } from "~/lib/forms.server";
import { safeRedirect } from "~/lib/guards.server";
import { pageDescription, pageTitle } from "~/lib/meta";
import { reset } from "~/lib/rate-limit.server";
import { useSite } from "~/hooks/use-site";
import { loginSchema } from "~/lib/validation.server";
import { verifyLogin } from "~/models/users.server";
import { passOnRetryAfter } from "~/lib/route-headers";

export async function loader({ context, request }: LoaderFunctionArgs) {
  if (context.user) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export const meta: MetaFunction = (args) => [...pageTitle(args, "auth.loginTitle"), ...pageDescription(args, "seo.login")];

export const headers = passOnRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request);
  const trap = honeypotResponse(values);
  if (trap) return trap;
  const parsed = parseForm(loginSchema, values);
  if (!parsed.ok) return parsed.response;
  const { email, password } = parsed.data;
  // A browser that has logged in to this account before has a limit of its own.
  const device = await knownDevice(request.headers.get("Cookie"), email);
  const [limit, key] = device ? (["loginDevice", device] as const) : (["loginAccount", email] as const);
  const limited = (await limitOrResponse("loginIp", context.clientIp, values)) ?? (await limitOrResponse(limit, key, values));
  if (limited) return limited;
  const userId = await verifyLogin(email, password);
  if (!userId) return invalid(values, {}, "errors.loginFailed");
  await reset(limit, key);
  const headers = new Headers({ "Set-Cookie": await startSession(userId) });
  headers.append("Set-Cookie", await deviceCookie(email));
  return redirect(safeRedirect(values.redirectTo), { headers });
}

export default function Login() {
  const actionData = useActionData<ActionErrors>();
  const { t } = useSite();
  const [params] = useSearchParams();
  const busy = useNavigation().state === "submitting";
  const redirectTo = params.get("redirectTo") ?? "/";
  return (
    <section className="narrow" aria-labelledby="login-title">
      <h1 id="login-title">{t("auth.loginTitle")}</h1>
      {params.get("reset") === "1" ? (
        <p className="notice" role="status">
          {t("account.resetDone")}
        </p>
      ) : null}
      <Form method="post" noValidate>
        <Honeypot />
        <FormError error={actionData?.formError} values={actionData?.formErrorValues} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField
          name="email"
          type="email"
          label={t("auth.email")}
          autoComplete="username"
          defaultValue={actionData?.values.email}
          error={actionData?.errors.email}
          required
        />
        <TextField name="password" type="password" label={t("auth.password")} autoComplete="current-password" error={actionData?.errors.password} required />
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t("auth.loggingIn") : t("auth.loginSubmit")}
        </button>
      </Form>
      <p>
        <Link to="/forgot-password">{t("account.forgotLink")}</Link>
      </p>
      <p>
        {t("auth.noAccount")} <Link to={`/register?redirectTo=${encodeURIComponent(redirectTo)}`}>{t("auth.registerSubmit")}</Link>
      </p>
    </section>
  );
}
