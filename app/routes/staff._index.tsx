import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ThreadClocks, useNow } from "~/components/countdown";
import { HolderBadge, StatusBadge } from "~/components/badges";
import { Pagination } from "~/components/thread-list";
import { formatDuration } from "~/lib/clock";
import { COMPLAINT_TYPES, OPEN_STATUSES, SEVERITIES } from "~/lib/domain";
import { parseId, readFormData } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { parseQueueQuery, queueHref, type QueueQuery } from "~/lib/queue-query";
import { useSite } from "~/hooks/use-site";
import { staffQueuePage } from "~/models/pages/staff-queue.server";
import { acknowledgeThread } from "~/models/responses.server";
import { currentTime } from "~/lib/time.server";
import { FilterForm } from "~/components/filter-form";
import { SubmitButton } from "~/components/fields";

export async function loader(args: LoaderFunctionArgs) {
  const me = requireStaff(args);
  const q = parseQueueQuery(new URL(args.request.url).searchParams);
  return json(await staffQueuePage(q, me, currentTime()));
}

export const meta: MetaFunction = (args) => pageTitle(args, "queue.title");

export async function action(args: ActionFunctionArgs) {
  const staff = requireStaff(args);
  const form = await readFormData(args.request);
  const ids = form
    .getAll("threadId")
    .map((v) => parseId(String(v)))
    .filter((v): v is number => v != null);
  if (ids.length === 0) return json({ message: "queue.bulkNone", count: 0 }, { status: 400 });
  let count = 0;
  for (const id of ids) if ((await acknowledgeThread({ threadId: id, staffId: staff.id }, currentTime())).ok) count++;
  return json({ message: "queue.bulkDone", count });
}

function countOf(list: { key: string | number | null; n: number }[], key: string | number | null) {
  return list.find((r) => r.key === key)?.n ?? 0;
}

