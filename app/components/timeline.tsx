// A thread's timeline: when it was posted, acknowledged, answered, breached, classified, reopened.
import { toIso } from "~/lib/format";
import { eventText } from "~/lib/timeline-text";
import { useSite } from "~/hooks/use-site";

export type TimelineItem = {
  id: number;
  kind: string;
  actorName: string | null;
  actorDeleted?: boolean;
  actorAccountName?: string | null;
  note: string | null;
  createdAt: number;
  postId: number | null;
  fromValue?: string | null;
  toValue?: string | null;
};

export function Timeline({
  postedAt,
  authorName,
  authorDeleted = false,
  authorAccountName = null,
  events,
  feedHref,
}: {
  postedAt: number;
  authorName: string;
  authorDeleted?: boolean;
  authorAccountName?: string | null;
  events: TimelineItem[];
  feedHref?: string;
}) {
  const { t, dateTime } = useSite();
  const posted: TimelineItem = {
    id: 0,
    kind: "posted",
    actorName: authorName,
    actorDeleted: authorDeleted,
    actorAccountName: authorAccountName,
    note: null,
    createdAt: postedAt,
    postId: null,
  };
  const items: TimelineItem[] = [posted, ...events];
  return (
    <section className="timeline" aria-labelledby="timeline-title">
      <h2 id="timeline-title">{t("timeline.title")}</h2>
      <ol>
        {items.map((e) => {
          const text = eventText(t, e);
          return (
            <li key={`${e.kind}-${e.id}`} className={`timeline-item timeline-${e.kind}`} data-event={e.kind}>
              <time dateTime={toIso(e.createdAt)} suppressHydrationWarning>
                {dateTime(e.createdAt)}
              </time>{" "}
              <span>{e.postId ? <a href={`#post-${e.postId}`}>{text}</a> : text}</span>
              {e.note ? <span className="timeline-note">{t("timeline.note", { note: e.note })}</span> : null}
            </li>
          );
        })}
      </ol>
      {feedHref ? (
        <p className="feed-link">
          <a href={feedHref} type="application/atom+xml">
            {t("common.feed")}
          </a>
        </p>
      ) : null}
    </section>
  );
}
