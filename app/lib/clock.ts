// The reply clocks and their maths. Pure: every function takes `now`, so server, browser
// and tests agree on a clock's state for the same instant.
//
// Three public clocks per complaint: 受理 (ack: acknowledge and report to headquarters),
// 答复 (answer: a solution, not a holding reply) and 兑现 (promise: the solution delivered
// by the date it promised). `clockChanges` says what each company or author action does to
// them; the models carry it out.

export type ClockKind = "ack" | "answer" | "promise";
export const CLOCK_KINDS: readonly ClockKind[] = ["ack", "answer", "promise"];
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
  /** Why it was closed: "merged" (a duplicate), "superseded" (the complaint reopened before a promise fell due). */
  closeReason?: string | null;
};

export function deadlineFrom(startedAt: number, hours: number) {
  return startedAt + Math.round(hours * HOUR_MS);
}

/**
 * A clock's state at `now`. Its deadline is the last instant on time (a promise "by this date"
 * runs to 23:59:59.999): met at it is met, and it is overdue only after it.
 */
export function clockState(c: ClockFacts, now: number): ClockState {
  if (c.metAt != null) return c.metAt <= c.deadline ? "met" : "missed";
  if (c.closedAt != null) return c.closedAt > c.deadline ? "missed" : "closed";
  if (now > c.deadline) return "overdue";
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

/** The clocks a complaint has now: the current one of each kind (earlier rounds stay on record). */
export type CurrentClocks = { ack: ClockFacts | null; answer: ClockFacts | null; promise: ClockFacts | null };

export type ClockAction =
  /** Staff acknowledge and report to headquarters. */
  | { type: "acknowledge" }
  /** An official progress note (进展说明): it acknowledges, and stops nothing else. */
  | { type: "progress" }
  /** An official solution: done now, or to be done by `promisedBy` (the end of a local day). */
  | { type: "solution"; promisedBy: number | null }
  /** Staff record the promise kept (已兑现). */
  | { type: "promiseKept" }
  /** The author says it is not solved, or not delivered (未兑现). */
  | { type: "reopen" }
  /** Staff merge the complaint into another. */
  | { type: "merge" };

export type ClockChange = {
  /** Running clocks the action meets, at `now`. */
  meet: ClockKind[];
  /** Running clocks the action closes without meeting them, and why. */
  close: { kind: ClockKind; reason: string }[];
  /** New clocks the action starts at `now`. */
  start: { kind: ClockKind; round: number; deadline: number }[];
};

const running = (c: ClockFacts | null): c is ClockFacts => !!c && c.metAt == null && c.closedAt == null;

/**
 * What an action does to a complaint's clocks at `now`. Only a solution stops the answer
 * clock; a dated solution starts the promise clock, and one that is done meets a running
 * promise; a reopening ends a running promise (broken if its date has passed, superseded
 * otherwise) and starts a new answer round.
 */
export function clockChanges(clocks: CurrentClocks, action: ClockAction, now: number, answerHours: number): ClockChange {
  const change: ClockChange = { meet: [], close: [], start: [] };
  const ackRunning = running(clocks.ack);
  switch (action.type) {
    case "acknowledge":
    case "progress":
      if (ackRunning) change.meet.push("ack");
      break;
    case "solution":
      if (ackRunning) change.meet.push("ack");
      if (running(clocks.answer)) change.meet.push("answer");
      // A solution that says it is done delivers a running promise; one with a new date replaces
      // it (postOfficial refuses a date later than the running one's while that one is not yet due).
      if (running(clocks.promise)) {
        if (action.promisedBy == null) change.meet.push("promise");
        else change.close.push({ kind: "promise", reason: "superseded" });
      }
      if (action.promisedBy != null) change.start.push({ kind: "promise", round: (clocks.promise?.round ?? 0) + 1, deadline: action.promisedBy });
      break;
    case "promiseKept":
      if (running(clocks.promise)) change.meet.push("promise");
      break;
    case "reopen":
      // A promise past its date is broken, and closing it keeps it missed (see clockState).
      if (running(clocks.promise)) change.close.push({ kind: "promise", reason: now > clocks.promise.deadline ? "broken" : "superseded" });
      if (running(clocks.answer)) change.close.push({ kind: "answer", reason: "superseded" });
      change.start.push({ kind: "answer", round: (clocks.answer?.round ?? 0) + 1, deadline: deadlineFrom(now, answerHours) });
      break;
    case "merge":
      for (const kind of CLOCK_KINDS) if (running(clocks[kind])) change.close.push({ kind, reason: "merged" });
      break;
  }
  return change;
}

/** The clocks after a change, as the models will have stored them (for tests and previews). */
export function applyClockChange(clocks: CurrentClocks, change: ClockChange, now: number): CurrentClocks {
  const next: CurrentClocks = { ...clocks };
  for (const kind of change.meet) next[kind] = { ...next[kind]!, metAt: now };
  for (const { kind, reason } of change.close) next[kind] = { ...next[kind]!, closedAt: now, closeReason: reason };
  for (const s of change.start)
    next[s.kind] = { kind: s.kind, round: s.round, startedAt: now, deadline: s.deadline, metAt: null, closedAt: null, closeReason: null };
  return next;
}
