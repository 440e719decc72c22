// Every table of Tousu on PostgreSQL: the same tables, columns and indexes as db/schema.ts
// (SQLite), kept in step by tests/integration/schema-parity.test.ts. Imports only
// drizzle-orm: drizzle-kit reads this file (drizzle.pg.config.ts). Times are UTC epoch
// milliseconds in bigint columns, except sessions.expires_at, which lucia's PostgreSQL
// adapter keeps as a timestamp.
import { sql } from "drizzle-orm";
import { bigint, boolean, index, primaryKey, pgTable, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";

export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    // Stored lower-cased and trimmed; never shown publicly.
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ["owner", "staff", "admin"] })
      .notNull()
      .default("owner"),
    locale: text("locale"),
    emailVerifiedAt: bigint("email_verified_at", { mode: "number" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    // A banned user can still read and log in, but no longer post.
    bannedAt: bigint("banned_at", { mode: "number" }),
    banReason: text("ban_reason"),
    // For staff: the part of the company they work in (headquarters or a regional company).
    unitId: bigint("unit_id", { mode: "number" }).references(() => orgUnits.id),
    // The owner deleted their account: personal data erased, posts kept as "已注销用户".
    deletedAt: bigint("deleted_at", { mode: "number" }),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email), index("users_role_idx").on(t.role)],
);

/**
 * The organisation: group headquarters (集团总部, kind "hq", exactly one, made by the
 * migration) and the regional companies (地区公司) that run the projects.
 */
export const orgUnits = pgTable(
  "org_units",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    kind: text("kind", { enum: ["hq", "regional"] }).notNull(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("org_units_slug_unique").on(t.slug)],
);

/**
 * Who receives a unit's reports (上报), escalations (督办) and morning briefings: the
 * company's duty, kept here and edited by admins (every change in the audit log).
 */
export const orgRecipients = pgTable(
  "org_recipients",
  {
    unitId: bigint("unit_id", { mode: "number" })
      .notNull()
      .references(() => orgUnits.id),
    purpose: text("purpose", { enum: ["reports", "escalations", "briefings"] }).notNull(),
    address: text("address").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.purpose, t.address] })],
);

export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "date" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const projects = pgTable(
  "projects",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    city: text("city").notNull(),
    address: text("address").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    // Kept by a trigger on threads (threads are never deleted or moved).
    threadCount: bigint("thread_count", { mode: "number" }).notNull().default(0),
    // The regional company that runs the project and answers its complaints.
    unitId: bigint("unit_id", { mode: "number" }).references(() => orgUnits.id),
  },
  (t) => [uniqueIndex("projects_slug_unique").on(t.slug), index("projects_city_name_idx").on(t.city, t.name), index("projects_unit_idx").on(t.unitId)],
);

