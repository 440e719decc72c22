import { test, expect, loginAs, open } from "./fixtures";

test("a company choice the server refuses is explained on its own row, and nothing changes", async ({ page }) => {
  await loginAs(page.context(), "admin@example.com");
  await open(page, "/admin/organisation");
  const row = page
    .locator("tbody tr")
    .filter({ has: page.locator('input[name="intent"][value="assign-project"]') })
    .first();
  const menu = row.getByRole("combobox");
  const before = await menu.inputValue();
  // Headquarters runs no project; the menu never offers it, but a stale or altered page can send it.
  await menu.evaluate((select: HTMLSelectElement) => {
    const option = document.createElement("option");
    option.value = "1";
    option.textContent = "HQ";
    select.append(option);
    select.value = "1";
  });
  await row.getByRole("button", { name: "保存" }).click();
  await expect(row.getByRole("alert")).toContainText("没有保存");
  await page.reload();
  await expect(
    page
      .locator("tbody tr")
      .filter({ has: page.locator('input[name="intent"][value="assign-project"]') })
      .first()
      .getByRole("combobox"),
  ).toHaveValue(before);
});
