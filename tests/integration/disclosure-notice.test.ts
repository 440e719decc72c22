// The printed disclosure notice is dated by what it discloses, never by the day it is printed.
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { FactorFields } from "../../app/lib/disclosure";
import { formatDate, toIso } from "../../app/lib/format";
import { createDraftFactor, publishDraft, reviseFactor, updateDraft, withdrawFactor } from "../../app/models/disclosures.server";
import * as printRoute from "../../app/routes/projects.$slug_.disclosures.print";
import { makeProject, makeUser } from "../support/factories";
import { callLoader } from "../support/remix";
import { renderPage } from "../support/render";
import en from "../../app/locales/en";
import zhCN from "../../app/locales/zh-CN";

const TZ = "Asia/Shanghai";
const H = 3_600_000;
// Published, revised and withdrawn on days far from any day the test may run.
const A_PUBLISHED = Date.UTC(2025, 0, 15, 2);
const B_PUBLISHED = Date.UTC(2025, 2, 3, 4);
const C_PUBLISHED = Date.UTC(2025, 3, 9, 3);
const C_WITHDRAWN = Date.UTC(2025, 4, 2, 3);
const B_REVISED = Date.UTC(2025, 5, 20, 6);
// "Today", as far as the page could know, while it renders.
const PRINTED = new Date("2031-08-08T04:00:00Z");

const fields = (f: Partial<FactorFields>): FactorFields => ({
  factorType: "railway",
  title: "货运铁路",
  impact: "夜间有噪音。",
  direction: "SE",
  distanceM: 300,
  mitigation: null,
  sourceNote: null,
  ...f,
});

let slug = "";

async function publish(projectId: number, staffId: string, f: FactorFields, at: number) {
  const { factorId, versionId } = await createDraftFactor(projectId, staffId, f, at - H);
  expect((await publishDraft(versionId, staffId, at)).ok).toBe(true);
  return factorId;
}

beforeAll(async () => {
  const staff = await makeUser("staff");
  const project = await makeProject();
  slug = project.slug;
  await publish(project.id, staff.id, fields({ title: "货运铁路" }), A_PUBLISHED);
  const b = await publish(project.id, staff.id, fields({ factorType: "power", title: "变电站", direction: "N", distanceM: 500 }), B_PUBLISHED);
  const c = await publish(project.id, staff.id, fields({ factorType: "other", title: "临时搅拌站", direction: "W", distanceM: 800 }), C_PUBLISHED);
  expect((await withdrawFactor(c, staff.id, "已拆除", C_WITHDRAWN)).ok).toBe(true);
  const r = await reviseFactor(b, staff.id, B_REVISED - H);
  if (!r.ok) throw new Error("revision not started");
  expect((await updateDraft(r.versionId, staff.id, fields({ factorType: "power", title: "变电站", direction: "N", distanceM: 450 }), B_REVISED - H)).ok).toBe(
    true,
  );
  expect((await publishDraft(r.versionId, staff.id, B_REVISED)).ok).toBe(true);
});

afterEach(() => {
  vi.useRealTimers();
});

/** The page's text, tags and React's text separators removed. */
const text = (html: string) =>
  html
    .replace(/<!-- -->/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

describe("the printed disclosure notice", () => {
  it("gives each factor's publication dates and the register's version date, not the time it is printed", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: PRINTED });
    const res = await callLoader(printRoute.loader, `/projects/${slug}/disclosures/print`, { params: { slug } });
    expect(res.status).toBe(200);
    const data = await res.json();
    expect(data).not.toHaveProperty("now");
    expect(data.versionAt).toBe(B_REVISED);
    const byTitle = Object.fromEntries(data.factors.map((f: { title: string; firstPublishedAt: number; publishedAt: number }) => [f.title, f]));
    expect(Object.keys(byTitle).sort()).toEqual(["变电站", "货运铁路"]);
    expect(byTitle["货运铁路"]).toMatchObject({ firstPublishedAt: A_PUBLISHED, publishedAt: A_PUBLISHED });
    expect(byTitle["变电站"]).toMatchObject({ firstPublishedAt: B_PUBLISHED, publishedAt: B_REVISED });
    // Nothing the loader gives the page comes from the clock.
    for (const ms of JSON.stringify(data).match(/\d{13}/g) ?? []) expect(Number(ms)).toBeLessThan(PRINTED.getTime() - 24 * H);
  });

  it("prints those dates in either language and never today's", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: PRINTED });
    for (const locale of ["zh-CN", "en"] as const) {
      const { html } = await renderPage(printRoute, "/projects/:slug/disclosures/print", `/projects/${slug}/disclosures/print`, { locale });
      const page = text(html);
      const d = (ms: number) => formatDate(ms, locale, TZ);
      const zh = locale === "zh-CN";
      expect(page).toContain(zh ? `${d(A_PUBLISHED)} 公示` : `disclosed ${d(A_PUBLISHED)}`);
      expect(page).toContain(zh ? `${d(B_PUBLISHED)} 公示 · ${d(B_REVISED)} 更新` : `disclosed ${d(B_PUBLISHED)} · updated ${d(B_REVISED)}`);
      expect(page).toContain(zh ? `本公示版本日期:${d(B_REVISED)}` : `This version of the notice: ${d(B_REVISED)}`);
      // An unrevised factor says nothing of an update; a withdrawn one is not on the notice.
      expect(page.match(zh ? /更新/g : /updated/g)).toHaveLength(1);
      expect(page).not.toContain("临时搅拌站");
      expect(page).not.toContain(d(C_PUBLISHED));
      expect(page).not.toContain(d(PRINTED.getTime()));
      expect(page).not.toContain("2031");
      for (const ms of [A_PUBLISHED, B_PUBLISHED, B_REVISED]) expect(html).toContain(`dateTime="${toIso(ms)}"`);
    }
  });

  it("carries no date for a register with nothing published", async () => {
    vi.useFakeTimers({ toFake: ["Date"], now: PRINTED });
    const empty = await makeProject();
    const res = await callLoader(printRoute.loader, `/projects/${empty.slug}/disclosures/print`, { params: { slug: empty.slug } });
    expect((await res.json()).versionAt).toBeNull();
    const { html } = await renderPage(printRoute, "/projects/:slug/disclosures/print", `/projects/${empty.slug}/disclosures/print`);
    expect(text(html)).not.toContain("本公示版本日期");
    expect(html).not.toContain("dateTime=");
    expect(html).not.toContain("2031");
  });

  it("sets each factor's type, title, place and impact apart in either language", async () => {
    const words = (html: string) => html.replace(/<!-- -->/g, "").replace(/<[^>]+>/g, "");
    const zh = words((await renderPage(printRoute, "/projects/:slug/disclosures/print", `/projects/${slug}/disclosures/print`)).html);
    expect(zh).toContain(`${zhCN.disclosure.types.railway}:货运铁路(东南侧 300 米)夜间有噪音。`);
    const english = words((await renderPage(printRoute, "/projects/:slug/disclosures/print", `/projects/${slug}/disclosures/print`, { locale: "en" })).html);
    expect(english).toContain(`${en.disclosure.types.railway}: 货运铁路 (300 m south-east). 夜间有噪音。`);
  });
});