export default function StaffQueue() {
  const { q, queue, counts, projects, staff, me, now: serverNow } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, dateTime, locale } = useSite();
  const now = useNow(serverNow);
  const label = (text: string, count: number) => t("queue.withCount", { label: text, count });
  const filterLink = (patch: Partial<QueueQuery>, text: string, count: number) => {
    const next = { ...q, ...patch, page: 1 };
    const active = JSON.stringify(next) === JSON.stringify({ ...q, page: 1 });
    return (
      <Link to={queueHref(next)} aria-current={active ? "true" : undefined} className={active ? "chip chip-active" : "chip"}>
        {label(text, count)}
      </Link>
    );
  };
  return (
    <>
      <h1>{t("queue.title")}</h1>
      <p>{t("queue.intro")}</p>
      <p className="chips">
        <Link to="/staff" className="chip">
          {label(t("queue.all"), counts.all)}
        </Link>
        {filterLink({ overdue: !q.overdue }, t("queue.overdue"), counts.overdue)}
        {filterLink({ unclassified: !q.unclassified }, t("queue.unclassified"), counts.unclassified)}
        {filterLink({ assignee: q.assignee === "me" ? undefined : "me" }, t("queue.assigneeMe"), countOf(counts.assignee, me))}
        <Link to="/staff/flags">{t("queue.flagsLink")}</Link> · <Link to="/staff/audit">{t("queue.auditLink")}</Link> ·{" "}
        <Link to="/staff/reports">{t("queue.reportsLink")}</Link> · <Link to="/staff/briefing">{t("briefing.title")}</Link> ·{" "}
        <Link to="/staff/hq-reports">{t("hqReports.title")}</Link> · <Link to="/staff/verifications">{t("owners.queueTitle")}</Link>
      </p>
      <nav className="chips" aria-label={t("org.company")}>
        <Link
          to={queueHref({ ...q, company: "all", page: 1 })}
          className={q.company === "all" ? "chip chip-active" : "chip"}
          aria-current={q.company === "all" ? "true" : undefined}
        >
          {label(t("queue.allCompanies"), counts.all)}
        </Link>
        {counts.company.map((c) => (
          <Link
            key={c.key}
            to={queueHref({ ...q, company: c.key, page: 1 })}
            className={q.company === c.key ? "chip chip-active" : "chip"}
            aria-current={q.company === c.key ? "true" : undefined}
          >
            {label(c.name, c.n)}
          </Link>
        ))}
        {filterLink({ status: q.status === "resolved" ? undefined : "resolved" }, t("queue.awaitingCallback"), countOf(counts.status, "resolved"))}
      </nav>
      <FilterForm className="filters" aria-label={t("common.filter")}>
        <label>
          <span>{t("home.filterProject")}</span>
          <select name="project" defaultValue={q.project ?? ""}>
            <option value="">{t("common.all")}</option>
            {projects.map((p) => (
              <option key={p.slug} value={p.slug}>
                {label(p.name, countOf(counts.project, p.id))}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("home.filterType")}</span>
          <select name="type" defaultValue={q.type ?? ""}>
            <option value="">{t("common.all")}</option>
            {COMPLAINT_TYPES.map((c) => (
              <option key={c} value={c}>
                {label(t(`types.${c}`), countOf(counts.type, c))}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("triage.severity")}</span>
          <select name="severity" defaultValue={q.severity ? String(q.severity) : ""}>
            <option value="">{t("common.all")}</option>
            <option value="none">{label(t("triage.severityNone"), countOf(counts.severity, null))}</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {label(t(`triage.severities.${s}`), countOf(counts.severity, s))}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("home.filterStatus")}</span>
          <select name="status" defaultValue={q.status ?? ""}>
            <option value="">{t("common.all")}</option>
            {OPEN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {label(t(`statuses.${s}`), countOf(counts.status, s))}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("triage.assignee")}</span>
          <select name="assignee" defaultValue={q.assignee === me ? "me" : (q.assignee ?? "")}>
            <option value="">{t("common.all")}</option>
            <option value="none">{label(t("triage.assigneeNone"), countOf(counts.assignee, null))}</option>
            {staff.map((s) => (
              // One's own name is "me", as the chip above is, so that either way of choosing it
              // keeps the other showing it.
              <option key={s.id} value={s.id === me ? "me" : s.id}>
                {label(s.displayName, countOf(counts.assignee, s.id))}
              </option>
            ))}
          </select>
        </label>
        {q.company ? <input type="hidden" name="company" value={q.company} /> : null}
        {q.overdue ? <input type="hidden" name="overdue" value="1" /> : null}
        {q.unclassified ? <input type="hidden" name="unclassified" value="1" /> : null}
        <button type="submit" className="button">
          {t("common.filter")}
        </button>
      </FilterForm>
      {result ? (
        <p className={result.count ? "notice" : "form-error"} role="status">
          {t(result.message, { count: result.count })}
        </p>
      ) : null}
      <p className="list-count">{t("home.count", { count: queue.total })}</p>
      {queue.rows.length === 0 ? (
        <p className="empty">{t("queue.empty")}</p>
      ) : (
        <Form method="post">
          <ol className="thread-list queue-list">
            {queue.rows.map((r) => (
              <li key={r.id} className="thread-item queue-item">
                <input
                  type="checkbox"
                  name="threadId"
                  value={r.id}
                  id={`pick-${r.id}`}
                  disabled={r.ack?.metAt != null}
                  aria-label={t("queue.selectThread", { id: r.id })}
                />
                <div>
                  <h2 className="thread-item-title">
                    <Link to={`/staff/threads/${r.id}`}>
                      #{r.id} {r.title}
                    </Link>
                  </h2>
                  <p className="thread-item-meta">
                    <StatusBadge status={r.status} />
                    <span className="badge badge-type">{t(`types.${r.complaintType}`)}</span>
                    <span className={`badge severity-${r.severity ?? "none"}`}>
                      {r.severity ? t(`triage.severities.${r.severity}`) : t("triage.severityNone")}
                    </span>
                    {r.hiddenAt ? <span className="badge status-reopened">{t("moderation.hiddenMarker")}</span> : null}
                    <span>{r.projectName}</span>
                    <span>{r.assigneeName ?? t("triage.assigneeNone")}</span>
                    {r.holder === "hq" ? <HolderBadge holder={r.holder} /> : null}
                    {r.status === "resolved" && r.resolvedAt ? (
                      <span data-callback-wait>{t("queue.callbackWaiting", { duration: formatDuration(now - r.resolvedAt, locale) })}</span>
                    ) : null}
                    <time dateTime={new Date(r.createdAt).toISOString()} suppressHydrationWarning>
                      {dateTime(r.createdAt)}
                    </time>
                  </p>
                  <ThreadClocks ack={r.ack} answer={r.answer} promise={r.promise} now={now} compact />
                </div>
              </li>
            ))}
          </ol>
          <SubmitButton className="button button-primary" pending={t("common.working")}>
            {t("queue.bulkAcknowledge")}
          </SubmitButton>
        </Form>
      )}
      <Pagination page={queue.page} pages={queue.pages} hrefFor={(page) => queueHref({ ...q, page })} />
    </>
  );
}
