import { describe, expect, it } from "vitest";
import { i18nFor, memoizedT } from "../../app/lib/i18n";
import { authorLabel } from "../../app/lib/identity";

const zh = memoizedT(i18nFor("zh-CN"));
const en = memoizedT(i18nFor("en"));

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
