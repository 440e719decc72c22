// Builds the benchmark database: 100,000 threads, 1,000,000 posts, 200 projects, their
// disclosures and realistic clock states, with the real migrations (and so the real
// indexes and triggers). Rows are written with prepared statements in large
// transactions, before the indexes and the search index, which are built once at the end;
// Markdown is rendered once per distinct body.
import fs from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import Database from "better-sqlite3";
import { closeDb, migrateDatabase } from "../app/lib/db.server";
import { hashPassword } from "../app/lib/auth.server";
import { COMPLAINT_TYPES } from "../app/lib/domain";
import { DIRECTIONS, FACTOR_TYPES } from "../app/lib/disclosure";
import { renderMarkdown } from "../app/lib/markdown.server";
import { DEMO_THREADS } from "../db/seed-content";
import { fillTopicText, TOPICS } from "../db/topics";
import { seededRandom } from "../db/random";

export const BENCH = {
  /** Every generated user's password. */
  password: "bench-password",
  projects: 200,
  threads: 100_000,
  posts: 1_000_000,
  owners: 5_000,
  staff: 20,
  /** The thread the benchmark reads as "a thread page with 50 replies". */
  fiftyReplyThread: 1,
  /** Its author, who also wrote two of its replies and flagged another: the logged-in owner's page. */
  threadOwnerEmail: "owner0@bench.example",
  /** A staff member's login, for the staff queue and the staff thread view. */
  staffEmail: "staff1@bench.example",
  /** The "complaint in the news": 50 replies too, its own thread, so that the replies the benchmark posts to it change no other page it measures. */
  newsThread: 2,
  newsProject: 2,
};

/** The replies of the 50-reply thread that its author wrote. */
const OWN_REPLIES = new Set([9, 39]);
/** The reply of the 50-reply thread that its author flagged. */
const FLAGGED_REPLY = 20;

/** The tables the generator fills. */
const FILLED_TABLES = [
  "users",
  "projects",
  "disclosure_factors",
  "disclosure_versions",
  "threads",
  "posts",
  "post_revisions",
  "thread_clocks",
  "thread_events",
  "flags",
];

/**
 * What the insert triggers on the filled tables do, done once for every row instead of once
 * per row (the same statements as their migrations' fill of the rows already there, grouped).
 */
const INSERT_TRIGGER_FILLS: Record<string, string> = {
  search_threads_insert: "INSERT INTO search_index (rowid, body, thread_id, post_id) SELECT -id, title, id, NULL FROM threads",
  search_posts_insert: "INSERT INTO search_index (rowid, body, thread_id, post_id) SELECT id, body_markdown, thread_id, id FROM posts WHERE hidden_at IS NULL",
  threads_count_per_project:
    "UPDATE projects SET thread_count = t.n FROM (SELECT project_id, count(*) n FROM threads GROUP BY project_id) t WHERE t.project_id = projects.id",
  thread_clocks_next_deadline_insert:
    "UPDATE threads SET next_deadline = c.deadline FROM (SELECT thread_id, min(deadline) deadline FROM thread_clocks WHERE met_at IS NULL AND closed_at IS NULL GROUP BY thread_id) c WHERE c.thread_id = threads.id",
};

/**
 * Drops the filled tables' indexes and insert triggers; `restore` does the triggers' work for
 * all rows at once, then creates them again from the migrations' own SQL, so that the schema
 * ends as the migrations leave it. Building an index once is far cheaper than keeping it up
 * to date through a million inserts.
 */
