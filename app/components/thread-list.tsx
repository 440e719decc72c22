import { Link } from "@remix-run/react";
import type { ThreadListItem } from "~/lib/views";
import { COMPLAINT_TYPES, THREAD_STATUSES } from "~/lib/domain";
import { useSite } from "~/hooks/use-site";
import { toIso } from "~/lib/format";
import { authorLabel } from "~/lib/identity";
import { HolderBadge, StatusBadge, tombstoneText } from "./badges";
import { ThreadClocks, useNow } from "./countdown";

export type ThreadListRow = ThreadListItem;

export function ThreadList({ threads, emptyText, serverNow }: { threads: ThreadListRow[]; emptyText: string; serverNow: number }) {
  const { t, dateTime } = useSite();
  const now = useNow(serverNow);
  if (threads.length === 0) return <p className="empty">{emptyText}</p>;
  return (
    <ol className="thread-list">
      {threads.map((th) => (
        <li key={th.id} className="thread-item">
          <h2 className="thread-item-title">
            <Link to={`/threads/${th.id}`}>{th.title || <span className="tombstone">{tombstoneText(t, th.hiddenReason ?? "")}</span>}</Link>
          </h2>
          <p className="thread-item-meta">
            <StatusBadge status={th.status} />
            <span className="badge badge-type">{t(`types.${th.complaintType}`)}</span>
            <Link to={`/projects/${th.project.slug}`}>{th.project.name}</Link>
            <span className="thread-item-author">{authorLabel(t, { name: th.authorName, deleted: th.authorDeleted })}</span>
            <time dateTime={toIso(th.createdAt)} suppressHydrationWarning>
              {dateTime(th.createdAt)}
            </time>
            <span>{t("home.replies", { count: th.replyCount })}</span>
            {th.meTooCount > 0 ? <span>{t("metoo.count", { count: th.meTooCount })}</span> : null}
            {th.holder === "hq" ? <HolderBadge holder={th.holder} /> : null}
          </p>
          <ThreadClocks ack={th.ack} answer={th.answer} promise={th.promise} now={now} compact />
        </li>
      ))}
    </ol>
  );
}

export function Pagination({ page, pages, hrefFor }: { page: number; pages: number; hrefFor: (page: number) => string }) {
  const { t } = useSite();
  if (pages <= 1) return null;
  return (
    <nav className="pagination" aria-label={t("pagination.label")}>
      {page > 1 ? (
        <Link to={hrefFor(page - 1)} rel="prev">
          {t("pagination.previous")}
        </Link>
      ) : (
        <span aria-disabled="true">{t("pagination.previous")}</span>
      )}
      <span aria-current="page">{t("pagination.page", { page, pages })}</span>
      {page < pages ? (
        <Link to={hrefFor(page + 1)} rel="next">
          {t("pagination.next")}
        </Link>
      ) : (
        <span aria-disabled="true">{t("pagination.next")}</span>
      )}
    </nav>
  );
}

/** The list's filter menus (project, type, status), shared by the home page and search. */
export function ThreadFilterFields({
  projects,
  query,
}: {
  projects: { slug: string; name: string; city: string }[];
  query: { project?: string; type?: string; status?: string };
}) {
  const { t } = useSite();
  return (
    <>
      <label>
        <span>{t("home.filterProject")}</span>
        <select name="project" defaultValue={query.project ?? ""}>
          <option value="">{t("common.all")}</option>
          {projects.map((p) => (
            <option key={p.slug} value={p.slug}>
              {p.city} · {p.name}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("home.filterType")}</span>
        <select name="type" defaultValue={query.type ?? ""}>
          <option value="">{t("common.all")}</option>
          {COMPLAINT_TYPES.map((c) => (
            <option key={c} value={c}>
              {t(`types.${c}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        <span>{t("home.filterStatus")}</span>
        <select name="status" defaultValue={query.status ?? ""}>
          <option value="">{t("common.all")}</option>
          {THREAD_STATUSES.map((s) => (
            <option key={s} value={s}>
              {t(`statuses.${s}`)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
