// A thread's public timeline: when it was posted, acknowledged, answered, breached, reopened.
import { toIso } from "~/lib/format";
import { useSite } from "~/lib/use-site";

export type TimelineItem = { id: number; kind: string; actorName: string | null; note: string | null; createdAt: number; postId: number | null };

export function Timeline({ postedAt, authorName, events }: { postedAt: number; authorName: string; events: TimelineItem[] }) {
  const { t, dateTime } = useSite();
  const items = [{ id: 0, kind: "posted", actorName: authorName, note: null, createdAt: postedAt, postId: null }, ...events];
  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("timeline.title")}</h2>
      <ol>
        {items.map((e) => (
          <li key={`${e.kind}-${e.id}`} className={`timeline-item timeline-${e.kind}`} data-event={e.kind}>
            <time dateTime={toIso(e.createdAt)} suppressHydrationWarning>
              {dateTime(e.createdAt)}
            </time>{" "}
            <span>
              {e.postId ? <a href={`#post-${e.postId}`}>{t(`timeline.${e.kind}`, { name: e.actorName ?? "" })}</a> : t(`timeline.${e.kind}`, { name: e.actorName ?? "" })}
            </span>
            {e.note ? <span className="timeline-note">{t("timeline.note", { note: e.note })}</span> : null}
          </li>
        ))}
      </ol>
    </section>
  );
}
