import { describe, expect, it } from "vitest";
import { formatDate, formatDay } from "../../app/lib/format";

describe("formatDay", () => {
  it("words a calendar day in either language, as formatDate words the instant it begins", () => {
    expect(formatDay("2026-11-23", "zh-CN")).toBe("2026年11月23日");
    expect(formatDay("2026-01-04", "en")).toBe("January 4, 2026");
    // The first instant of 23 November in Shanghai is 22 November in UTC: the day does not move.
    expect(formatDay("2026-11-23", "zh-CN")).toBe(formatDate(Date.UTC(2026, 10, 22, 16), "zh-CN", "Asia/Shanghai"));
    expect(formatDay("2026-11-23", "en")).toBe(formatDate(Date.UTC(2026, 10, 23, 23, 59), "en", "Pacific/Honolulu"));
  });

  it("leaves what is not a day as it is", () => {
    expect(formatDay("2026-W48", "zh-CN")).toBe("2026-W48");
  });
});
