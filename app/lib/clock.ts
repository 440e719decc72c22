// The reply-clock maths. Pure: every function takes `now`, so server, browser and
// tests agree on a clock's state for the same instant.

export type ClockKind = "ack" | "answer";
export type ClockState = "pending" | "due-soon" | "overdue" | "met" | "missed" | "closed";

/** Under this much time left, a running clock shows amber. */
export const DUE_SOON_MS = 60 * 60 * 1000;
export const HOUR_MS = 60 * 60 * 1000;

export type ClockFacts = {
  kind: ClockKind;
  round: number;
  startedAt: number;
  deadline: number;
  metAt: number | null;
  /**
   * Stopped without an answer, e.g. when the thread was merged into another. A clock closed
   * at or after its deadline had already run out: it stays missed, by the time it ran over.
   */
  closedAt?: number | null;
};

export function deadlineFrom(startedAt: number, hours: number) {
  return startedAt + Math.round(hours * HOUR_MS);
}

export function clockState(c: ClockFacts, now: number): ClockState {
  if (c.metAt != null) return c.metAt <= c.deadline ? "met" : "missed";
  if (c.closedAt != null) return c.closedAt >= c.deadline ? "missed" : "closed";
  if (now >= c.deadline) return "overdue";
  if (c.deadline - now <= DUE_SOON_MS) return "due-soon";
  return "pending";
}

export type ClockSummary = ClockFacts & {
  state: ClockState;
  /** Time left until the deadline; negative once it has passed. Null once the clock stopped. */
  remainingMs: number | null;
  /** From start to the reply; null while running. */
  tookMs: number | null;
  /** How late the reply came, or how overdue a running clock is; 0 when on time. */
  lateByMs: number;
};

export function summarizeClock(c: ClockFacts, now: number): ClockSummary {
  const state = clockState(c, now);
  const answered = c.metAt != null;
  // When the clock stopped, by an answer or by closing; null while it runs.
  const stoppedAt = c.metAt ?? c.closedAt ?? null;
  return {
    ...c,
    state,
    remainingMs: stoppedAt != null ? null : c.deadline - now,
    tookMs: answered ? c.metAt! - c.startedAt : null,
    lateByMs: Math.max(0, (stoppedAt ?? now) - c.deadline),
  };
}

/** "2小时14分05秒" / "2h 14m 05s"; days appear past 24 hours; seconds only when asked. */
export function formatDuration(ms: number, locale: string, withSeconds = false) {
  const total = Math.floor(Math.abs(ms) / 1000);
  const d = Math.floor(total / 86400);
  const h = Math.floor((total % 86400) / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  const pad = (n: number) => String(n).padStart(2, "0");
  const zh = locale.startsWith("zh");
  const parts: string[] = [];
  if (d) parts.push(zh ? `${d}天` : `${d}d`);
  if (d || h) parts.push(zh ? `${h}小时` : `${h}h`);
  parts.push(zh ? `${d || h ? pad(m) : m}分` : `${d || h ? pad(m) : m}m`);
  if (withSeconds && !d) parts.push(zh ? `${pad(s)}秒` : `${pad(s)}s`);
  return parts.join(zh ? "" : " ");
}