export const threads = pgTable(
  "threads",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    projectId: bigint("project_id", { mode: "number" })
      .notNull()
      .references(() => projects.id),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    complaintType: text("complaint_type").notNull(),
    title: text("title").notNull(),
    status: text("status").notNull().default("awaiting_ack"),
    // Replies after the opening post; kept in step in the same transaction as the insert.
    replyCount: bigint("reply_count", { mode: "number" }).notNull().default(0),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    lastPostAt: bigint("last_post_at", { mode: "number" }).notNull(),
    // The disclosed (or not yet disclosed) nearby factor the complaint is about, if any.
    relatedFactorId: bigint("related_factor_id", { mode: "number" }),
    // The clocks now running (or last run) for this thread; earlier rounds stay in thread_clocks.
    ackClockId: bigint("ack_clock_id", { mode: "number" }),
    answerClockId: bigint("answer_clock_id", { mode: "number" }),
    promiseClockId: bigint("promise_clock_id", { mode: "number" }),
    // Who holds the complaint now: the regional company's customer service, or group
    // headquarters once a deadline was missed (督办). Public.
    holder: text("holder", { enum: ["regional", "hq"] })
      .notNull()
      .default("regional"),
    // When the company's solution was delivered (status "resolved"): the call-back is due since.
    resolvedAt: bigint("resolved_at", { mode: "number" }),
    // Triage (public except the assignee). Unclassified until a severity is set.
    severity: bigint("severity", { mode: "number" }),
    validity: text("validity", { enum: ["valid", "invalid"] }),
    invalidReason: text("invalid_reason"),
    department: text("department"),
    assigneeId: text("assignee_id").references(() => users.id),
    // Moderation: current state here, every change in audit_log.
    hiddenAt: bigint("hidden_at", { mode: "number" }),
    hiddenReason: text("hidden_reason"),
    lockedAt: bigint("locked_at", { mode: "number" }),
    lockReason: text("lock_reason"),
    mergedIntoId: bigint("merged_into_id", { mode: "number" }),
    meTooCount: bigint("me_too_count", { mode: "number" }).notNull().default(0),
    // When the company first answered officially (for response-time figures).
    firstOfficialAt: bigint("first_official_at", { mode: "number" }),
    // When the author was reminded to say whether it is solved (once per answer).
    verdictReminderAt: bigint("verdict_reminder_at", { mode: "number" }),
    // The earliest deadline among the thread's running clocks, kept by triggers on
    // thread_clocks; null when no clock runs. The staff queue is ordered by it.
    nextDeadline: bigint("next_deadline", { mode: "number" }),
  },
  (t) => [
    index("threads_metoo_idx").on(t.meTooCount, t.createdAt),
    index("threads_related_factor_idx").on(t.relatedFactorId),
    index("threads_verdict_due_idx").on(t.status, t.verdictReminderAt),
    index("threads_status_next_deadline_idx").on(t.status, t.nextDeadline, t.createdAt),
    // Covering indexes for the queue's per-filter counts over open threads.
    index("threads_status_project_idx").on(t.status, t.projectId),
    index("threads_status_type_idx").on(t.status, t.complaintType),
    index("threads_status_severity_idx").on(t.status, t.severity),
    index("threads_status_assignee_idx").on(t.status, t.assigneeId),
    index("threads_project_type_idx").on(t.projectId, t.complaintType, t.createdAt),
    index("threads_assignee_idx").on(t.assigneeId),
    index("threads_severity_idx").on(t.severity),
    index("threads_created_idx").on(t.createdAt, t.id),
    index("threads_project_created_idx").on(t.projectId, t.createdAt, t.id),
    index("threads_type_created_idx").on(t.complaintType, t.createdAt, t.id),
    index("threads_status_created_idx").on(t.status, t.createdAt, t.id),
    index("threads_author_idx").on(t.authorId, t.createdAt),
    index("threads_status_resolved_idx").on(t.status, t.resolvedAt),
  ],
);

export const posts = pgTable(
  "posts",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    threadId: bigint("thread_id", { mode: "number" })
      .notNull()
      .references(() => threads.id),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    // "opening" for the complaint itself, "reply" for ordinary replies, "official" for the company's.
    kind: text("kind").notNull(),
    // For an official post: a progress note (进展说明) or a solution (解决方案).
    officialKind: text("official_kind", { enum: ["progress", "solution"] }),
    // The current version; every version (this one included) is in post_revisions.
    bodyMarkdown: text("body_markdown").notNull(),
    bodyHtml: text("body_html").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    editedAt: bigint("edited_at", { mode: "number" }),
    // Hidden by staff (hidden_by) or by enough flags pending review (hidden_by null).
    hiddenAt: bigint("hidden_at", { mode: "number" }),
    hiddenReason: text("hidden_reason"),
    hiddenBy: text("hidden_by").references(() => users.id),
  },
  (t) => [index("posts_thread_created_idx").on(t.threadId, t.createdAt, t.id), index("posts_author_idx").on(t.authorId, t.createdAt)],
);

export const postRevisions = pgTable(
  "post_revisions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    postId: bigint("post_id", { mode: "number" })
      .notNull()
      .references(() => posts.id),
    bodyMarkdown: text("body_markdown").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [index("post_revisions_post_idx").on(t.postId, t.id)],
);

