import { beforeAll, describe, expect, it } from "vitest";
import { reportPeriod } from "../../app/lib/report-periods";
import { acknowledgeThread, postOfficial, confirmSolved } from "../../app/models/responses.server";
import { recordBreaches } from "../../app/models/clocks.server";
import { triageThread } from "../../app/models/moderation.server";
import { complaintReport } from "../../app/models/reports.server";
import { loader as reportLoader } from "../../app/routes/staff.reports.$period";
import { loader as csvLoader } from "../../app/routes/staff.reports.$period_.csv";
import { loader as indexLoader } from "../../app/routes/staff.reports._index";
import { makeProject, makeThread, makeUnit, makeUser } from "../support/factories";
import { callLoader } from "../support/remix";

const H = 3_600_000;
const TZ = "Asia/Shanghai";
const month = reportPeriod("2026-03", TZ)!;
// 4 March 2026, a Wednesday: in ISO week 10, 2 to 8 March.
const week = reportPeriod("2026-W10", TZ)!;
const ANSWER = "您好,维修已经完成,请确认是否还有问题,谢谢您的耐心。";
let staff: Awaited<ReturnType<typeof makeUser>>;
let owner: Awaited<ReturnType<typeof makeUser>>;
let ids: { onTime: number; late: number; ignored: number; serious: number; april: number; formula: number };

