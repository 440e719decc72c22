import { describe, expect, it } from "vitest";
import { i18nFor, memoizedT } from "../../app/lib/i18n";
import { authorLabel, purchaseGroup, relativeToPurchase } from "../../app/lib/identity";

const zh = memoizedT(i18nFor("zh-CN"));
const en = memoizedT(i18nFor("en"));
const TZ = "Asia/Shanghai";
// 01:00 on 16 March in Shanghai; still 15 March in UTC.
const PUBLISHED = Date.UTC(2026, 2, 15, 17, 0);

describe("authorLabel", () => {
  it("prints the public name, and for staff the account behind a pseudonym", () => {
    expect(authorLabel(zh, { name: "三栋老王" })).toBe("三栋老王");
    expect(authorLabel(zh, { name: "三栋老王", accountName: "王建国" })).toBe("三栋老王(王建国)");
    expect(authorLabel(en, { name: "Lao Wang", accountName: "Wang Jianguo" })).toBe("Lao Wang (Wang Jianguo)");
    expect(authorLabel(zh, { name: null })).toBe("");
  });

  it("names a deleted account by its label, whatever name is left", () => {
    expect(authorLabel(zh, { name: "", deleted: true })).toBe("已注销用户");
    expect(authorLabel(zh, { name: "旧名字", deleted: true, accountName: "旧账号" })).toBe("已注销用户");
    expect(authorLabel(en, { name: null, deleted: true })).toBe("Deleted user");
  });
});

describe("relativeToPurchase", () => {
  it("compares local days in the site's zone, the day of purchase counting as before", () => {
    expect(relativeToPurchase(PUBLISHED, "2026-03-16", TZ)).toBe("before");
    expect(relativeToPurchase(PUBLISHED, "2026-12-01", TZ)).toBe("before");
    expect(relativeToPurchase(PUBLISHED, "2026-03-15", TZ)).toBe("after");
    // In UTC the same instant is still the 15th.
    expect(relativeToPurchase(PUBLISHED, "2026-03-15", "UTC")).toBe("before");
    // Across a daylight-saving change: 23:30 on 8 March in New York is 03:30 UTC on the 9th.
    expect(relativeToPurchase(Date.UTC(2026, 2, 9, 3, 30), "2026-03-08", "America/New_York")).toBe("before");
  });

  it("is undisclosed for a factor never published, and unknown without a real date", () => {
    expect(relativeToPurchase(null, "2026-03-16", TZ)).toBe("undisclosed");
    expect(relativeToPurchase(PUBLISHED, null, TZ)).toBeNull();
    expect(relativeToPurchase(null, null, TZ)).toBeNull();
    expect(relativeToPurchase(PUBLISHED, "", TZ)).toBeNull();
    expect(relativeToPurchase(PUBLISHED, "2026-02-30", TZ)).toBeNull();
    expect(relativeToPurchase(PUBLISHED, "16/03/2026", TZ)).toBeNull();
  });
});

describe("purchaseGroup", () => {
  it("puts a never-published factor under undisclosed, with or without a date", () => {
    expect(purchaseGroup(null, null, TZ)).toBe("undisclosed");
    expect(purchaseGroup(null, "2026-03-16", TZ)).toBe("undisclosed");
    expect(purchaseGroup(PUBLISHED, null, TZ)).toBe("noPurchaseDate");
    expect(purchaseGroup(PUBLISHED, "2026-03-16", TZ)).toBe("before");
    expect(purchaseGroup(PUBLISHED, "2026-03-15", TZ)).toBe("after");
  });
});
