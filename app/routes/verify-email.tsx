import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/lib/use-site";
import { verifyEmail } from "~/models/account-tokens.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const ok = verifyEmail(token);
  return json({ ok }, { status: ok ? 200 : 400 });
}

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, args.data?.ok ? "account.verifiedTitle" : "account.verifyFailedTitle");

export default function VerifyEmail() {
  const { ok } = useLoaderData<typeof loader>();
  const { t } = useSite();
  return (
    <section className="narrow">
      <h1>{ok ? t("account.verifiedTitle") : t("account.verifyFailedTitle")}</h1>
      <p>{ok ? t("account.verifiedBody") : t("account.verifyFailedBody")}</p>
      <p>
        <Link to="/">{t("errorPage.goHome")}</Link>
      </p>
    </section>
  );
}
