// The deadline scheduler: every interval, record missed deadlines (with their public event and
// escalation email), remind silent authors, send the morning briefing once the day's 08:00
// has passed, and deliver queued mail. It runs once at start, so deadlines that passed
// while the server was down are caught up at once. Every process may run one: each breach,
// reminder, briefing and message is claimed in the database, so each happens once
// (docs/decisions/0015-postgresql.md). Each tick is recorded for the operations page.
import { engine } from "../app/lib/db.server";
import { currentTime } from "../app/lib/time.server";
import { sendMorningBriefings } from "../app/models/briefing.server";
import { recordBreaches } from "../app/models/clocks.server";
import { queueVerdictReminders } from "../app/models/responses.server";
import { deliverPendingMail, requeueInterruptedMail } from "../app/models/mail-outbox.server";
import { dropStalePendingPhotos } from "../app/models/photos.server";
import { clearExpiredRateLimits, recordSchedulerStart, recordSchedulerTick, thisProcess } from "../app/models/operations.server";

export type Scheduler = { tick(): Promise<number>; start(): Promise<void>; stop(): Promise<void> };

export function createScheduler({ now = currentTime, intervalMs }: { now?: () => number; intervalMs: number }): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<number> | undefined;
  let started: ReturnType<typeof thisProcess> | undefined;

  async function work() {
    const at = now();
    const began = Date.now();
    let breaches = 0;
    let error: string | null = null;
    try {
      // A claim whose process died mid-send, once it has run out.
      await requeueInterruptedMail();
      breaches = await recordBreaches(at);
      await queueVerdictReminders(at);
      await sendMorningBriefings(at);
      await deliverPendingMail();
      // The rate limiter counts in real time, whatever clock the site runs on.
      await clearExpiredRateLimits(Date.now());
      // Photos uploaded for a post that was never sent, with their files.
      await dropStalePendingPhotos(at);
      return breaches;
    } catch (e) {
      error = e instanceof Error ? e.message.slice(0, 200) : "unknown error";
      throw e;
    } finally {
      if (started) await recordSchedulerTick(started.processId, { at, ms: Date.now() - began, error, breaches }).catch(() => undefined);
    }
  }

  function tick(): Promise<number> {
    // Never two ticks at once: a slow SMTP server must not make them overlap.
    current ??= work().finally(() => {
      current = undefined;
    });
    return current;
  }

  function safeTick() {
    tick().catch((e) => console.error("scheduler:", e instanceof Error ? e.message : e));
  }

  return {
    tick,
    /** Resolves once the first tick has begun. */
    async start() {
      started = thisProcess();
      await recordSchedulerStart(started, now());
      // On SQLite this is the only process that sends: whatever it had claimed was lost with it.
      await requeueInterruptedMail(engine() === "sqlite");
      safeTick();
      timer = setInterval(safeTick, intervalMs);
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      await current?.catch(() => undefined);
    },
  };
}
