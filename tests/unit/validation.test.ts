import { describe, expect, it } from "vitest";
import { fieldErrors, registerSchema, threadSchema } from "../../app/lib/validation.server";

describe("registerSchema", () => {
  it("normalises the email and accepts a valid registration", () => {
    const r = registerSchema.parse({ email: "  Owner@Example.COM ", displayName: " 陈 ", password: "12345678" });
    expect(r).toEqual({ email: "owner@example.com", displayName: "陈", password: "12345678" });
  });

  it("reports each bad field with a locale key", () => {
    const r = registerSchema.safeParse({ email: "not-an-email", displayName: "", password: "short" });
    expect(r.success).toBe(false);
    if (r.success) return;
    expect(fieldErrors(r.error)).toEqual({
      email: "errors.emailInvalid",
      displayName: "errors.required",
      password: "errors.passwordTooShort",
    });
  });

  it("refuses a display name that would pass for staff or the company, however it is written", () => {
    const displayNameError = (displayName: string) => {
      const r = registerSchema.safeParse({ email: "owner@example.com", displayName, password: "12345678" });
      return r.success ? null : fieldErrors(r.error).displayName;
    };
    for (const name of ["澄湾客服中心", "客\u200b服小王", "官 方 回复", "ＡＤＭＩＮ", "Site-Staff", "已认证业主"])
      expect(displayNameError(name)).toBe("errors.displayNameReserved");
    expect(displayNameError("云栖苑 3 栋老王")).toBeNull();
    // A Latin staff word counts as a word of its own, not inside a name.
    for (const name of ["Stafford", "Padmini", "Unofficial fan", "Badminton"]) expect(displayNameError(name)).toBeNull();
    for (const name of ["Admin2", "the staff", "Official_Reply", "SiteAdmin"]) expect(displayNameError(name)).toBe("errors.displayNameReserved");
    expect(registerSchema.parse({ email: "owner@example.com", displayName: "老\u200b王", password: "12345678" }).displayName).toBe("老王");
  });
});

describe("threadSchema", () => {
  const ok = { projectId: "3", complaintType: "quality", title: "外墙渗水", body: "详情" };

  it("accepts a complete complaint", () => {
    expect(threadSchema.parse(ok)).toMatchObject({ projectId: 3, complaintType: "quality" });
  });

  it("limits the title to 80 characters, counting Chinese characters as one each", () => {
    expect(threadSchema.safeParse({ ...ok, title: "漏".repeat(80) }).success).toBe(true);
    const r = threadSchema.safeParse({ ...ok, title: "漏".repeat(81) });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrors(r.error).title).toBe("errors.titleTooLong");
  });

  it("limits the body to 20,000 characters and refuses a blank one", () => {
    expect(threadSchema.safeParse({ ...ok, body: "字".repeat(20_000) }).success).toBe(true);
    const long = threadSchema.safeParse({ ...ok, body: "字".repeat(20_001) });
    if (!long.success) expect(fieldErrors(long.error).body).toBe("errors.bodyTooLong");
    expect(long.success).toBe(false);
    const blank = threadSchema.safeParse({ ...ok, body: "  \n " });
    expect(blank.success).toBe(false);
  });

  it("refuses an unknown complaint type and a missing project", () => {
    const r = threadSchema.safeParse({ ...ok, complaintType: "weather", projectId: "" });
    expect(r.success).toBe(false);
    if (!r.success) expect(fieldErrors(r.error)).toMatchObject({ complaintType: "errors.typeRequired", projectId: "errors.projectRequired" });
  });
});
