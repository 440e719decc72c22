import { describe, expect, it } from "vitest";
import { adjacentReportPeriod, recentReportPeriods, reportPeriod, reportPeriodAt } from "../../app/lib/report-periods";

const SH = "Asia/Shanghai";
const H = 3_600_000;

describe("report periods", () => {
  it("reads a month or an ISO week in the site's time zone", () => {
    expect(reportPeriod("2026-03", SH)).toEqual({
      kind: "month",
      key: "2026-03",
      from: Date.UTC(2026, 1, 28, 16),
      to: Date.UTC(2026, 2, 31, 16),
      firstDay: "2026-03-01",
      lastDay: "2026-03-31",
    });
    expect(reportPeriod("2026-W01", SH)).toEqual({
      kind: "week",
      key: "2026-W01",
      from: Date.UTC(2025, 11, 28, 16),
      to: Date.UTC(2026, 0, 4, 16),
      firstDay: "2025-12-29",
      lastDay: "2026-01-04",
    });
  });

  it("refuses anything that is not a real month or week", () => {
    for (const key of [
      "2026-13",
      "2026-00",
      "2026-3",
      "26-03",
      "0099-01",
      "2026-W00",
      "2026-W54",
      "2025-W53",
      "2026-W1",
      "2026-w10",
      " 2026-W10",
      "2026-W10/csv",
      "",
    ])
      expect(reportPeriod(key, SH), key).toBeNull();
    expect(reportPeriod("2020-W53", SH)?.lastDay).toBe("2021-01-03");
  });

  it("a week across a change to summer time is a week of local days, one hour short", () => {
    const w = reportPeriod("2026-W13", "Europe/Berlin")!; // clocks go forward on Sunday 29 March
    expect([w.firstDay, w.lastDay]).toEqual(["2026-03-23", "2026-03-29"]);
    expect(w.to - w.from).toBe(7 * 24 * H - H);
  });

  it("steps to the periods before and after, across years", () => {
    const w = reportPeriod("2026-W01", SH)!;
    expect(adjacentReportPeriod(w, -1, SH).key).toBe("2025-W52");
    expect(adjacentReportPeriod(reportPeriod("2026-W53", SH)!, 1, SH).key).toBe("2027-W01");
    expect(adjacentReportPeriod(reportPeriod("2026-01", SH)!, -1, SH).key).toBe("2025-12");
    expect(adjacentReportPeriod(reportPeriod("2026-12", SH)!, 1, SH).key).toBe("2027-01");
  });

  it("finds the period of an instant by local time, and lists recent ones newest first without gaps", () => {
    // Sunday 1 March 2026, 23:30 UTC is Monday 2 March 07:30 in Shanghai.
    const at = Date.UTC(2026, 2, 1, 23, 30);
    expect(reportPeriodAt("week", at, SH).key).toBe("2026-W10");
    expect(reportPeriodAt("week", at, "UTC").key).toBe("2026-W09");
    expect(reportPeriodAt("month", Date.UTC(2026, 1, 28, 17), SH).key).toBe("2026-03");
    const weeks = recentReportPeriods("week", 13, at, SH);
    expect(weeks.map((w) => w.key).slice(0, 3)).toEqual(["2026-W10", "2026-W09", "2026-W08"]);
    expect(weeks).toHaveLength(13);
    for (let i = 1; i < weeks.length; i++) expect(weeks[i]!.to).toBe(weeks[i - 1]!.from);
    expect(recentReportPeriods("month", 12, at, SH).map((m) => m.key)).toEqual([
      "2026-03",
      "2026-02",
      "2026-01",
      "2025-12",
      "2025-11",
      "2025-10",
      "2025-09",
      "2025-08",
      "2025-07",
      "2025-06",
      "2025-05",
      "2025-04",
    ]);
  });
});
