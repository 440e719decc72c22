// A thread's public reply clock. Rendered on the server from the loader's `now`, so it is
// right without JavaScript; with JavaScript it ticks every second. Screen readers get the
// label (state and deadline), not an announcement every second.
import { useEffect, useState } from "react";
import { summarizeClock, formatDuration, type ClockFacts } from "~/lib/clock";
import { formatDateTime, formatShortDateTime, toIso } from "~/lib/format";
import { useSite } from "~/hooks/use-site";

export function useNow(serverNow: number) {
  const [now, setNow] = useState(serverNow);
  useEffect(() => {
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  return now;
}

export function clockText(
  clock: ClockFacts,
  now: number,
  locale: string,
  timeZone: string,
  t: (k: string, v?: Record<string, unknown>) => string,
  compact = false,
  s = summarizeClock(clock, now),
) {
  const k = clock.kind;
  const at = (ms: number) => formatShortDateTime(ms, locale as "zh-CN" | "en", timeZone);
  switch (s.state) {
    case "pending":
    case "due-soon":
      return t(`clock.${k}Pending`, { left: formatDuration(s.remainingMs!, locale, !compact) });
    case "overdue":
      return t(`clock.${k}Overdue`, { over: formatDuration(s.lateByMs, locale, !compact) });
    case "met":
      return t(`clock.${k}Met`, { at: at(clock.metAt!), took: formatDuration(s.tookMs!, locale) });
    case "missed":
      // Met late, or closed after it had run out: merged, or a promise broken by a reopening.
      return clock.metAt != null
        ? t(`clock.${k}Missed`, { at: at(clock.metAt), late: formatDuration(s.lateByMs, locale) })
        : t(clock.closeReason === "broken" ? "clock.promiseBroken" : `clock.${k}MissedClosed`, {
            at: at(clock.closedAt!),
            late: formatDuration(s.lateByMs, locale),
          });
    case "closed":
      return t(clock.closeReason === "superseded" ? "clock.superseded" : "clock.closed", { at: at(clock.closedAt!) });
  }
}

export function Countdown({ clock, now, compact = false }: { clock: ClockFacts; now: number; compact?: boolean }) {
  const { t, locale, timeZone } = useSite();
  const s = summarizeClock(clock, now);
  const text = clockText(clock, now, locale, timeZone, t, compact, s);
  const deadline = formatDateTime(clock.deadline, locale, timeZone);
  const running = s.state === "pending" || s.state === "due-soon" || s.state === "overdue";
  const label = t("clock.timerLabel", {
    name: t(`clock.${clock.kind}Name`),
    state: t(`clock.state.${s.state}`),
    deadline: t("clock.deadline", { at: deadline }),
  });
  return (
    <div
      className={`countdown countdown-${s.state}${compact ? " countdown-compact" : ""}`}
      data-sla={clock.kind}
      data-state={s.state}
      role="timer"
      aria-label={label}
    >
      <span className="countdown-kind" aria-hidden="true">
        {t(`clock.${clock.kind}Name`)}
      </span>
      <span className="countdown-text" aria-hidden="true" suppressHydrationWarning>
        {text}
      </span>
      <span className={compact && !running ? "countdown-deadline visually-hidden" : "countdown-deadline"} aria-hidden="true">
        {t("clock.deadlineShort")}{" "}
        <time dateTime={toIso(clock.deadline)} suppressHydrationWarning>
          {compact ? formatShortDateTime(clock.deadline, locale, timeZone) : deadline}
        </time>
      </span>
    </div>
  );
}

/** A thread's clocks, the promise clock once a solution gave a date; `now` comes from one useNow() per page. */
export function ThreadClocks({
  ack,
  answer,
  promise = null,
  now,
  compact = false,
}: {
  ack: ClockFacts | null;
  answer: ClockFacts | null;
  promise?: ClockFacts | null;
  now: number;
  compact?: boolean;
}) {
  return (
    <div className={compact ? "clocks clocks-compact" : "clocks"}>
      {ack ? <Countdown clock={ack} now={now} compact={compact} /> : null}
      {answer ? <Countdown clock={answer} now={now} compact={compact} /> : null}
      {promise ? <Countdown clock={promise} now={now} compact={compact} /> : null}
    </div>
  );
}
