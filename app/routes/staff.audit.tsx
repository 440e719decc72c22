import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Pagination } from "~/components/thread-list";
import { parseId } from "~/lib/forms.server";
import { requireStaff } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { auditFilterOptions, listAudit } from "~/models/audit.server";
import { TableWrap } from "~/components/table-wrap";
import { FilterForm } from "~/components/filter-form";

export async function loader(args: LoaderFunctionArgs) {
  requireStaff(args);
  const p = new URL(args.request.url).searchParams;
  const filters = { actorId: p.get("actor") || undefined, threadId: parseId(p.get("thread") ?? undefined) ?? undefined, action: p.get("action") || undefined };
  const page = Number.parseInt(p.get("page") ?? "1", 10) || 1;
  return json({ filters, log: await listAudit(filters, page), options: await auditFilterOptions() });
}

export const meta: MetaFunction = (args) => pageTitle(args, "audit.title");

function Change({ json: text }: { json: string | null }) {
  if (!text) return null;
  const obj = JSON.parse(text) as Record<string, unknown>;
  return (
    <ul className="change">
      {Object.entries(obj).map(([k, v]) => (
        <li key={k}>
          <code>{k}</code>: {v == null ? "—" : String(v)}
        </li>
      ))}
    </ul>
  );
}

export default function AuditLog() {
  const { filters, log, options } = useLoaderData<typeof loader>();
  const { t, dateTime } = useSite();
  const href = (page: number) => {
    const p = new URLSearchParams();
    if (filters.actorId) p.set("actor", filters.actorId);
    if (filters.threadId) p.set("thread", String(filters.threadId));
    if (filters.action) p.set("action", filters.action);
    if (page > 1) p.set("page", String(page));
    return `/staff/audit?${p}`;
  };
  return (
    <>
      <h1>{t("audit.title")}</h1>
      <p>{t("audit.intro")}</p>
      <FilterForm className="filters">
        <label>
          <span>{t("audit.who")}</span>
          <select name="actor" defaultValue={filters.actorId ?? ""}>
            <option value="">{t("common.all")}</option>
            {options.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("audit.what")}</span>
          <select name="action" defaultValue={filters.action ?? ""}>
            <option value="">{t("common.all")}</option>
            {options.actions.map((a) => (
              <option key={a} value={a}>
                {t(`audit.actions.${a}`, { defaultValue: a })}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>{t("audit.thread")}</span>
          <input type="text" inputMode="numeric" name="thread" defaultValue={filters.threadId ?? ""} />
        </label>
        <button type="submit" className="button">
          {t("common.filter")}
        </button>
      </FilterForm>
      <p className="list-count">{t("home.count", { count: log.total })}</p>
      {log.rows.length === 0 ? (
        <p className="empty">{t("audit.empty")}</p>
      ) : (
        <TableWrap label={t("audit.title")}>
          <table className="audit-table">
            <thead>
              <tr>
                <th scope="col">{t("audit.when")}</th>
                <th scope="col">{t("audit.who")}</th>
                <th scope="col">{t("audit.what")}</th>
                <th scope="col">{t("audit.thread")}</th>
                <th scope="col">{t("audit.before")}</th>
                <th scope="col">{t("audit.after")}</th>
              </tr>
            </thead>
            <tbody>
              {log.rows.map((r) => (
                <tr key={r.id} data-action={r.action}>
                  <td>{dateTime(r.createdAt)}</td>
                  <td>{r.actorName}</td>
                  <td>
                    {t(`audit.actions.${r.action}`, { defaultValue: r.action })}
                    {r.targetName ? ` · ${r.targetName}` : ""}
                  </td>
                  <td>
                    {r.threadId ? <Link to={`/staff/threads/${r.threadId}`}>#{r.threadId}</Link> : null}
                    {r.postId ? <span className="muted"> ({r.postId})</span> : null}
                  </td>
                  <td>
                    <Change json={r.before} />
                  </td>
                  <td>
                    <Change json={r.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination page={log.page} pages={log.pages} hrefFor={href} />
    </>
  );
}