/**
 * The public clocks. A thread gets an acknowledge clock and an answer clock when it is
 * posted; reopening adds a new answer clock (round 2, 3, ...); a solution with a date
 * starts a promise clock. Deadlines are fixed at creation; a clock is met (met_at), closed
 * without being met (closed_at and close_reason: merged, superseded, broken), or breached
 * (breached_at: the moment the breach was recorded and escalated).
 */
export const threadClocks = pgTable(
  "thread_clocks",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    threadId: bigint("thread_id", { mode: "number" })
      .notNull()
      .references(() => threads.id),
    kind: text("kind", { enum: ["ack", "answer", "promise"] }).notNull(),
    round: bigint("round", { mode: "number" }).notNull(),
    startedAt: bigint("started_at", { mode: "number" }).notNull(),
    deadline: bigint("deadline", { mode: "number" }).notNull(),
    metAt: bigint("met_at", { mode: "number" }),
    metByPostId: bigint("met_by_post_id", { mode: "number" }).references(() => posts.id),
    closedAt: bigint("closed_at", { mode: "number" }),
    closeReason: text("close_reason"),
    breachedAt: bigint("breached_at", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("thread_clocks_thread_kind_round").on(t.threadId, t.kind, t.round),
    // Clocks falling due in a period, whatever their state (the reports).
    index("thread_clocks_deadline_idx").on(t.deadline),
    // Open clocks by thread: the staff queue orders threads by their nearest deadline.
    index("thread_clocks_open_idx")
      .on(t.deadline, t.threadId)
      .where(sql`met_at is null and closed_at is null`),
    // What the scheduler looks for every minute: open clocks not yet escalated, by deadline.
    index("thread_clocks_due_idx")
      .on(t.deadline)
      .where(sql`met_at is null and closed_at is null and breached_at is null`),
  ],
);

/** The public timeline of a thread: acknowledgements, answers, breaches, reopenings. Append-only. */
export const threadEvents = pgTable(
  "thread_events",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    threadId: bigint("thread_id", { mode: "number" })
      .notNull()
      .references(() => threads.id),
    kind: text("kind").notNull(),
    actorId: text("actor_id").references(() => users.id),
    postId: bigint("post_id", { mode: "number" }).references(() => posts.id),
    clockId: bigint("clock_id", { mode: "number" }).references(() => threadClocks.id),
    note: text("note"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    // For triage changes: the value before and after (e.g. severity 1 -> 3).
    fromValue: text("from_value"),
    toValue: text("to_value"),
    // Staff-only events (assignment) never leave the staff view.
    internal: boolean("internal").notNull().default(false),
  },
  (t) => [index("thread_events_thread_idx").on(t.threadId, t.createdAt, t.id)],
);

/** 内部备注: notes among staff about a thread. Never shown to the public or the author. */
export const internalNotes = pgTable(
  "internal_notes",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    threadId: bigint("thread_id", { mode: "number" })
      .notNull()
      .references(() => threads.id),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [index("internal_notes_thread_idx").on(t.threadId, t.createdAt)],
);

/** Every staff and admin action: who, when, what, before and after. Append-only (triggers). */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id),
    action: text("action").notNull(),
    threadId: bigint("thread_id", { mode: "number" }).references(() => threads.id),
    postId: bigint("post_id", { mode: "number" }).references(() => posts.id),
    targetUserId: text("target_user_id").references(() => users.id),
    // JSON of the fields the action changed, as they were and as they became.
    before: text("before"),
    after: text("after"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt, t.id),
    index("audit_log_actor_idx").on(t.actorId, t.createdAt),
    index("audit_log_thread_idx").on(t.threadId, t.createdAt),
    index("audit_log_action_idx").on(t.action, t.createdAt),
  ],
);

