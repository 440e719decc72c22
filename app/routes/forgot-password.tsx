import type { ActionFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData } from "@remix-run/react";
import { FormError, Honeypot, SubmitButton, TextField } from "~/components/fields";
import { honeypotResponse, limitOrResponse, parseForm, readForm, type ActionErrors } from "~/lib/forms.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { requestPasswordReset } from "~/models/account-tokens.server";
import { passOnRetryAfter } from "~/lib/route-headers";
import { currentTime } from "~/lib/time.server";
import { forgotPasswordSchema } from "~/lib/validation.server";

export const meta: MetaFunction = (args) => pageTitle(args, "account.forgotTitle");

export const headers = passOnRetryAfter;

export async function action({ request, context }: ActionFunctionArgs) {
  const values = await readForm(request);
  const trap = honeypotResponse(values);
  if (trap) return trap;
  const limited = await limitOrResponse("register", context.clientIp, values);
  if (limited) return limited;
  const parsed = parseForm(forgotPasswordSchema, values);
  if (!parsed.ok) return parsed.response;
  await requestPasswordReset(parsed.data.email, currentTime());
  // The same answer whether or not the address is registered.
  return json({ sent: true as const });
}

export default function ForgotPassword() {
  const data = useActionData<ActionErrors | { sent: true }>();
  const { t } = useSite();
  if (data && "sent" in data) {
    return (
      <section className="narrow">
        <h1>{t("account.forgotTitle")}</h1>
        <p className="notice" role="status">
          {t("account.forgotSent")}
        </p>
      </section>
    );
  }
  return (
    <section className="narrow">
      <h1>{t("account.forgotTitle")}</h1>
      <p>{t("account.forgotIntro")}</p>
      <Form method="post" noValidate>
        <Honeypot />
        <FormError error={data?.formError} values={data?.formErrorValues} />
        <TextField
          name="email"
          type="email"
          label={t("auth.email")}
          autoComplete="email"
          defaultValue={data?.values.email}
          error={data?.errors.email}
          required
        />
        <SubmitButton className="button button-primary" pending={t("account.resending")}>
          {t("account.forgotSubmit")}
        </SubmitButton>
      </Form>
    </section>
  );
}
