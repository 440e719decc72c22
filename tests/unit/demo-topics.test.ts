// The demo topics: each says its own things (no text belongs to two topics), every
// placeholder can be filled, and the hand-written complaints point at what exists.
import { describe, expect, it } from "vitest";
import { COMPLAINT_TYPES, DEPARTMENTS } from "../../app/lib/domain";
import { DEMO_FACTORS, DEMO_PROJECTS, DEMO_THREADS } from "../../db/seed-content";
import { fillTopicText, TOPIC_BY_KEY, TOPICS, type Topic } from "../../db/topics";

const VARS = { b: 3, u: 2, r: "1202", p: "C-118", date: "6月30日", unit: "深圳公司" };

/** Every text of a topic that ends up on a complaint, with what it is. */
function textsOf(t: Topic): [string, string][] {
  return [
    ...t.variants.flatMap((v) => [["title", v.title] as [string, string], ["body", v.body] as [string, string]]),
    ...t.replies.map((x) => ["reply", x] as [string, string]),
    ...t.ack.map((x) => ["ack", x] as [string, string]),
    ...t.progress.map((x) => ["progress", x] as [string, string]),
    ...t.fixes.flatMap((f) => [["plan", f.plan] as [string, string], ["done", f.done] as [string, string], ["kept", f.kept] as [string, string]]),
    ...t.reopen.map((x) => ["reopen", x] as [string, string]),
    ...t.notDelivered.map((x) => ["notDelivered", x] as [string, string]),
    ...t.praise.map((x) => ["praise", x] as [string, string]),
    ...t.grumble.map((x) => ["grumble", x] as [string, string]),
    ...t.callbackOk.map((x) => ["callbackOk", x] as [string, string]),
    ...t.callbackNo.map((x) => ["callbackNo", x] as [string, string]),
    ...(t.invalid ? [["invalid reason", t.invalid.reason] as [string, string], ["invalid answer", t.invalid.answer] as [string, string]] : []),
  ];
}

describe("demo topics", () => {
  it("have unique keys and subjects, known types, departments, projects and factors", () => {
    expect(new Set(TOPICS.map((t) => t.key)).size).toBe(TOPICS.length);
    expect(new Set(TOPICS.map((t) => t.subject)).size).toBe(TOPICS.length);
    const projects = new Set(DEMO_PROJECTS.map((p) => p.slug));
    const factors = new Map(DEMO_FACTORS.map((f) => [f.key, f.project]));
    for (const t of TOPICS) {
      expect(COMPLAINT_TYPES, t.key).toContain(t.type);
      expect(DEPARTMENTS, t.key).toContain(t.department);
      expect(t.projects.length, t.key).toBeGreaterThan(0);
      for (const p of t.projects) expect(projects, t.key).toContain(p);
      for (const [project, factor] of Object.entries(t.factor ?? {})) expect(factors.get(factor as never), `${t.key} ${factor}`).toBe(project);
      if (t.weight > 0) expect(t.variants.length, `${t.key} is generated, so it needs variants`).toBeGreaterThan(0);
      for (const part of ["replies", "ack", "progress", "reopen", "notDelivered", "praise", "grumble", "callbackOk", "callbackNo"] as const)
        expect(t[part].length, `${t.key}.${part}`).toBeGreaterThan(0);
    }
    for (const c of COMPLAINT_TYPES) expect(TOPICS.some((t) => t.type === c && t.weight > 0)).toBe(true);
  });

  it("never share a text between two topics, and every placeholder fills", () => {
    const owner = new Map<string, string>();
    for (const t of TOPICS) {
      for (const [what, text] of textsOf(t)) {
        const filled = fillTopicText(text, VARS);
        expect(filled, `${t.key} ${what}`).not.toMatch(/[{}]/);
        if (what === "title" || what === "body") continue;
        const other = owner.get(text);
        expect(other === undefined || other === t.key, `"${text}" is in both ${other} and ${t.key}`).toBe(true);
        owner.set(text, t.key);
      }
    }
  });

  it("promise dates only where a date is promised or missed", () => {
    for (const t of TOPICS) {
      for (const f of t.fixes) {
        expect(f.plan, t.key).toContain("{date}");
        expect(f.done + f.kept, t.key).not.toContain("{date}");
        expect(f.days[0], t.key).toBeLessThanOrEqual(f.days[1]);
      }
      for (const x of [...t.replies, ...t.ack, ...t.progress, ...t.reopen, ...t.callbackOk, ...t.callbackNo]) expect(x, t.key).not.toContain("{date}");
    }
  });

  it("hand-written complaints are about a topic of their project, and refer to what exists", () => {
    const keys = new Set(DEMO_THREADS.map((h) => h.key));
    expect(keys.size).toBe(DEMO_THREADS.length);
    for (const h of DEMO_THREADS) {
      const t = TOPIC_BY_KEY.get(h.topic);
      expect(t, h.key).toBeDefined();
      expect(t!.projects, h.key).toContain(h.project);
      if (h.duplicateOf) {
        expect(keys, h.key).toContain(h.duplicateOf.key);
        expect(DEMO_THREADS.find((x) => x.key === h.duplicateOf!.key)!.project, h.key).toBe(h.project);
      }
      if (h.sameAuthorAs) expect(keys, h.key).toContain(h.sameAuthorAs);
      if (h.path.invalid) expect(t!.invalid, h.key).toBeDefined();
    }
    for (const f of DEMO_FACTORS) if (f.disclosedAnswering) expect(keys, f.key).toContain(f.disclosedAnswering);
    expect(new Set(DEMO_THREADS.map((h) => h.topic)).size).toBeGreaterThanOrEqual(40);
  });
});