/** 举报: one flag per user per post. */
export const flags = pgTable(
  "flags",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    postId: bigint("post_id", { mode: "number" })
      .notNull()
      .references(() => posts.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason", { enum: ["spam", "abuse", "personal_data", "off_topic"] }).notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    reviewedAt: bigint("reviewed_at", { mode: "number" }),
    reviewedBy: text("reviewed_by").references(() => users.id),
    decision: text("decision", { enum: ["kept", "hidden"] }),
  },
  (t) => [
    uniqueIndex("flags_post_user_unique").on(t.postId, t.userId),
    index("flags_user_idx").on(t.userId),
    index("flags_open_idx")
      .on(t.postId)
      .where(sql`reviewed_at is null`),
  ],
);

/** 我也遇到: owners saying a complaint affects them too. */
export const meToos = pgTable(
  "me_toos",
  {
    threadId: bigint("thread_id", { mode: "number" })
      .notNull()
      .references(() => threads.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.userId] }), index("me_toos_user_idx").on(t.userId)],
);

/**
 * Mail is written here in the same transaction as the change that causes it, then
 * delivered; a unique dedupe key makes a breach's escalation a single message.
 */
export const mailOutbox = pgTable(
  "mail_outbox",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    dedupeKey: text("dedupe_key"),
    toAddress: text("to_address").notNull(),
    category: text("category").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    unsubscribeUrl: text("unsubscribe_url"),
    status: text("status", { enum: ["pending", "sending", "sent", "failed", "suppressed"] })
      .notNull()
      .default("pending"),
    attempts: bigint("attempts", { mode: "number" }).notNull().default(0),
    lastError: text("last_error"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    sentAt: bigint("sent_at", { mode: "number" }),
    /** When a process claimed it for sending: a claim much older than a send takes was lost with its process. */
    claimedAt: bigint("claimed_at", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("mail_outbox_dedupe_unique").on(t.dedupeKey),
    // A person's own mail: their data page, and the deletion of their account.
    index("mail_outbox_to_idx").on(t.toAddress),
    index("mail_outbox_pending_idx")
      .on(t.id)
      .where(sql`status = 'pending'`),
    index("mail_outbox_sending_idx")
      .on(t.claimedAt)
      .where(sql`status = 'sending'`),
    index("mail_outbox_failed_idx")
      .on(t.id)
      .where(sql`status = 'failed'`),
  ],
);

/**
 * One row per server process that runs the scheduler: when it started and when its last
 * tick ended, so that the operations page shows a process whose scheduler has stopped.
 */
export const schedulerRuns = pgTable(
  "scheduler_runs",
  {
    processId: text("process_id").primaryKey(),
    host: text("host").notNull(),
    pid: bigint("pid", { mode: "number" }).notNull(),
    startedAt: bigint("started_at", { mode: "number" }).notNull(),
    lastTickAt: bigint("last_tick_at", { mode: "number" }),
    lastTickMs: bigint("last_tick_ms", { mode: "number" }),
    lastError: text("last_error"),
    breachesRecorded: bigint("breaches_recorded", { mode: "number" }).notNull().default(0),
  },
  (t) => [index("scheduler_runs_last_tick_idx").on(t.lastTickAt)],
);

/** Addresses that asked, through the link in a notification, to stop one kind of notification. */
export const emailUnsubscribes = pgTable(
  "email_unsubscribes",
  {
    address: text("address").notNull(),
    category: text("category").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.address, t.category] })],
);

/** Single-use tokens for email verification and password reset; only their SHA-256 is stored. */
export const authTokens = pgTable(
  "auth_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["verify_email", "reset_password"] }).notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    expiresAt: bigint("expires_at", { mode: "number" }).notNull(),
    usedAt: bigint("used_at", { mode: "number" }),
  },
  (t) => [index("auth_tokens_user_idx").on(t.userId, t.purpose)],
);

/** Values the server makes once and keeps, such as the secret that signs unsubscribe links. */
export const appSettings = pgTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * 不利因素公示: a nearby negative factor of a project. Its words live in versions; the
 * factor row only says where it stands. Published versions are frozen by triggers.
 */
