import { Link } from "@remix-run/react";
import { useSite } from "~/lib/use-site";

export function ErrorPage({ kind }: { kind: "notFound" | "forbidden" | "error" }) {
  const { t } = useSite();
  return (
    <section className="error-page" aria-labelledby="error-title">
      <h1 id="error-title">{t(`errorPage.${kind}Title`)}</h1>
      <p>{t(`errorPage.${kind}Body`)}</p>
      <p>
        <Link to="/">{t("errorPage.goHome")}</Link>
      </p>
    </section>
  );
}
