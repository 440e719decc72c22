// The morning briefing (晨报): what headquarters, and each regional company for its own
// projects, reads first thing every morning. Sent at 08:00 site time, once per day per unit
// (claimed in briefings_sent, in the same transaction as the mail it queues), also after a
// restart or downtime across 08:00; /staff/briefing shows the same.
import { and, asc, desc, eq, gt, gte, inArray, isNotNull, isNull, lt, lte, sql, type SQL } from "drizzle-orm";
import { briefingsSent, projects, threadClocks, threads } from "../../db/schema";
import { getDb, transaction } from "~/lib/db.server";
import { OPEN_STATUSES } from "~/lib/domain";
import { getEnv } from "~/lib/env.server";
import { localDayKey, localTime, parseDayKey } from "~/lib/periods";
import { briefingEmail } from "~/presenters/emails.server";
import { enqueueMail } from "./mail-outbox.server";
import { HQ_UNIT_ID, unitsWithRecipients, type Unit } from "./org.server";

const DAY = 86_400_000;
/** Each section lists at most this many complaints, with the total beside it. */
export const BRIEFING_LIMIT = 20;
export const BRIEFING_HOUR = 8;

export type BriefingItem = {
  id: number;
  title: string;
  projectName: string;
  createdAt: number;
  deadline: number | null;
  meTooCount: number;
  severity: number | null;
  hidden: boolean;
};
export type BriefingSection = { key: string; total: number; items: BriefingItem[] };

const open = inArray(threads.status, [...OPEN_STATUSES]);

/** The briefing of a unit (headquarters: every project) at `now`. Two queries per section. */
export async function briefingFor(unit: Pick<Unit, "id" | "kind">, now: number): Promise<BriefingSection[]> {
  const db = getDb();
  const tz = getEnv().SITE_TIME_ZONE;
  const today = parseDayKey(localDayKey(now, tz))!;
  const endOfToday = localTime(today.year, today.month, today.day + 1, 0, tz);
  const mine: SQL | undefined =
    unit.kind === "hq" ? undefined : inArray(threads.projectId, db.select({ id: projects.id }).from(projects).where(eq(projects.unitId, unit.id)));
  const columns = {
    id: threads.id,
    title: threads.title,
    projectName: projects.name,
    createdAt: threads.createdAt,
    deadline: threads.nextDeadline,
    meTooCount: threads.meTooCount,
    severity: threads.severity,
    hiddenAt: threads.hiddenAt,
  };
  const section = async (key: string, where: SQL, order: SQL[]): Promise<BriefingSection> => {
    const w = and(where, mine)!;
    const total = (await db
      .select({ n: sql<number>`count(*)` })
      .from(threads)
      .where(w)
      .get())!.n;
    const items = (
      await db
        .select(columns)
        .from(threads)
        .innerJoin(projects, eq(projects.id, threads.projectId))
        .where(w)
        .orderBy(...order)
        .limit(BRIEFING_LIMIT)
        .all()
    ).map(({ hiddenAt, ...r }) => ({ ...r, hidden: hiddenAt != null }));
    return { key, total, items };
  };
  // Complaints with a running clock of the kind, due in the window.
  const dueBetween = (from: number, to: number, kind?: "promise") =>
    inArray(
      threads.id,
      db
        .select({ id: threadClocks.threadId })
        .from(threadClocks)
        .where(
          and(
            // From `from` itself: a clock due at that instant is not yet overdue.
            gte(threadClocks.deadline, from),
            lte(threadClocks.deadline, to),
            isNull(threadClocks.metAt),
            isNull(threadClocks.closedAt),
            kind ? eq(threadClocks.kind, kind) : undefined,
          ),
        ),
    );
  // One after the other: inside a transaction they share one connection.
  const sections = [
    () => section("new", gte(threads.createdAt, now - DAY), [desc(threads.createdAt), desc(threads.id)]),
    () => section("overdue", and(open, lt(threads.nextDeadline, now))!, [asc(threads.nextDeadline), asc(threads.id)]),
    () => section("dueToday", and(open, dueBetween(now, endOfToday))!, [asc(threads.nextDeadline), asc(threads.id)]),
    () => section("promisesDue", and(open, dueBetween(now, now + 3 * DAY, "promise"))!, [asc(threads.nextDeadline), asc(threads.id)]),
    () => section("meToo", and(open, gt(threads.meTooCount, 0))!, [desc(threads.meTooCount), desc(threads.createdAt)]),
    () => section("serious", and(open, isNotNull(threads.severity), gte(threads.severity, 3))!, [desc(threads.severity), asc(threads.createdAt)]),
  ];
  const result = [];
  for (const read of sections) result.push(await read());
  return result;
}

/**
 * Sends today's briefing to every unit with briefing recipients, once the site's clock has
 * passed 08:00 and if it was not sent yet today. Returns how many units it sent to.
 */
export async function sendMorningBriefings(now: number): Promise<number> {
  const tz = getEnv().SITE_TIME_ZONE;
  const day = localDayKey(now, tz);
  const d = parseDayKey(day)!;
  if (now < localTime(d.year, d.month, d.day, BRIEFING_HOUR, tz)) return 0;
  let sent = 0;
  for (const unit of await unitsWithRecipients("briefings")) {
    const already = await getDb()
      .select({ day: briefingsSent.day })
      .from(briefingsSent)
      .where(and(eq(briefingsSent.unitId, unit.id), eq(briefingsSent.day, day)))
      .get();
    if (already) continue;
    const sections = await briefingFor(unit, now);
    const claimed = await transaction(async (tx) => {
      const r = await tx.insert(briefingsSent).values({ unitId: unit.id, day, createdAt: now }).onConflictDoNothing().run();
      if (r.changes === 0) return false;
      for (const address of unit.addresses)
        await enqueueMail(tx, briefingEmail({ to: address, unitName: unit.name, isHq: unit.id === HQ_UNIT_ID, day, sections }), now);
      return true;
    });
    if (claimed) sent++;
  }
  return sent;
}