export const disclosureFactors = pgTable(
  "disclosure_factors",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    projectId: bigint("project_id", { mode: "number" })
      .notNull()
      .references(() => projects.id),
    status: text("status", { enum: ["draft", "published", "withdrawn"] })
      .notNull()
      .default("draft"),
    // The version the public sees now (null until first published).
    currentVersionId: bigint("current_version_id", { mode: "number" }),
    firstPublishedAt: bigint("first_published_at", { mode: "number" }),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
  },
  (t) => [index("disclosure_factors_project_idx").on(t.projectId, t.status)],
);

/**
 * Every version of a factor. A draft may be edited; publishing freezes it. A withdrawal
 * is a version too (action "withdraw", with its reason), so the history keeps it.
 */
export const disclosureVersions = pgTable(
  "disclosure_versions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    factorId: bigint("factor_id", { mode: "number" })
      .notNull()
      .references(() => disclosureFactors.id),
    projectId: bigint("project_id", { mode: "number" })
      .notNull()
      .references(() => projects.id),
    action: text("action", { enum: ["publish", "withdraw"] })
      .notNull()
      .default("publish"),
    state: text("state", { enum: ["draft", "published"] })
      .notNull()
      .default("draft"),
    factorType: text("factor_type").notNull(),
    title: text("title").notNull(),
    impact: text("impact").notNull(),
    direction: text("direction").notNull(),
    distanceM: bigint("distance_m", { mode: "number" }).notNull(),
    mitigation: text("mitigation"),
    sourceNote: text("source_note"),
    withdrawReason: text("withdraw_reason"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    publishedAt: bigint("published_at", { mode: "number" }),
    publishedBy: text("published_by").references(() => users.id),
  },
  (t) => [index("disclosure_versions_factor_idx").on(t.factorId, t.id), index("disclosure_versions_project_published_idx").on(t.projectId, t.publishedAt)],
);