/** Rows of a CSV document as the spreadsheet reads them (quotes, doubled quotes, CRLF). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted && c === '"' && text[i + 1] === '"') {
      cell += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (!quoted && c === ",") {
      row.push(cell);
      cell = "";
    } else if (!quoted && c === "\r" && text[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else {
      cell += c;
    }
  }
  return rows;
}

beforeAll(async () => {
  staff = await makeUser("staff");
  owner = await makeUser("owner");
  const admin = await makeUser("admin");
  const p = await makeProject({ slug: "report-a", name: '报表楼盘, "甲"\n二期' });
  const q = await makeProject({ slug: "report-b", name: "=报表乙" });
  await makeUnit(admin.id, { name: "华南公司", projectIds: [q.id] });
  const t0 = month.from + 3 * 24 * H;
  ids = {
    onTime: await makeThread({ authorId: owner.id, projectId: p.id, now: t0 }),
    late: await makeThread({ authorId: owner.id, projectId: p.id, now: t0 + H }),
    ignored: await makeThread({ authorId: owner.id, projectId: p.id, now: t0 + 2 * H }),
    serious: await makeThread({ authorId: owner.id, projectId: p.id, now: t0 + 3 * H }),
    april: await makeThread({ authorId: owner.id, projectId: p.id, now: month.to + H }),
    formula: await makeThread({ authorId: owner.id, projectId: q.id, title: "=HYPERLINK(1)", now: t0 + 4 * H }),
  };
  await postOfficial({ kind: "solution", threadId: ids.onTime, staffId: staff.id, body: ANSWER }, t0 + 2 * H);
  await confirmSolved({ threadId: ids.onTime, userId: owner.id, ratings: { overall: 2, attitude: 5, speed: 4, result: 2 } }, t0 + 24 * H);
  await acknowledgeThread({ threadId: ids.late, staffId: staff.id }, t0 + 5 * H); // 1 h late
  await postOfficial({ kind: "solution", threadId: ids.serious, staffId: staff.id, body: ANSWER }, t0 + 4 * H);
  await postOfficial({ kind: "solution", threadId: ids.formula, staffId: staff.id, body: ANSWER }, t0 + 5 * H);
  for (const id of [ids.onTime, ids.late, ids.serious])
    await triageThread(
      id,
      staff.id,
      {
        complaintType: "quality",
        severity: id === ids.serious ? 4 : 1,
        validity: "valid",
        invalidReason: null,
        department: id === ids.late ? "engineering" : null,
        assigneeId: null,
      },
      t0 + 30 * H,
    );
  await recordBreaches(month.to);
});

describe("the complaint report of a month", () => {
  it("counts valid complaints and closure per project, lists every breach and every serious complaint", async () => {
    const r = await complaintReport(month, month.to + 10 * 24 * H);
    const row = r.perProject.find((p) => p.slug === "report-a")!;
    expect(row).toMatchObject({ complaints: 4, valid: 3, closed: 1, unit: null });
    expect(row.closureRate).toBeCloseTo(1 / 3);
    expect(r.perProject.find((p) => p.slug === "report-b")).toMatchObject({
      complaints: 1,
      valid: 0,
      closed: 0,
      closureRate: null,
      unit: { name: "华南公司" },
    });
    const breaches = r.breaches.map((b) => [b.threadId, b.kind, b.stillOpen]);
    expect(breaches).toEqual(
      expect.arrayContaining([
        [ids.late, "ack", false],
        [ids.late, "answer", true],
        [ids.ignored, "ack", true],
        [ids.ignored, "answer", true],
      ]),
    );
    expect(breaches).toHaveLength(4);
    expect(r.breaches.find((b) => b.threadId === ids.late && b.kind === "ack")!.lateByMs).toBe(H); // deadline t0+4h, acknowledged t0+5h
    expect(r.serious.map((s) => s.id)).toEqual([ids.serious]);
    // One overall score, a 2: the detail scores of 5 and 4 are not satisfaction.
    expect(r.satisfaction).toMatchObject({ scored: 1, satisfied: 0, rate: 0 });
  });

  it("sums the companies and the departments, with a row for projects without a company and one for no department", async () => {
    const r = await complaintReport(month, month.to + 10 * 24 * H);
    expect(r.perCompany.map((u) => u.unit?.name ?? null)).toEqual(["华南公司", null]);
    expect(r.perCompany[0]).toMatchObject({ projects: 1, complaints: 1, answers: { decided: 1, onTime: 1, rate: 1 } });
    // Four answer clocks in March without a company: two answered in time, two never.
    expect(r.perCompany[1]).toMatchObject({ complaints: 4, valid: 3, closed: 1, answers: { decided: 4, onTime: 2, rate: 0.5 } });
    expect(r.totals).toMatchObject({ complaints: 5, valid: 3, closed: 1, answers: { decided: 5, onTime: 3 } });
    const dept = Object.fromEntries(r.perDepartment.map((d) => [String(d.department), d]));
    expect(Object.keys(dept)).toEqual(["design", "engineering", "sales", "customer_service", "property", "other", "null"]);
    expect(dept.engineering).toMatchObject({ complaints: 1, closed: 0, answers: { decided: 1, onTime: 0, rate: 0 } });
    expect(dept.null).toMatchObject({ complaints: 4, closed: 1, answers: { decided: 4, onTime: 3 } });
  });

  it("gives the week holding those days the same figures", async () => {
    const now = month.to + 10 * 24 * H;
    const w = await complaintReport(week, now);
    const m = await complaintReport(month, now);
    expect(w.perProject).toEqual(m.perProject);
    expect(w.perCompany).toEqual(m.perCompany);
    expect(w.breaches).toEqual(m.breaches);
    expect((await complaintReport(reportPeriod("2026-W11", TZ)!, now)).totals.complaints).toBe(0);
  });
});

describe("the report pages", () => {
  it("are for staff, by month or by ISO week; any other key is a 404", async () => {
    for (const period of ["2026-03", "2026-W10", "2020-W53"]) {
      expect((await callLoader(reportLoader, `/staff/reports/${period}`, { user: owner, params: { period } })).status).toBe(403);
      expect((await callLoader(reportLoader, `/staff/reports/${period}`, { user: staff, params: { period } })).status).toBe(200);
      expect((await callLoader(csvLoader, `/staff/reports/${period}/csv`, { user: staff, params: { period } })).status).toBe(200);
    }
    for (const period of ["2026-13", "2026-00", "2026-3", "0099-01", "2026-W00", "2026-W54", "2025-W53", "2026-W1", "2026-w10", "2026-W10x", "march", ""]) {
      expect((await callLoader(reportLoader, `/staff/reports/${period}`, { user: staff, params: { period } })).status, period).toBe(404);
      expect((await callLoader(csvLoader, `/staff/reports/${period}/csv`, { user: staff, params: { period } })).status, period).toBe(404);
    }
    expect((await callLoader(csvLoader, "/staff/reports/2026-03/csv", { params: { period: "2026-03" } })).status).toBe(302);
  });

  it("a week's page links to the weeks around it, a month's to the months", async () => {
    const get = async (period: string) =>
      (await (await callLoader(reportLoader, `/staff/reports/${period}`, { user: staff, params: { period } })).json()) as {
        period: { kind: string; firstDay: string; lastDay: string };
        previous: string;
        next: string | null;
      };
    expect(await get("2026-W01")).toMatchObject({
      period: { kind: "week", firstDay: "2025-12-29", lastDay: "2026-01-04" },
      previous: "2025-W52",
      next: "2026-W02",
    });
    expect(await get("2026-01")).toMatchObject({
      period: { kind: "month", firstDay: "2026-01-01", lastDay: "2026-01-31" },
      previous: "2025-12",
      next: "2026-02",
    });
    expect((await get("2099-W10")).next).toBeNull();
  });

  it("lists the recent weeks and months, the current ones first", async () => {
    const res = await callLoader(indexLoader, "/staff/reports", { user: staff });
    const body = (await res.json()) as { now: number; weeks: { key: string; from: number; to: number }[]; months: { key: string; from: number; to: number }[] };
    expect(body.weeks).toHaveLength(13);
    expect(body.months).toHaveLength(12);
    for (const list of [body.weeks, body.months]) {
      expect(list[0]!.from).toBeLessThanOrEqual(body.now);
      expect(list[0]!.to).toBeGreaterThan(body.now);
      for (let i = 1; i < list.length; i++) expect(list[i]!.to).toBe(list[i - 1]!.from);
    }
    expect(body.weeks[0]!.key).toMatch(/^\d{4}-W\d{2}$/);
    expect((await callLoader(indexLoader, "/staff/reports", { user: owner })).status).toBe(403);
  });

  it("downloads as CSV: a BOM, every section in order, quoting, and no cell a spreadsheet would run", async () => {
    const csv = await callLoader(csvLoader, "/staff/reports/2026-03/csv", { user: staff, params: { period: "2026-03" } });
    expect(csv.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("Content-Disposition")).toBe('attachment; filename="tousu-report-2026-03.csv"');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 BOM spreadsheet programs look for
    const text = new TextDecoder().decode(bytes);
    expect(text.endsWith("\r\n")).toBe(true);
    expect(text).toContain('"报表楼盘, ""甲""\n二期",未归属地区公司,4,3,1,33.3\r\n');
    const rows = parseCsv(text);
    expect(rows[0]).toEqual(["客户投诉月报 2026-03"]);
    expect(rows[1]).toEqual(["期间", "2026-03-01", "2026-03-31"]);
    // Each section: a blank row, its title, its header.
    const titles = rows.flatMap((r, i) => (i > 0 && rows[i - 1]!.length === 1 && rows[i - 1]![0] === "" ? [r[0]] : []));
    expect(titles).toEqual(["各楼盘有效投诉与关闭率", "各地区公司", "各责任部门", "本期所有超时", "严重及重大投诉(3-4 级)", "满意度", "回访结果"]);
    const section = (title: string) => {
      const start = rows.findIndex((r) => r[0] === title);
      const end = rows.findIndex((r, i) => i > start && r.length === 1 && r[0] === "");
      return rows.slice(start + 1, end < 0 ? undefined : end);
    };
    expect(section("各地区公司")[0]).toEqual([
      "地区公司",
      "楼盘数",
      "投诉数",
      "有效投诉",
      "已关闭(有效)",
      "关闭率 %",
      "到期答复",
      "按时答复",
      "按时答复率",
      "到期承诺",
      "按时兑现",
      "按时兑现率",
    ]);
    expect(section("各地区公司").slice(1)).toEqual([
      ["华南公司", "1", "1", "0", "0", "", "1", "1", "100.0", "0", "0", ""],
      ["未归属地区公司", "1", "4", "3", "1", "33.3", "4", "2", "50.0", "0", "0", ""],
      ["合计", "2", "5", "3", "1", "33.3", "5", "3", "60.0", "0", "0", ""],
    ]);
    expect(section("各地区公司")).toHaveLength(4);
    expect(section("各楼盘有效投诉与关闭率")).toContainEqual(["'=报表乙", "华南公司", "1", "0", "0", ""]);
    expect(section("本期所有超时").slice(1)).toHaveLength(4);
    expect(section("本期所有超时")[1]).toEqual([
      expect.stringMatching(new RegExp(`^#${ids.late} 测试投诉`)),
      '报表楼盘, "甲"\n二期',
      "未归属地区公司",
      "工程部",
      "受理",
      "1",
      new Date(month.from + 3 * 24 * H + 4 * H).toISOString(),
      new Date(month.from + 3 * 24 * H + 5 * H).toISOString(),
      "",
      "60",
    ]);
    expect(
      section("严重及重大投诉(3-4 级)")
        .slice(1)
        .map((r) => r[0]),
    ).toEqual([expect.stringMatching(new RegExp(`^#${ids.serious} `))]);
    expect(section("满意度")).toEqual([
      ["有总体评分的投诉", "4-5 分", "满意率 %"],
      ["1", "0", "0.0"],
    ]);
    expect(section("回访结果")).toEqual([
      ["结果", "次数"],
      ["满意", "0"],
      ["不满意", "0"],
      ["联系不上", "0"],
      ["合计", "0"],
    ]);
    // "=报表乙" went out as "'=报表乙": no cell starts with = + - @.
    expect(rows.flat().filter((c) => /^[=+\-@]/.test(c))).toEqual([]);
  });

  it("speaks the viewer's language", async () => {
    const csv = await callLoader(csvLoader, "/staff/reports/2026-W10/csv", {
      user: staff,
      params: { period: "2026-W10" },
      headers: { "Accept-Language": "en" },
    });
    const rows = parseCsv((await csv.text()).replace(/^\uFEFF/, ""));
    expect(rows[0]).toEqual(["Weekly complaint report 2026-W10"]);
    expect(rows[1]).toEqual(["Period", "2026-03-02", "2026-03-08"]);
    expect(rows).toContainEqual(["No regional company", "1", "4", "3", "1", "33.3", "4", "2", "50.0", "0", "0", ""]);
  });
});
