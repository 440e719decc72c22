import { describe, expect, it } from "vitest";
import {
  dayRange,
  endOfLocalDay,
  lastTwelveMonths,
  localDayKey,
  localTime,
  monthRange,
  monthStart,
  percentile,
  periodRange,
  weekKey,
  weekRange,
} from "../../app/lib/periods";

const TZ = "Asia/Shanghai";
const NOW = Date.UTC(2026, 10, 23, 6, 0); // 2026-11-23 14:00 in Shanghai

describe("periods in the site's time zone", () => {
  it("months begin at local midnight", () => {
    expect(monthStart(2026, 11, TZ)).toBe(Date.UTC(2026, 9, 31, 16, 0));
    expect(monthStart(2026, 13, TZ)).toBe(Date.UTC(2026, 11, 31, 16, 0)); // January 2027
    expect(monthStart(2026, 3, "America/New_York")).toBe(Date.UTC(2026, 2, 1, 5, 0));
    expect(monthStart(2026, 4, "America/New_York")).toBe(Date.UTC(2026, 3, 1, 4, 0)); // after the DST change
  });

  it("gives each period's range", () => {
    expect(periodRange("this_month", NOW, TZ)).toEqual({ from: Date.UTC(2026, 9, 31, 16), to: NOW });
    expect(periodRange("last_month", NOW, TZ)).toEqual({ from: Date.UTC(2026, 8, 30, 16), to: Date.UTC(2026, 9, 31, 16) });
    expect(periodRange("90_days", NOW, TZ)).toEqual({ from: NOW - 90 * 86_400_000, to: NOW });
    expect(periodRange("12_months", NOW, TZ).from).toBe(Date.UTC(2025, 10, 30, 16)); // 2025-12-01 local
  });

  it("lists twelve months ending with this one", () => {
    const months = lastTwelveMonths(NOW, TZ);
    expect(months).toHaveLength(12);
    expect(months[0]!.key).toBe("2025-12");
    expect(months[11]).toEqual({ key: "2026-11", from: Date.UTC(2026, 9, 31, 16), to: NOW });
    for (let i = 1; i < 12; i++) expect(months[i]!.from).toBe(months[i - 1]!.to);
  });

  it("reads a month key", () => {
    expect(monthRange("2026-02", TZ)).toEqual({ key: "2026-02", from: Date.UTC(2026, 0, 31, 16), to: Date.UTC(2026, 1, 28, 16) });
    expect(monthRange("2026-13", TZ)).toBeNull();
    expect(monthRange("26-1", TZ)).toBeNull();
  });
});

describe("percentile", () => {
  it("uses the nearest rank", () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2);
    expect(percentile([1, 2, 3, 4, 5], 0.5)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(percentile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11], 0.9)).toBe(10);
  });
});

describe("days and weeks in the site's time zone", () => {
  it("a promise made for a date is kept until the last instant of that local day", () => {
    expect(endOfLocalDay("2026-11-30", TZ)).toBe(Date.UTC(2026, 10, 30, 16, 0) - 1);
    expect(endOfLocalDay("2026-02-30", TZ)).toBeNull();
    expect(endOfLocalDay("2026-1-3", TZ)).toBeNull();
    expect(dayRange("2026-03-08", "America/New_York")).toMatchObject({ from: Date.UTC(2026, 2, 8, 5), to: Date.UTC(2026, 2, 9, 4) }); // a 23-hour day
    expect(localDayKey(Date.UTC(2026, 10, 30, 16, 0) - 1, TZ)).toBe("2026-11-30");
    expect(localDayKey(Date.UTC(2026, 10, 30, 16, 0), TZ)).toBe("2026-12-01");
    expect(localTime(2026, 12, 2, 8, TZ)).toBe(Date.UTC(2026, 11, 2, 0, 0));
  });

  it("weeks run Monday to Monday, numbered as ISO 8601 does", () => {
    expect(weekKey(NOW, TZ)).toBe("2026-W48");
    expect(weekRange("2026-W48", TZ)).toMatchObject({ firstDay: "2026-11-23", from: Date.UTC(2026, 10, 22, 16), to: Date.UTC(2026, 10, 29, 16) });
    expect(weekRange("2027-W01", TZ)!.firstDay).toBe("2027-01-04");
    expect(weekRange("2026-W53", TZ)!.firstDay).toBe("2026-12-28"); // 2026 has 53 weeks
    expect(weekRange("2025-W53", TZ)).toBeNull();
    expect(weekKey(Date.UTC(2027, 0, 1, 4), TZ)).toBe("2026-W53");
  });
});

describe("local days across a clock change at midnight", () => {
  it("start at the first instant that exists, and end at the last instant before the next day", () => {
    // São Paulo moved its clocks from 00:00 to 01:00 on 4 November 2018: that day began at 01:00 (-02:00).
    const tz = "America/Sao_Paulo";
    expect(dayRange("2018-11-04", tz)!.from).toBe(Date.UTC(2018, 10, 4, 3));
    expect(endOfLocalDay("2018-11-03", tz)).toBe(Date.UTC(2018, 10, 4, 3) - 1);
    expect(localDayKey(endOfLocalDay("2018-11-03", tz)!, tz)).toBe("2018-11-03");
    // Santiago, 8 September 2024, and a day with no change at all.
    expect(endOfLocalDay("2024-09-07", "America/Santiago")).toBe(Date.UTC(2024, 8, 8, 4) - 1);
    expect(endOfLocalDay("2026-11-23", "Asia/Shanghai")).toBe(Date.UTC(2026, 10, 23, 16) - 1);
    // The day the clocks go back keeps all of its 25 hours.
    const back = dayRange("2019-02-16", tz)!;
    expect(back.to - back.from).toBe(25 * 3_600_000);
  });
});