/** Owners following a project's disclosures get an email for each new published version. */
export const disclosureSubscriptions = pgTable(
  "disclosure_subscriptions",
  {
    projectId: bigint("project_id", { mode: "number" })
      .notNull()
      .references(() => projects.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index("disclosure_subscriptions_user_idx").on(t.userId)],
);

/** The author's verdict on resolving: three 1-5 ratings and a comment, shown on the thread. */
export const threadRatings = pgTable(
  "thread_ratings",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    threadId: bigint("thread_id", { mode: "number" })
      .notNull()
      .references(() => threads.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    // 总体满意度: the one score satisfaction is counted from; the other three are detail.
    overall: bigint("overall", { mode: "number" }),
    attitude: bigint("attitude", { mode: "number" }).notNull(),
    speed: bigint("speed", { mode: "number" }).notNull(),
    result: bigint("result", { mode: "number" }).notNull(),
    comment: text("comment"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [
    index("thread_ratings_thread_idx").on(t.threadId, t.id),
    index("thread_ratings_created_idx").on(t.createdAt),
    // A person's own, for their data page and the deletion of their account (so the three below).
    index("thread_ratings_user_idx").on(t.userId),
  ],
);

/**
 * 回访: staff call the owner back to verify the company's result. The event is public; its
 * note only when marked public. Satisfied closes the complaint, not satisfied reopens it,
 * unreachable leaves it awaiting a call-back.
 */
export const callbacks = pgTable(
  "callbacks",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    threadId: bigint("thread_id", { mode: "number" })
      .notNull()
      .references(() => threads.id),
    staffId: text("staff_id")
      .notNull()
      .references(() => users.id),
    calledAt: bigint("called_at", { mode: "number" }).notNull(),
    method: text("method", { enum: ["phone", "visit", "online", "event"] }).notNull(),
    outcome: text("outcome", { enum: ["satisfied", "not_satisfied", "unreachable"] }).notNull(),
    note: text("note"),
    isPublic: boolean("is_public").notNull().default(false),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [index("callbacks_thread_idx").on(t.threadId, t.id), index("callbacks_called_idx").on(t.calledAt)],
);

/**
 * 解决方案: an official post that says what will be done, and either that it is done or
 * the local date by which it will be (which starts a promise clock). Only a solution stops
 * the answer clock.
 */
export const solutions = pgTable(
  "solutions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    threadId: bigint("thread_id", { mode: "number" })
      .notNull()
      .references(() => threads.id),
    postId: bigint("post_id", { mode: "number" })
      .notNull()
      .references(() => posts.id),
    staffId: text("staff_id")
      .notNull()
      .references(() => users.id),
    // "YYYY-MM-DD" in the site's time zone; null when the solution says it is done.
    promisedDate: text("promised_date"),
    promiseClockId: bigint("promise_clock_id", { mode: "number" }).references(() => threadClocks.id),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [index("solutions_thread_idx").on(t.threadId, t.id)],
);

/** 已兑现: staff record that a promise was kept, with a public note (the proof). */
export const promiseRecords = pgTable(
  "promise_records",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    threadId: bigint("thread_id", { mode: "number" })
      .notNull()
      .references(() => threads.id),
    clockId: bigint("clock_id", { mode: "number" })
      .notNull()
      .references(() => threadClocks.id),
    staffId: text("staff_id")
      .notNull()
      .references(() => users.id),
    note: text("note").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [index("promise_records_thread_idx").on(t.threadId, t.id)],
);

/**
 * 上报总部: a complaint acknowledged by its regional company is reported to group
 * headquarters: one row per acknowledgement, listed in headquarters' view and emailed once.
 */
export const hqReports = pgTable(
  "hq_reports",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    threadId: bigint("thread_id", { mode: "number" })
      .notNull()
      .references(() => threads.id),
    // The regional company reporting (null when its project has none yet).
    unitId: bigint("unit_id", { mode: "number" }).references(() => orgUnits.id),
    staffId: text("staff_id")
      .notNull()
      .references(() => users.id),
    clockId: bigint("clock_id", { mode: "number" }).references(() => threadClocks.id),
    note: text("note"),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("hq_reports_clock_unique").on(t.clockId), index("hq_reports_created_idx").on(t.createdAt, t.id)],
);

/** The morning briefing of each unit for each local day, claimed once so it is sent once. */
export const briefingsSent = pgTable(
  "briefings_sent",
  {
    unitId: bigint("unit_id", { mode: "number" })
      .notNull()
      .references(() => orgUnits.id),
    day: text("day").notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.day] })],
);

/**
 * A photo on a post or a "promise kept" record. Only processed images are kept (upright,
 * metadata stripped, a display size and a thumbnail), stored by content hash; each photo has
 * its own id and state, so hiding one never hides another's identical bytes. An upload waits
 * unattached (post_id and promise_record_id null) until its post is made, and is dropped
 * after a day if it never is. Hidden by staff with a public reason (every change in
 * audit_log); removed by its author (removed_at) within the edit window.
 */
export const photos = pgTable(
  "photos",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    uploaderId: text("uploader_id")
      .notNull()
      .references(() => users.id),
    postId: bigint("post_id", { mode: "number" }).references(() => posts.id),
    promiseRecordId: bigint("promise_record_id", { mode: "number" }).references(() => promiseRecords.id),
    position: bigint("position", { mode: "number" }).notNull().default(0),
    caption: text("caption"),
    // What the owner sent, before processing (counted toward the daily volume; never kept).
    sourceType: text("source_type").notNull(),
    uploadBytes: bigint("upload_bytes", { mode: "number" }).notNull(),
    displayHash: text("display_hash").notNull(),
    displayWidth: bigint("display_width", { mode: "number" }).notNull(),
    displayHeight: bigint("display_height", { mode: "number" }).notNull(),
    displayBytes: bigint("display_bytes", { mode: "number" }).notNull(),
    thumbHash: text("thumb_hash").notNull(),
    thumbWidth: bigint("thumb_width", { mode: "number" }).notNull(),
    thumbHeight: bigint("thumb_height", { mode: "number" }).notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    attachedAt: bigint("attached_at", { mode: "number" }),
    removedAt: bigint("removed_at", { mode: "number" }),
    hiddenAt: bigint("hidden_at", { mode: "number" }),
    hiddenReason: text("hidden_reason"),
    hiddenBy: text("hidden_by").references(() => users.id),
  },
  (t) => [
    index("photos_post_idx").on(t.postId, t.position, t.id),
    index("photos_promise_record_idx").on(t.promiseRecordId, t.position, t.id),
    index("photos_uploader_idx").on(t.uploaderId, t.createdAt),
    index("photos_display_hash_idx").on(t.displayHash),
    index("photos_thumb_hash_idx").on(t.thumbHash),
    index("photos_pending_idx")
      .on(t.createdAt)
      .where(sql`post_id is null and promise_record_id is null`),
  ],
);

