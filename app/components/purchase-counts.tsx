// A project's complaints linked to a factor, by where the factor stood when their authors bought.
import { useSite } from "~/hooks/use-site";
import type { PurchaseGroup } from "~/lib/identity";

const GROUPS: PurchaseGroup[] = ["before", "after", "undisclosed", "noPurchaseDate"];

export function PurchaseCounts({ counts }: { counts: Record<PurchaseGroup, number> }) {
  const { t } = useSite();
  // A project with no linked complaint has nothing to compare.
  if (GROUPS.every((g) => counts[g] === 0)) return null;
  return (
    <section aria-labelledby="purchase-counts-title" className="purchase-counts" data-purchase-counts>
      <h2 id="purchase-counts-title">{t("identity.purchaseCountsTitle")}</h2>
      <dl className="thread-facts">
        {GROUPS.map((g) => (
          <div key={g} data-group={g}>
            <dt>{t(`identity.purchaseGroups.${g}`)}</dt>
            <dd>{t("identity.purchaseCount", { count: counts[g] })}</dd>
          </div>
        ))}
      </dl>
      <p className="field-hint">{t("identity.purchaseCountsHint")}</p>
    </section>
  );
}
