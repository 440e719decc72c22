// The sections of the weekly and monthly complaint reports: tables by project, regional
// company and department, the missed deadlines, the serious complaints and satisfaction.
import { Link } from "@remix-run/react";
import { formatDuration } from "~/lib/clock";
import { CALLBACK_OUTCOMES, DEPARTMENTS } from "~/lib/domain";
import { useSite } from "~/hooks/use-site";
import { TableWrap } from "~/components/table-wrap";

export type OnTimeView = { decided: number; onTime: number; rate: number | null };
export type ClosureView = { complaints: number; valid: number; closed: number; closureRate: number | null };
type UnitView = { slug: string; name: string } | null;
export type CompanyRowView = ClosureView & { unit: UnitView; projects: number; answers: OnTimeView; promises: OnTimeView };

function usePercent() {
  const { t } = useSite();
  return (v: number | null) => (v == null ? t("stats.none") : `${(v * 100).toFixed(1)}%`);
}

function useDepartmentName() {
  const { t } = useSite();
  return (d: string | null) => (d == null ? t("report.noDepartment") : (DEPARTMENTS as readonly string[]).includes(d) ? t(`triage.departments.${d}`) : d);
}

export function ProjectTable({ rows }: { rows: (ClosureView & { slug: string; name: string; unit: UnitView })[] }) {
  const { t } = useSite();
  const pct = usePercent();
  return (
    <TableWrap label={t("report.perProject")}>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col">{t("report.project")}</th>
            <th scope="col" className="report-text">
              {t("report.company")}
            </th>
            <th scope="col">{t("report.complaints")}</th>
            <th scope="col">{t("report.valid")}</th>
            <th scope="col">{t("report.closed")}</th>
            <th scope="col">{t("report.closureRate")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((p) => (
            <tr key={p.slug} data-project={p.slug}>
              <th scope="row">{p.name}</th>
              <td className="report-text">{p.unit?.name ?? t("report.noCompany")}</td>
              <td>{p.complaints}</td>
              <td>{p.valid}</td>
              <td>{p.closed}</td>
              <td>{pct(p.closureRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

function OnTimeCells({ o }: { o: OnTimeView }) {
  const pct = usePercent();
  return (
    <>
      <td>{o.decided}</td>
      <td>{o.onTime}</td>
      <td>{pct(o.rate)}</td>
    </>
  );
}

/** Sub-headers of a clock group: those due (decided), those met in time, the share. */
function OnTimeHeaders({ kept = false }: { kept?: boolean }) {
  const { t } = useSite();
  return (
    <>
      <th scope="col">{t("report.due")}</th>
      <th scope="col">{t(kept ? "report.keptOnTime" : "report.onTime")}</th>
      <th scope="col">{t("report.onTimeRate")}</th>
    </>
  );
}

export function CompanyTable({ rows, totals }: { rows: CompanyRowView[]; totals: Omit<CompanyRowView, "unit"> }) {
  const { t } = useSite();
  const pct = usePercent();
  const cells = (u: Omit<CompanyRowView, "unit">) => (
    <>
      <td>{u.projects}</td>
      <td>{u.complaints}</td>
      <td>{u.valid}</td>
      <td>{u.closed}</td>
      <td>{pct(u.closureRate)}</td>
      <OnTimeCells o={u.answers} />
      <OnTimeCells o={u.promises} />
    </>
  );
  return (
    <TableWrap label={t("report.perCompany")}>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t("report.company")}
            </th>
            <th scope="col" rowSpan={2}>
              {t("report.projects")}
            </th>
            <th scope="col" rowSpan={2}>
              {t("report.complaints")}
            </th>
            <th scope="col" rowSpan={2}>
              {t("report.valid")}
            </th>
            <th scope="col" rowSpan={2}>
              {t("report.closed")}
            </th>
            <th scope="col" rowSpan={2}>
              {t("report.closureRate")}
            </th>
            <th scope="colgroup" colSpan={3}>
              {t("report.answers")}
            </th>
            <th scope="colgroup" colSpan={3}>
              {t("report.promises")}
            </th>
          </tr>
          <tr>
            <OnTimeHeaders />
            <OnTimeHeaders kept />
          </tr>
        </thead>
        <tbody>
          {rows.map((u) => (
            <tr key={u.unit?.slug ?? ""} data-company={u.unit?.slug ?? ""}>
              <th scope="row">{u.unit?.name ?? t("report.noCompany")}</th>
              {cells(u)}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">{t("report.total")}</th>
            {cells(totals)}
          </tr>
        </tfoot>
      </table>
    </TableWrap>
  );
}

export function DepartmentTable({ rows }: { rows: { department: string | null; complaints: number; closed: number; answers: OnTimeView }[] }) {
  const { t } = useSite();
  const name = useDepartmentName();
  return (
    <TableWrap label={t("report.perDepartment")}>
      <table className="report-table">
        <thead>
          <tr>
            <th scope="col" rowSpan={2}>
              {t("report.department")}
            </th>
            <th scope="col" rowSpan={2}>
              {t("report.complaints")}
            </th>
            <th scope="col" rowSpan={2}>
              {t("report.departmentClosed")}
            </th>
            <th scope="colgroup" colSpan={3}>
              {t("report.answers")}
            </th>
          </tr>
          <tr>
            <OnTimeHeaders />
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.department ?? ""} data-department={d.department ?? ""}>
              <th scope="row">{name(d.department)}</th>
              <td>{d.complaints}</td>
              <td>{d.closed}</td>
              <OnTimeCells o={d.answers} />
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

export type BreachView = {
  threadId: number;
  title: string;
  projectName: string;
  unitName: string | null;
  kind: "ack" | "answer" | "promise";
  round: number;
  deadline: number;
  closeReason: string | null;
  lateByMs: number;
  stillOpen: boolean;
  metAt: number | null;
};

export function BreachList({ rows }: { rows: BreachView[] }) {
  const { t, dateTime, locale } = useSite();
  if (rows.length === 0) return <p>{t("report.noBreaches")}</p>;
  return (
    <ul className="report-list">
      {rows.map((b) => {
        const late = formatDuration(b.lateByMs, locale);
        const outcome = b.stillOpen
          ? t("report.stillOpen", { late })
          : b.metAt != null
            ? t("report.late", { late })
            : t("report.closedLate", { late, reason: t(`report.closeReasons.${b.closeReason ?? "merged"}`) });
        return (
          <li key={`${b.threadId}-${b.kind}-${b.round}`} data-breach={b.kind}>
            <Link to={`/staff/threads/${b.threadId}`}>
              #{b.threadId} {b.title}
            </Link>{" "}
            · {b.projectName} · {b.unitName ?? t("report.noCompany")} · {t(`clock.${b.kind}Name`)}
            {b.round > 1 ? ` (${b.round})` : ""} · {t("report.deadline")} {dateTime(b.deadline)} · {outcome}
          </li>
        );
      })}
    </ul>
  );
}

export function SeriousList({
  rows,
}: {
  rows: { id: number; title: string; projectName: string; department: string | null; severity: number | null; status: string }[];
}) {
  const { t } = useSite();
  const name = useDepartmentName();
  if (rows.length === 0) return <p>{t("report.noSerious")}</p>;
  return (
    <ul className="report-list">
      {rows.map((s) => (
        <li key={s.id}>
          <Link to={`/staff/threads/${s.id}`}>
            #{s.id} {s.title}
          </Link>{" "}
          · {s.projectName} · {name(s.department)} · {t(`triage.severities.${s.severity}`)} · {t(`statuses.${s.status}`)}
        </li>
      ))}
    </ul>
  );
}

export function SatisfactionSection({
  s,
}: {
  s: { scored: number; satisfied: number; rate: number | null; callbacks: Record<(typeof CALLBACK_OUTCOMES)[number] | "total", number> };
}) {
  const { t } = useSite();
  const pct = usePercent();
  return (
    <>
      <p>{t("report.scores", { count: s.scored, satisfied: s.satisfied, rate: pct(s.rate) })}</p>
      <TableWrap label={t("report.callbacks")}>
        <table className="report-table report-table-narrow">
          <caption>{t("report.callbacks")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("report.outcome")}</th>
              <th scope="col">{t("report.count")}</th>
            </tr>
          </thead>
          <tbody>
            {CALLBACK_OUTCOMES.map((o) => (
              <tr key={o} data-outcome={o}>
                <th scope="row">{t(`verdict.outcomes.${o}`)}</th>
                <td>{s.callbacks[o]}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t("report.total")}</th>
              <td>{s.callbacks.total}</td>
            </tr>
          </tfoot>
        </table>
      </TableWrap>
    </>
  );
}