function deferIndexesAndTriggers(sqlite: Database.Database) {
  const filled = FILLED_TABLES.map(() => "?").join(", ");
  const indexes = sqlite
    .prepare(`select name, sql from sqlite_master where type = 'index' and sql is not null and tbl_name in (${filled}) order by rowid`)
    .all(...FILLED_TABLES) as { name: string; sql: string }[];
  const triggers = sqlite
    .prepare(`select name, sql from sqlite_master where type = 'trigger' and tbl_name in (${filled}) order by rowid`)
    .all(...FILLED_TABLES) as { name: string; sql: string }[];
  const insertTriggers = triggers.filter((t) => /\b(before|after|instead\s+of)\s+insert\b/i.test(t.sql));
  for (const t of insertTriggers) {
    if (!(t.name in INSERT_TRIGGER_FILLS)) throw new Error(`insert trigger ${t.name}: say in INSERT_TRIGGER_FILLS what it does for every row`);
  }
  for (const i of indexes) sqlite.exec(`drop index "${i.name}"`);
  for (const t of insertTriggers) sqlite.exec(`drop trigger "${t.name}"`);
  return {
    restore() {
      sqlite.transaction(() => {
        for (const t of insertTriggers) sqlite.exec(INSERT_TRIGGER_FILLS[t.name]!);
        for (const i of indexes) sqlite.exec(i.sql);
        for (const t of insertTriggers) sqlite.exec(t.sql);
      })();
    },
  };
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export async function generateBenchDatabase(file: string, now = Date.now(), log: (s: string) => void = console.log) {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  process.env.DATABASE_PATH = file;
  await migrateDatabase();
  await closeDb();
  // A connection of its own, set for a bulk load: a crash leaves a file that is simply
  // generated again, so no journal, no syncs and no foreign-key lookups per row (the keys
  // are checked once at the end); a page cache that holds the index builds.
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = OFF");
  sqlite.pragma("synchronous = OFF");
  sqlite.pragma("foreign_keys = OFF");
  sqlite.pragma("cache_size = -524288");
  sqlite.pragma("temp_store = MEMORY");
  const deferred = deferIndexesAndTriggers(sqlite);
  const rand = seededRandom(20260101);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const started = Date.now();

  // People. One password hash serves them all: hashing is not what is measured.
  const hash = await hashPassword(BENCH.password);
  const ownerIds: string[] = [];
  const staffIds: string[] = [];
  // Verified addresses, as everyone who has posted has (posting asks for one).
  const insertUser = sqlite.prepare(
    "insert into users (id, email, display_name, password_hash, role, created_at, email_verified_at) values (?, ?, ?, ?, ?, ?, ?)",
  );
  sqlite.transaction(() => {
    for (let i = 0; i < BENCH.staff; i++) {
      const id = randomUUID();
      staffIds.push(id);
      insertUser.run(id, `staff${i}@bench.example`, `客服${i}`, hash, i === 0 ? "admin" : "staff", now - 500 * DAY, now - 500 * DAY);
    }
    for (let i = 0; i < BENCH.owners; i++) {
      const id = randomUUID();
      ownerIds.push(id);
      insertUser.run(id, `owner${i}@bench.example`, `业主${i}`, hash, "owner", now - 400 * DAY, now - 400 * DAY);
    }
  })();

  // Projects and their disclosures (five factors each, some revised).
  const cities = ["深圳", "广州", "武汉", "北京", "上海", "成都", "沈阳", "杭州"];
  const insertProject = sqlite.prepare("insert into projects (slug, name, city, address, created_at) values (?, ?, ?, ?, ?)");
  const insertFactor = sqlite.prepare(
    "insert into disclosure_factors (project_id, status, current_version_id, first_published_at, created_at, created_by) values (?, 'published', null, ?, ?, ?)",
  );
  const insertVersion = sqlite.prepare(
    "insert into disclosure_versions (factor_id, project_id, action, state, factor_type, title, impact, direction, distance_m, created_at, created_by, published_at, published_by) values (?, ?, 'publish', 'published', ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const setCurrent = sqlite.prepare("update disclosure_factors set current_version_id = ? where id = ?");
  sqlite.transaction(() => {
    for (let p = 1; p <= BENCH.projects; p++) {
      insertProject.run(`project-${p}`, `澄湾·项目${p}号`, cities[p % cities.length], `${cities[p % cities.length]}市测试路 ${p} 号`, now - 800 * DAY);
      for (let f = 0; f < 5; f++) {
        const published = now - (300 + f * 10) * DAY;
        const factorId = Number(insertFactor.run(p, published, published, staffIds[0]).lastInsertRowid);
        const type = FACTOR_TYPES[(p + f) % FACTOR_TYPES.length]!;
        const dir = DIRECTIONS[(p * 3 + f) % DIRECTIONS.length]!;
        let versionId = Number(
          insertVersion.run(factorId, p, type, `不利因素${f + 1}`, "可能有噪音和异味影响。", dir, 50 + f * 180, published, staffIds[0], published, staffIds[0])
            .lastInsertRowid,
        );
        if (f % 2 === 0) {
          const later = published + 100 * DAY;
          versionId = Number(
            insertVersion.run(factorId, p, type, `不利因素${f + 1}`, "可能有噪音和异味影响。", dir, 40 + f * 180, later, staffIds[0], later, staffIds[0])
              .lastInsertRowid,
          );
        }
        setCurrent.run(versionId, factorId);
      }
    }
  })();

  // Bodies rendered once.
  const openings = DEMO_THREADS.map((t) => ({ md: t.body, html: renderMarkdown(t.body), title: t.title }));
  // The demo topics' words, with one set of placeholders (the benchmark mixes topics freely).
  const vars = { b: 3, u: 2, r: "1202", p: "C-118", date: "6月30日", unit: "深圳公司" };
  const replies = TOPICS.flatMap((t) => t.replies).map((text) => {
    const md = fillTopicText(text, vars);
    return { md, html: renderMarkdown(md) };
  });
  const officials = TOPICS.flatMap((t) => t.fixes.map((f) => f.plan)).map((text) => {
    const md = fillTopicText(text, vars);
    return { md, html: renderMarkdown(md) };
  });

  const insertThread = sqlite.prepare(
    `insert into threads (project_id, author_id, complaint_type, title, status, reply_count, created_at, last_post_at, severity, validity, first_official_at, me_too_count)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertPost = sqlite.prepare("insert into posts (thread_id, author_id, kind, body_markdown, body_html, created_at) values (?, ?, ?, ?, ?, ?)");
  const insertRevision = sqlite.prepare("insert into post_revisions (post_id, body_markdown, created_at) values (?, ?, ?)");
  const insertClock = sqlite.prepare(
    "insert into thread_clocks (thread_id, kind, round, started_at, deadline, met_at, breached_at) values (?, ?, 1, ?, ?, ?, ?)",
  );
  const insertEvent = sqlite.prepare("insert into thread_events (thread_id, kind, actor_id, created_at) values (?, ?, ?, ?)");
  const setClocks = sqlite.prepare("update threads set ack_clock_id = ?, answer_clock_id = ? where id = ?");
  const insertFlag = sqlite.prepare("insert into flags (post_id, user_id, reason, created_at) values (?, ?, ?, ?)");
  const threadOwner = ownerIds[0]!;
  const setReplies = sqlite.prepare("update threads set reply_count = ?, last_post_at = ? where id = ?");
  const addReply = sqlite.prepare("update threads set reply_count = reply_count + 1 where id = ?");

  // 1,000,000 posts over 100,000 threads: an opening post plus nine replies on average.
  const repliesLeft = BENCH.posts - BENCH.threads;
  let postsWritten = 0;
  const batch = 5_000;
  for (let start = 1; start <= BENCH.threads; start += batch) {
    sqlite.transaction(() => {
      for (let i = start; i < start + batch && i <= BENCH.threads; i++) {
        const age = Math.floor(rand() * 365 * DAY) + (i === BENCH.threads ? 0 : 10 * 60_000);
        const createdAt = now - age;
        const o = pick(openings);
        const roll = rand();
        // Clock outcomes: most answered in time, some late, some still open or ignored.
        const ackMet = age < 2 * HOUR && roll < 0.5 ? null : roll < 0.92 ? createdAt + Math.floor(rand() * (roll < 0.85 ? 3 : 8) * HOUR) : null;
        const answerMet = ackMet != null && roll < 0.85 && age > 6 * HOUR ? createdAt + Math.floor((3 + rand() * (roll < 0.75 ? 9 : 30)) * HOUR) : null;
        const status = answerMet ? (rand() < 0.6 ? "resolved" : "answered") : ackMet ? "acknowledged" : "awaiting_ack";
        // Every draw is made for every thread as before, so that the other threads stay as they were.
        const drawnReplies = i === BENCH.fiftyReplyThread ? 50 : Math.min(60, Math.floor((repliesLeft / BENCH.threads) * 2 * rand()));
        const replyCount = i === BENCH.newsThread ? 50 : drawnReplies;
        const drawnProject = Math.floor(rand() * BENCH.projects) + 1;
        const drawnAuthor = pick(ownerIds);
        const threadId = Number(
          insertThread.run(
            i === BENCH.newsThread ? BENCH.newsProject : drawnProject,
            i === BENCH.fiftyReplyThread ? threadOwner : drawnAuthor,
            COMPLAINT_TYPES[i % 6],
            o.title,
            status,
            0,
            createdAt,
            createdAt,
            rand() < 0.5 ? 1 + Math.floor(rand() * 4) : null,
            rand() < 0.5 ? (rand() < 0.8 ? "valid" : "invalid") : null,
            answerMet,
            Math.floor(rand() * rand() * 20),
          ).lastInsertRowid,
        );
        const drawnOpeningAuthor = pick(ownerIds);
        const author = i === BENCH.fiftyReplyThread ? threadOwner : drawnOpeningAuthor;
        const opening = Number(insertPost.run(threadId, author, "opening", o.md, o.html, createdAt).lastInsertRowid);
        insertRevision.run(opening, o.md, createdAt);
        postsWritten++;
        let last = createdAt;
        let written = 0;
        for (let r = 0; r < replyCount && postsWritten < BENCH.posts; r++) {
          const at = Math.min(now - 1000, last + Math.floor(rand() * 6 * HOUR));
          const official = answerMet != null && r === 0;
          const body = official ? pick(officials) : pick(replies);
          const drawnReplyAuthor = official ? pick(staffIds) : pick(ownerIds);
          const ownReply = i === BENCH.fiftyReplyThread && !official && OWN_REPLIES.has(r);
          const postId = Number(
            insertPost.run(threadId, ownReply ? threadOwner : drawnReplyAuthor, official ? "official" : "reply", body.md, body.html, official ? answerMet : at)
              .lastInsertRowid,
          );
          // The thread's author reported one reply as spam: their page shows it as flagged.
          if (i === BENCH.fiftyReplyThread && r === FLAGGED_REPLY) insertFlag.run(postId, threadOwner, "spam", Math.min(now, at + HOUR));
          insertRevision.run(postId, body.md, at);
          last = at;
          postsWritten++;
          written++;
        }
        const ackDeadline = createdAt + 3 * HOUR;
        const answerDeadline = createdAt + 12 * HOUR;
        const ackClock = Number(
          insertClock.run(threadId, "ack", createdAt, ackDeadline, ackMet, ackMet == null && ackDeadline < now ? ackDeadline + 60_000 : null).lastInsertRowid,
        );
        const answerClock = Number(
          insertClock.run(threadId, "answer", createdAt, answerDeadline, answerMet, answerMet == null && answerDeadline < now ? answerDeadline + 60_000 : null)
            .lastInsertRowid,
        );
        setClocks.run(ackClock, answerClock, threadId);
        if (ackMet) insertEvent.run(threadId, "acknowledged", pick(staffIds), ackMet);
        if (answerMet) insertEvent.run(threadId, "answered", pick(staffIds), answerMet);
        if (ackMet == null && ackDeadline < now) insertEvent.run(threadId, "ack_breached", null, ackDeadline + 60_000);
        setReplies.run(written, last, threadId);
      }
    })();
    if (start % 20_000 === 1) log(`  threads ${start - 1 + batch > BENCH.threads ? BENCH.threads : start - 1 + batch}/${BENCH.threads}, posts ${postsWritten}`);
  }
  // Top up to exactly 1,000,000 posts with replies on recent threads.
  const topUp = sqlite.transaction(() => {
    while (postsWritten < BENCH.posts) {
      const threadId = BENCH.threads - Math.floor(rand() * 20_000);
      const body = pick(replies);
      const at = now - Math.floor(rand() * DAY);
      const postId = Number(insertPost.run(threadId, pick(ownerIds), "reply", body.md, body.html, at).lastInsertRowid);
      insertRevision.run(postId, body.md, at);
      addReply.run(threadId);
      postsWritten++;
    }
  });
  topUp();
  const loaded = Date.now();
  log(`  rows written in ${((loaded - started) / 1000).toFixed(1)} s; building indexes and the search index`);
  deferred.restore();
  const violations = sqlite.pragma("foreign_key_check") as unknown[];
  if (violations.length > 0) throw new Error(`generated rows break ${violations.length} foreign keys`);
  log(`  indexes built in ${((Date.now() - loaded) / 1000).toFixed(1)} s`);
  // What the app expects of the file; its connections set the rest themselves.
  sqlite.pragma("journal_mode = WAL");
  const seconds = (Date.now() - started) / 1000;
  const counts = {
    threads: (sqlite.prepare("select count(*) n from threads").get() as { n: number }).n,
    posts: (sqlite.prepare("select count(*) n from posts").get() as { n: number }).n,
    projects: (sqlite.prepare("select count(*) n from projects").get() as { n: number }).n,
  };
  sqlite.close();
  const bytes = fs.statSync(file).size;
  return { seconds, bytes, counts, staffEmail: BENCH.staffEmail };
}
