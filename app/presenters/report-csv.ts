// The monthly complaint report as a spreadsheet.
import type { monthlyReport } from "~/models/reports.server";

const cell = (v: unknown) => {
  const s = v == null ? "" : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The report as CSV (UTF-8 with a BOM so spreadsheet programs read Chinese correctly). */
export function reportCsv(report: ReturnType<typeof monthlyReport>, t: (k: string, v?: Record<string, unknown>) => string) {
  const rows: unknown[][] = [[t("report.project"), t("report.threads"), t("report.valid"), t("report.closed"), t("report.closureRate")]];
  for (const p of report.perProject) rows.push([p.name, p.threads, p.valid, p.validClosed, p.closureRate == null ? "" : (p.closureRate * 100).toFixed(1)]);
  rows.push([]);
  rows.push([t("report.breachThread"), t("report.project"), t("report.clock"), t("report.deadline"), t("report.repliedAt"), t("report.lateMinutes")]);
  for (const b of report.breaches) {
    rows.push([
      `#${b.threadId} ${b.title}`,
      b.projectName,
      b.kind,
      new Date(b.deadline).toISOString(),
      b.metAt ? new Date(b.metAt).toISOString() : "",
      Math.round(b.lateByMs / 60000),
    ]);
  }
  return `\uFEFF${rows.map((r) => r.map(cell).join(",")).join("\r\n")}\r\n`;
}
