import { beforeAll, describe, expect, it } from "vitest";
import { monthRange } from "../../app/lib/periods";
import { acknowledgeThread, postOfficial, confirmSolved } from "../../app/models/responses.server";
import { recordBreaches } from "../../app/models/clocks.server";
import { triageThread } from "../../app/models/moderation.server";
import { monthlyReport } from "../../app/models/reports.server";
import { loader as reportLoader } from "../../app/routes/staff.reports.$month";
import { loader as csvLoader } from "../../app/routes/staff.reports.$month_.csv";
import { makeProject, makeThread, makeUser } from "../support/factories";
import { callLoader } from "../support/remix";

const H = 3_600_000;
const TZ = "Asia/Shanghai";
const month = monthRange("2026-03", TZ)!;
const ANSWER = "您好,维修已经完成,请确认是否还有问题,谢谢您的耐心。";
let staff: Awaited<ReturnType<typeof makeUser>>;
let owner: Awaited<ReturnType<typeof makeUser>>;
let ids: { onTime: number; late: number; ignored: number; serious: number; april: number };

beforeAll(async () => {
  staff = await makeUser("staff");
  owner = await makeUser("owner");
  const p = makeProject({ slug: "report-a", name: '报表楼盘, "甲"' });
  const t0 = month.from + 3 * 24 * H;
  ids = {
    onTime: makeThread({ authorId: owner.id, projectId: p.id, now: t0 }),
    late: makeThread({ authorId: owner.id, projectId: p.id, now: t0 + H }),
    ignored: makeThread({ authorId: owner.id, projectId: p.id, now: t0 + 2 * H }),
    serious: makeThread({ authorId: owner.id, projectId: p.id, now: t0 + 3 * H }),
    april: makeThread({ authorId: owner.id, projectId: p.id, now: month.to + H }),
  };
  postOfficial({ kind: "solution", threadId: ids.onTime, staffId: staff.id, body: ANSWER }, t0 + 2 * H);
  confirmSolved({ threadId: ids.onTime, userId: owner.id, ratings: { overall: 2, attitude: 5, speed: 4, result: 2 } }, t0 + 24 * H);
  acknowledgeThread({ threadId: ids.late, staffId: staff.id }, t0 + 5 * H); // 1 h late
  postOfficial({ kind: "solution", threadId: ids.serious, staffId: staff.id, body: ANSWER }, t0 + 4 * H);
  for (const id of [ids.onTime, ids.late, ids.serious])
    triageThread(
      id,
      staff.id,
      {
        complaintType: "quality",
        severity: id === ids.serious ? 4 : 1,
        validity: "valid",
        invalidReason: null,
        department: null,
        assigneeId: null,
      },
      Date.now(),
    );
  recordBreaches(month.to);
});

describe("monthly report", () => {
  it("counts valid complaints and closure per project, lists every breach and every serious complaint", () => {
    const r = monthlyReport(month, month.to + 10 * 24 * H);
    const row = r.perProject.find((p) => p.slug === "report-a")!;
    expect(row).toMatchObject({ threads: 4, valid: 3, validClosed: 1 });
    expect(row.closureRate).toBeCloseTo(1 / 3);
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
    // Satisfaction is the overall score (2 here), not the detail scores (5, 4, 2).
    expect(r.satisfaction).toMatchObject({ ratings: 1, ratingRate: 0 });
  });

  it("is for staff, and downloads as CSV with quoting", async () => {
    const params = { month: "2026-03" };
    expect((await callLoader(reportLoader, "/staff/reports/2026-03", { user: owner, params })).status).toBe(403);
    expect((await callLoader(reportLoader, "/staff/reports/2026-13", { user: staff, params: { month: "2026-13" } })).status).toBe(404);
    const page = await callLoader(reportLoader, "/staff/reports/2026-03", { user: staff, params });
    expect(page.status).toBe(200);
    const csv = await callLoader(csvLoader, "/staff/reports/2026-03/csv", { user: staff, params });
    expect(csv.headers.get("Content-Type")).toContain("text/csv");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 BOM spreadsheet programs look for
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('"报表楼盘, ""甲""",4,3,1,33.3');
    expect((await callLoader(csvLoader, "/staff/reports/2026-03/csv", { params })).status).toBe(302);
  });
});
