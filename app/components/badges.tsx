// Small words a thread shows wherever it is listed or read: its status, who holds it, the
// tombstone of a hidden one. Their own module, so that a page showing one does not load a list.
import { useSite } from "~/hooks/use-site";

/** What stands in for a hidden thread or post. */
export function tombstoneText(t: (k: string, v?: Record<string, unknown>) => string, reason: string) {
  return reason === "flagged" ? t("moderation.tombstoneFlagged") : t("moderation.tombstone", { reason });
}

/** Who holds a complaint now: the regional company, or headquarters after a missed deadline. */
export function HolderBadge({ holder }: { holder: string }) {
  const { t } = useSite();
  return (
    <span className={`badge holder-${holder}`} data-holder={holder}>
      {t(`holders.${holder}`)}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  const { t } = useSite();
  return <span className={`badge status-${status}`}>{t(`statuses.${status}`)}</span>;
}
