import { describe, expect, it } from "vitest";
import { DIAGRAM, DIRECTIONS, diffVersions, placeFactor, radiusFor, type FactorFields } from "../../app/lib/disclosure";
import { locationText } from "../../app/lib/disclosure-text";
import { createTranslate } from "../../app/lib/translate";
import en from "../../app/locales/en";
import zhCN from "../../app/locales/zh-CN";

const { center, projectRadius, registerRadius, outsideRadius } = DIAGRAM;
const close = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThan(1e-9);

describe("placeFactor", () => {
  const expected: Record<string, [number, number]> = {
    // unit vector (east, south) for each compass point; north is up
    N: [0, -1],
    NE: [Math.SQRT1_2, -Math.SQRT1_2],
    E: [1, 0],
    SE: [Math.SQRT1_2, Math.SQRT1_2],
    S: [0, 1],
    SW: [-Math.SQRT1_2, Math.SQRT1_2],
    W: [-1, 0],
    NW: [-Math.SQRT1_2, -Math.SQRT1_2],
  };

  it.each(DIRECTIONS.map((d, i) => [d, i * 45] as const))("puts %s at %i° clockwise from north", (direction, angle) => {
    const p = placeFactor(direction, 500);
    expect(p.angle).toBe(angle);
    const [ex, ey] = expected[direction]!;
    close(p.x, center + p.r * ex);
    close(p.y, center + p.r * ey);
    close(Math.hypot(p.x - center, p.y - center), p.r);
  });

  it("scales distance from the red line between the project and the 1 km ring", () => {
    close(radiusFor(0), projectRadius);
    close(radiusFor(500), (projectRadius + registerRadius) / 2);
    close(radiusFor(1000), registerRadius);
    close(placeFactor("SE", 150).r, projectRadius + 0.15 * (registerRadius - projectRadius));
  });

  it("places a factor beyond 1 km just outside the ring, marked as outside", () => {
    const p = placeFactor("N", 1001);
    expect(p.outside).toBe(true);
    expect(p.r).toBe(outsideRadius);
    expect(outsideRadius).toBeGreaterThan(registerRadius);
    expect(placeFactor("N", 1000).outside).toBe(false);
    close(placeFactor("N", 1000).y, center - registerRadius);
    close(placeFactor("E", 0).x, center + projectRadius);
  });
});

describe("diffVersions", () => {
  const base: FactorFields = { factorType: "railway", title: "平湖铁路", impact: "噪音", direction: "SE", distanceM: 200, mitigation: null, sourceNote: null };
  it("says what a version added, changed or withdrew", () => {
    expect(diffVersions(null, { ...base, action: "publish", withdrawReason: null })).toEqual([{ kind: "added", title: "平湖铁路" }]);
    expect(diffVersions(base, { ...base, distanceM: 150, action: "publish", withdrawReason: null })).toEqual([
      { kind: "changed", title: "平湖铁路", field: "distanceM", from: 200, to: 150 },
    ]);
    expect(diffVersions(base, { ...base, action: "withdraw", withdrawReason: "已拆除" })).toEqual([{ kind: "withdrawn", title: "平湖铁路", reason: "已拆除" }]);
    expect(diffVersions(base, { ...base, action: "publish", withdrawReason: null })).toEqual([]);
  });
});

describe("locationText", () => {
  it("says where a factor is, and that one beyond the register's radius is outside it, in words of each language", () => {
    const inEnglish = createTranslate(en);
    const inChinese = createTranslate(zhCN);
    expect(locationText(inEnglish, "SE", 150)).toBe("150 m south-east");
    expect(locationText(inEnglish, "N", 1200)).toBe("1200 m north (beyond 1 km)");
    expect(locationText(inChinese, "SE", 150)).toBe("东南侧 150 米");
    expect(locationText(inChinese, "N", 1200)).toBe("北侧 1200 米(一公里范围外)");
  });
});
