// GET /verify-email?token=... uses the link from the verification email, and logs the browser
// in if it is the one that registered; POST (intent=resend) sends a logged-in user a fresh link.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import type { ResendResult } from "~/components/verify-email-notice";
import { startSession } from "~/lib/auth.server";
import { limitOrResponse, readForm } from "~/lib/forms.server";
import { requireUser } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { resendVerification, verifyEmail } from "~/models/account-tokens.server";
import { clearRegisteringCookie, registeredHere } from "~/models/device-cookie.server";
import { getUserById } from "~/models/users.server";
import { currentTime } from "~/lib/time.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const token = url.searchParams.get("token");
  if (token === null) {
    // Where a used link lands: the page says so once the session shows the address verified.
    const ok = url.searchParams.get("verified") === "1" && !!context.user?.emailVerified;
    return json({ ok, loggedIn: ok }, { status: ok ? 200 : 400 });
  }
  const userId = await verifyEmail(token, currentTime());
  if (!userId) return json({ ok: false, loggedIn: false }, { status: 400 });
  // The link proves the address. It logs in the browser that registered it, unless someone else
  // is logged in there; any other browser is asked to log in (registeringCookie says why). A
  // redirect, so that the page is drawn with the new session.
  if (context.user) return json({ ok: true, loggedIn: context.user.id === userId });
  const user = await getUserById(userId);
  if (!user || !(await registeredHere(request.headers.get("Cookie"), user.email))) return json({ ok: true, loggedIn: false });
  const headers = new Headers();
  headers.append("Set-Cookie", await startSession(userId));
  headers.append("Set-Cookie", clearRegisteringCookie());
  return redirect("/verify-email?verified=1", { headers });
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  const values = await readForm(args.request);
  if (values.intent !== "resend") return json<ResendResult>({ formError: "errors.invalid" }, { status: 400 });
  const limited = await limitOrResponse("verifyResend", user.id, values);
  if (limited) return limited;
  await resendVerification(user.id, currentTime());
  return json<ResendResult>({ sent: true });
}

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, args.data?.ok ? "account.verifiedTitle" : "account.verifyFailedTitle");

export default function VerifyEmail() {
  const { ok, loggedIn } = useLoaderData<typeof loader>();
  const { t, user } = useSite();
  return (
    <section className="narrow">
      <h1>{ok ? t("account.verifiedTitle") : t("account.verifyFailedTitle")}</h1>
      <p>{ok ? t(loggedIn ? "account.verifiedBody" : "account.verifiedBodyLogIn") : t("account.verifyFailedBody")}</p>
      {ok && loggedIn ? (
        <p>
          <Link to="/threads/new" className="button button-primary">
            {t("nav.newThread")}
          </Link>
        </p>
      ) : null}
      {ok && !loggedIn && !user ? (
        <p>
          <Link to="/login?redirectTo=%2Fthreads%2Fnew" className="button button-primary">
            {t("nav.login")}
          </Link>
        </p>
      ) : null}
      <p>
        <Link to="/">{t("errorPage.goHome")}</Link>
      </p>
    </section>
  );
}
