// Every query the hot pages and the scheduler run must be served by an index: a full
// scan of threads or posts would grow with the forum. Queries are captured as the real
// loaders run, then explained.
import { beforeAll, describe, expect, it } from "vitest";
import { sqliteClient } from "../../app/lib/db.server";
import { recordBreaches } from "../../app/models/clocks.server";
import { queueVerdictReminders } from "../../app/models/responses.server";
import { loader as homeLoader } from "../../app/routes/_index";
import { loader as threadLoader } from "../../app/routes/threads.$id";
import { loader as projectLoader } from "../../app/routes/projects.$slug";
import { loader as projectsLoader } from "../../app/routes/projects._index";
import { loader as disclosuresLoader } from "../../app/routes/projects.$slug_.disclosures._index";
import { loader as queueLoader } from "../../app/routes/staff._index";
import { loader as staffThreadLoader } from "../../app/routes/staff.threads.$id";
import { loader as reportLoader } from "../../app/routes/staff.reports.$period";
import { loader as reportCsvLoader } from "../../app/routes/staff.reports.$period_.csv";
import { loader as searchLoader } from "../../app/routes/search";
import { loader as apiListLoader } from "../../app/routes/api.threads._index";
import { loader as feedLoader } from "../../app/routes/feeds.threads[.]atom";
import { loader as myDataLoader } from "../../app/routes/account.data";
import { loader as statsLoader } from "../../app/routes/stats";
import { loader as apiStatsLoader } from "../../app/routes/api.stats";
import { seedDemoData } from "../../db/seed";
import { makeUser } from "../support/factories";
import { callLoader } from "../support/remix";

const captured = new Map<string, string>(); // sql -> where it came from

beforeAll(async () => {
  await seedDemoData();
  const staff = await makeUser("staff");
  const owner = await makeUser("owner");
  const db = sqliteClient();
  const prepare = db.prepare.bind(db);
  let label = "";
  db.prepare = ((source: string) => {
    if (!captured.has(source)) captured.set(source, label);
    return prepare(source);
  }) as typeof db.prepare;
  const run = async (name: string, f: () => Promise<unknown> | unknown) => {
    label = name;
    await f();
  };
  try {
    const now = Date.now();
    await run("home", () => callLoader(homeLoader, "/"));
    await run("home page 5 filtered", () => callLoader(homeLoader, "/?page=5&type=quality&status=answered&project=yunqi-garden"));
    await run("home sorted by me too", () => callLoader(homeLoader, "/?sort=metoo"));
    await run("api list", () => callLoader(apiListLoader, "/api/threads?type=sales&page=2"));
    await run("thread", () => callLoader(threadLoader, "/threads/3", { params: { id: "3" }, user: staff }));
    await run("staff thread", () => callLoader(staffThreadLoader, "/staff/threads/3", { params: { id: "3" }, user: staff }));
    await run("projects", () => callLoader(projectsLoader, "/projects"));
    await run("project", () => callLoader(projectLoader, "/projects/yunqi-garden?period=12_months", { params: { slug: "yunqi-garden" } }));
    await run("disclosures", () => callLoader(disclosuresLoader, "/projects/yunqi-garden/disclosures", { params: { slug: "yunqi-garden" } }));
    await run("queue", () => callLoader(queueLoader, "/staff", { user: staff }));
    await run("queue filtered", () => callLoader(queueLoader, "/staff?overdue=1&severity=2&type=quality", { user: staff }));
    await run("report (month)", () => callLoader(reportLoader, "/staff/reports/2026-11", { params: { period: "2026-11" }, user: staff }));
    await run("report (week)", () => callLoader(reportLoader, "/staff/reports/2026-W47", { params: { period: "2026-W47" }, user: staff }));
    await run("report CSV", () => callLoader(reportCsvLoader, "/staff/reports/2026-W47/csv", { params: { period: "2026-W47" }, user: staff }));
    await run("search (index)", () => callLoader(searchLoader, `/search?q=${encodeURIComponent("卫生间")}&type=quality`));
    await run("feed", () => callLoader(feedLoader, "/feeds/threads.atom?type=other"));
    await run("my data", () => callLoader(myDataLoader, "/account/data", { user: owner }));
    await run("stats", () => callLoader(statsLoader, "/stats?period=12_months"));
    await run("api stats", () => callLoader(apiStatsLoader, "/api/stats?period=90_days"));
    await run("scheduler", async () => {
      await recordBreaches(now);
      await queueVerdictReminders(now);
    });
  } finally {
    db.prepare = prepare;
  }
}, 120_000); // seeding the demo data takes a few seconds, more on a busy machine

/** Full scans allowed: the 200-row project table and the search index's own virtual table. */
// Small tables of a few rows each (projects, the organisation) may be read whole.
const allowed = (detail: string) => /^SCAN (projects|p|org_units|org_recipients)\b/.test(detail) || /VIRTUAL TABLE/.test(detail);
const allowedIn = (_where: string, detail: string) => allowed(detail);

describe("query plans of the hot pages", () => {
  it("captured the pages' queries", () => {
    expect(captured.size).toBeGreaterThan(25);
  });

  it("never scan a whole table of threads or posts", () => {
    const db = sqliteClient();
    const problems: string[] = [];
    for (const [source, where] of captured) {
      if (!/^\s*select/i.test(source)) continue;
      const params = (source.match(/\?/g) ?? []).length;
      const plan = db.prepare(`explain query plan ${source}`).all(...Array(params).fill(null)) as { detail: string }[];
      for (const { detail } of plan) {
        // "SCAN x" without an index reads every row; "SCAN x USING (COVERING) INDEX" walks an index in order.
        if (/^SCAN \S+$/.test(detail) && !allowedIn(where, detail)) problems.push(`${where}: ${detail}\n    ${source.slice(0, 200)}`);
      }
    }
    expect(problems).toEqual([]);
  });
});