/** 举报 on a photo: one flag per user per photo, reviewed as flags on posts are. */
export const photoFlags = pgTable(
  "photo_flags",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    photoId: bigint("photo_id", { mode: "number" })
      .notNull()
      .references(() => photos.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason", { enum: ["spam", "abuse", "personal_data", "off_topic"] }).notNull(),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    reviewedAt: bigint("reviewed_at", { mode: "number" }),
    reviewedBy: text("reviewed_by").references(() => users.id),
    decision: text("decision", { enum: ["kept", "hidden"] }),
  },
  (t) => [
    uniqueIndex("photo_flags_photo_user_unique").on(t.photoId, t.userId),
    index("photo_flags_user_idx").on(t.userId),
    index("photo_flags_open_idx")
      .on(t.photoId)
      .where(sql`reviewed_at is null`),
  ],
);

/**
 * An owner's private record in a project they own in: contact for call-backs (回访), the
 * date they signed their purchase contract, their public name there, and whether the
 * company verified their ownership (认证业主). Seen only by the owner and staff; only the
 * badge, the pseudonym and the before/after wording of a disclosure ever reach the public.
 */
export const ownerProjects = pgTable(
  "owner_projects",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    projectId: bigint("project_id", { mode: "number" })
      .notNull()
      .references(() => projects.id),
    building: text("building"),
    unit: text("unit"),
    phone: text("phone"),
    // "YYYY-MM-DD", the local date the purchase contract was signed.
    purchaseDate: text("purchase_date"),
    // The owner's public name in this project, instead of their account name.
    pseudonym: text("pseudonym"),
    verifiedAt: bigint("verified_at", { mode: "number" }),
    verifiedBy: text("verified_by").references(() => users.id),
    // The buyer signed the register's print view at the sales office: the date, as staff entered it.
    registerSignedOn: text("register_signed_on"),
    registerSignedBy: text("register_signed_by").references(() => users.id),
    createdAt: bigint("created_at", { mode: "number" }).notNull(),
    updatedAt: bigint("updated_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.projectId] }), index("owner_projects_project_idx").on(t.projectId, t.verifiedAt)],
);

/**
 * A request to be verified as an owner of a project. The contract number is kept for staff
 * to check only until they decide; then only its last four characters remain.
 */
export const ownerVerifications = pgTable(
  "owner_verifications",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    projectId: bigint("project_id", { mode: "number" })
      .notNull()
      .references(() => projects.id),
    contractNumber: text("contract_number"),
    contractLast4: text("contract_last4").notNull(),
    status: text("status", { enum: ["pending", "approved", "refused"] })
      .notNull()
      .default("pending"),
    reason: text("reason"),
    requestedAt: bigint("requested_at", { mode: "number" }).notNull(),
    decidedAt: bigint("decided_at", { mode: "number" }),
    decidedBy: text("decided_by").references(() => users.id),
  },
  (t) => [
    index("owner_verifications_user_idx").on(t.userId, t.projectId, t.id),
    index("owner_verifications_pending_idx")
      .on(t.requestedAt)
      .where(sql`status = 'pending'`),
  ],
);
