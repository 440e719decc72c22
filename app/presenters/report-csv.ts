// The weekly or monthly complaint report as a spreadsheet: one section after another, each
// a title row, a header row and its rows, a blank row between sections.
import { CALLBACK_OUTCOMES, DEPARTMENTS } from "~/lib/domain";
import type { Translate } from "~/lib/i18n";
import type { ReportPeriod } from "~/lib/report-periods";
import type { ComplaintReport, OnTime } from "~/models/reports.server";

// Spreadsheet programs run a cell that starts like a formula; titles come from the public.
const FORMULA = /^[=+\-@\t\r]/;

export function csvCell(v: unknown) {
  let s = v == null ? "" : String(v);
  if (typeof v === "string" && FORMULA.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const pct = (v: number | null) => (v == null ? "" : (v * 100).toFixed(1));
const iso = (ms: number | null) => (ms == null ? "" : new Date(ms).toISOString());
const onTime = (o: OnTime) => [o.decided, o.onTime, pct(o.rate)];

/** The report as CSV, UTF-8 with a BOM so spreadsheet programs read Chinese correctly. Times are ISO 8601 in UTC. */
export function reportCsv(report: ComplaintReport, period: ReportPeriod, generatedAt: number, t: Translate) {
  const department = (d: string | null) =>
    d == null ? t("report.noDepartment") : (DEPARTMENTS as readonly string[]).includes(d) ? t(`triage.departments.${d}`) : d;
  const company = (u: { name: string } | null) => u?.name ?? t("report.noCompany");
  const rows: unknown[][] = [
    [t(period.kind === "week" ? "report.weekTitle" : "report.monthTitle", { key: period.key })],
    [t("report.period"), period.firstDay, period.lastDay],
    [t("report.generatedAt"), iso(generatedAt)],
  ];
  const section = (title: string, header: string[], body: unknown[][]) => rows.push([], [title], header, ...body);

  section(
    t("report.perProject"),
    [t("report.project"), t("report.company"), t("report.complaints"), t("report.valid"), t("report.closed"), `${t("report.closureRate")} %`],
    report.perProject.map((p) => [p.name, company(p.unit), p.complaints, p.valid, p.closed, pct(p.closureRate)]),
  );
  section(
    t("report.perCompany"),
    [
      t("report.company"),
      t("report.projects"),
      t("report.complaints"),
      t("report.valid"),
      t("report.closed"),
      `${t("report.closureRate")} %`,
      t("report.answersDecided"),
      t("report.answersOnTime"),
      t("report.answerRate"),
      t("report.promisesDecided"),
      t("report.promisesKept"),
      t("report.promiseRate"),
    ],
    [...report.perCompany.map((u) => ({ ...u, name: company(u.unit) })), { ...report.totals, name: t("report.total") }].map((u) => [
      u.name,
      u.projects,
      u.complaints,
      u.valid,
      u.closed,
      pct(u.closureRate),
      ...onTime(u.answers),
      ...onTime(u.promises),
    ]),
  );
  section(
    t("report.perDepartment"),
    [
      t("report.department"),
      t("report.complaints"),
      t("report.departmentClosed"),
      t("report.answersDecided"),
      t("report.answersOnTime"),
      t("report.answerRate"),
    ],
    report.perDepartment.map((d) => [department(d.department), d.complaints, d.closed, ...onTime(d.answers)]),
  );
  section(
    t("report.breaches"),
    [
      t("report.breachThread"),
      t("report.project"),
      t("report.company"),
      t("report.department"),
      t("report.clock"),
      t("report.round"),
      t("report.deadline"),
      t("report.metAt"),
      t("report.closedAt"),
      t("report.lateMinutes"),
    ],
    report.breaches.map((b) => [
      `#${b.threadId} ${b.title}`,
      b.projectName,
      b.unitName ?? t("report.noCompany"),
      department(b.department),
      t(`clock.${b.kind}Name`),
      b.round,
      iso(b.deadline),
      iso(b.metAt),
      b.closedAt == null ? "" : `${iso(b.closedAt)} ${b.closeReason ? t(`report.closeReasons.${b.closeReason}`) : ""}`.trim(),
      Math.round(b.lateByMs / 60000),
    ]),
  );
  section(
    t("report.serious"),
    [
      t("report.breachThread"),
      t("report.project"),
      t("report.company"),
      t("report.department"),
      t("report.severity"),
      t("report.status"),
      t("report.postedAt"),
    ],
    report.serious.map((s) => [
      `#${s.id} ${s.title}`,
      s.projectName,
      s.unitName ?? t("report.noCompany"),
      department(s.department),
      t(`triage.severities.${s.severity}`),
      t(`statuses.${s.status}`),
      iso(s.createdAt),
    ]),
  );
  const s = report.satisfaction;
  section(t("report.satisfaction"), [t("report.scored"), t("report.satisfied"), `${t("report.satisfactionRate")} %`], [[s.scored, s.satisfied, pct(s.rate)]]);
  section(
    t("report.callbacks"),
    [t("report.outcome"), t("report.count")],
    [...CALLBACK_OUTCOMES.map((o) => [t(`verdict.outcomes.${o}`), s.callbacks[o]]), [t("report.total"), s.callbacks.total]],
  );
  return `\uFEFF${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
