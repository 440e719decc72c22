// The deadline scheduler: every interval, record missed deadlines (with their public event and
// escalation email), remind silent authors, send the morning briefing once the day's 08:00
// has passed, and deliver queued mail. It runs once at start, so deadlines that passed
// while the server was down are caught up at once.
import { currentTime } from "../app/lib/time.server";
import { sendMorningBriefings } from "../app/models/briefing.server";
import { recordBreaches } from "../app/models/clocks.server";
import { queueVerdictReminders } from "../app/models/responses.server";
import { deliverPendingMail, requeueInterruptedMail } from "../app/models/mail-outbox.server";

export type Scheduler = { tick(): Promise<number>; start(): Promise<void>; stop(): Promise<void> };

export function createScheduler({ now = currentTime, intervalMs }: { now?: () => number; intervalMs: number }): Scheduler {
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<number> | undefined;

  async function work() {
    const at = now();
    const breaches = await recordBreaches(at);
    await queueVerdictReminders(at);
    await sendMorningBriefings(at);
    await deliverPendingMail();
    return breaches;
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
      await requeueInterruptedMail();
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
