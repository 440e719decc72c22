import { describe, expect, it } from "vitest";
import { formValues } from "../../app/lib/forms.server";

describe("formValues", () => {
  it("keeps what people type, tabs and line breaks included, and drops control characters", () => {
    const form = new FormData();
    form.set("title", "客厅\u0001漏水\u0002 PM2.5");
    form.set("body", "第一行\r\n第二行\t缩进\u0000\u007f\u0085\u001b[31m");
    form.set("name", "老王 🏠 Zoë");
    expect(formValues(form)).toEqual({ title: "客厅漏水 PM2.5", body: "第一行\r\n第二行\t缩进[31m", name: "老王 🏠 Zoë" });
  });
});
