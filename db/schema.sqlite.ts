// Every table of Tousu on SQLite. Imports only drizzle-orm: drizzle-kit reads this file.
// Times are UTC epoch milliseconds in integer columns, except sessions.expires_at,
// which the lucia adapter stores in epoch seconds.
import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const users = sqliteTable(
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
    emailVerifiedAt: integer("email_verified_at"),
    createdAt: integer("created_at").notNull(),
    // A banned user can still read and log in, but no longer post.
    bannedAt: integer("banned_at"),
    banReason: text("ban_reason"),
    // For staff: the part of the company they work in (headquarters or a regional company).
    unitId: integer("unit_id").references(() => orgUnits.id),
    // The owner deleted their account: personal data erased, posts kept as "已注销用户".
    deletedAt: integer("deleted_at"),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email), index("users_role_idx").on(t.role)],
);

/**
 * The organisation: group headquarters (集团总部, kind "hq", exactly one, made by the
 * migration) and the regional companies (地区公司) that run the projects.
 */
export const orgUnits = sqliteTable(
  "org_units",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    kind: text("kind", { enum: ["hq", "regional"] }).notNull(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("org_units_slug_unique").on(t.slug)],
);

/**
 * Who receives a unit's reports (上报), escalations (督办) and morning briefings: the
 * company's duty, kept here and edited by admins (every change in the audit log).
 */
export const orgRecipients = sqliteTable(
  "org_recipients",
  {
    unitId: integer("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    purpose: text("purpose", { enum: ["reports", "escalations", "briefings"] }).notNull(),
    address: text("address").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.purpose, t.address] })],
);

export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

export const projects = sqliteTable(
  "projects",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    city: text("city").notNull(),
    address: text("address").notNull(),
    createdAt: integer("created_at").notNull(),
    // Kept by a trigger on threads (threads are never deleted or moved).
    threadCount: integer("thread_count").notNull().default(0),
    // The regional company that runs the project and answers its complaints.
    unitId: integer("unit_id").references(() => orgUnits.id),
  },
  (t) => [uniqueIndex("projects_slug_unique").on(t.slug), index("projects_city_name_idx").on(t.city, t.name), index("projects_unit_idx").on(t.unitId)],
);

export const threads = sqliteTable(
  "threads",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    complaintType: text("complaint_type").notNull(),
    title: text("title").notNull(),
    status: text("status").notNull().default("awaiting_ack"),
    // Replies after the opening post; kept in step in the same transaction as the insert.
    replyCount: integer("reply_count").notNull().default(0),
    createdAt: integer("created_at").notNull(),
    lastPostAt: integer("last_post_at").notNull(),
    // The disclosed (or not yet disclosed) nearby factor the complaint is about, if any.
    relatedFactorId: integer("related_factor_id"),
    // The clocks now running (or last run) for this thread; earlier rounds stay in thread_clocks.
    ackClockId: integer("ack_clock_id"),
    answerClockId: integer("answer_clock_id"),
    promiseClockId: integer("promise_clock_id"),
    // Who holds the complaint now: the regional company's customer service, or group
    // headquarters once a deadline was missed (督办). Public.
    holder: text("holder", { enum: ["regional", "hq"] })
      .notNull()
      .default("regional"),
    // When the company's solution was delivered (status "resolved"): the call-back is due since.
    resolvedAt: integer("resolved_at"),
    // Triage (public except the assignee). Unclassified until a severity is set.
    severity: integer("severity"),
    validity: text("validity", { enum: ["valid", "invalid"] }),
    invalidReason: text("invalid_reason"),
    department: text("department"),
    assigneeId: text("assignee_id").references(() => users.id),
    // Moderation: current state here, every change in audit_log.
    hiddenAt: integer("hidden_at"),
    hiddenReason: text("hidden_reason"),
    lockedAt: integer("locked_at"),
    lockReason: text("lock_reason"),
    mergedIntoId: integer("merged_into_id"),
    meTooCount: integer("me_too_count").notNull().default(0),
    // When the company first answered officially (for response-time figures).
    firstOfficialAt: integer("first_official_at"),
    // When the author was reminded to say whether it is solved (once per answer).
    verdictReminderAt: integer("verdict_reminder_at"),
    // The earliest deadline among the thread's running clocks, kept by triggers on
    // thread_clocks; null when no clock runs. The staff queue is ordered by it.
    nextDeadline: integer("next_deadline"),
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

export const posts = sqliteTable(
  "posts",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
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
    createdAt: integer("created_at").notNull(),
    editedAt: integer("edited_at"),
    // Hidden by staff (hidden_by) or by enough flags pending review (hidden_by null).
    hiddenAt: integer("hidden_at"),
    hiddenReason: text("hidden_reason"),
    hiddenBy: text("hidden_by").references(() => users.id),
  },
  (t) => [index("posts_thread_created_idx").on(t.threadId, t.createdAt, t.id), index("posts_author_idx").on(t.authorId, t.createdAt)],
);

export const postRevisions = sqliteTable(
  "post_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id),
    bodyMarkdown: text("body_markdown").notNull(),
    createdAt: integer("created_at").notNull(),
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
export const threadClocks = sqliteTable(
  "thread_clocks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    kind: text("kind", { enum: ["ack", "answer", "promise"] }).notNull(),
    round: integer("round").notNull(),
    startedAt: integer("started_at").notNull(),
    deadline: integer("deadline").notNull(),
    metAt: integer("met_at"),
    metByPostId: integer("met_by_post_id").references(() => posts.id),
    closedAt: integer("closed_at"),
    closeReason: text("close_reason"),
    breachedAt: integer("breached_at"),
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
export const threadEvents = sqliteTable(
  "thread_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    kind: text("kind").notNull(),
    actorId: text("actor_id").references(() => users.id),
    postId: integer("post_id").references(() => posts.id),
    clockId: integer("clock_id").references(() => threadClocks.id),
    note: text("note"),
    createdAt: integer("created_at").notNull(),
    // For triage changes: the value before and after (e.g. severity 1 -> 3).
    fromValue: text("from_value"),
    toValue: text("to_value"),
    // Staff-only events (assignment) never leave the staff view.
    internal: integer("internal", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [index("thread_events_thread_idx").on(t.threadId, t.createdAt, t.id)],
);

/** 内部备注: notes among staff about a thread. Never shown to the public or the author. */
export const internalNotes = sqliteTable(
  "internal_notes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    authorId: text("author_id")
      .notNull()
      .references(() => users.id),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("internal_notes_thread_idx").on(t.threadId, t.createdAt)],
);

/** Every staff and admin action: who, when, what, before and after. Append-only (triggers). */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: text("actor_id")
      .notNull()
      .references(() => users.id),
    action: text("action").notNull(),
    threadId: integer("thread_id").references(() => threads.id),
    postId: integer("post_id").references(() => posts.id),
    targetUserId: text("target_user_id").references(() => users.id),
    // JSON of the fields the action changed, as they were and as they became.
    before: text("before"),
    after: text("after"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [
    index("audit_log_created_idx").on(t.createdAt, t.id),
    index("audit_log_actor_idx").on(t.actorId, t.createdAt),
    index("audit_log_thread_idx").on(t.threadId, t.createdAt),
    index("audit_log_action_idx").on(t.action, t.createdAt),
  ],
);

/** 举报: one flag per user per post. */
export const flags = sqliteTable(
  "flags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason", { enum: ["spam", "abuse", "personal_data", "off_topic"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    reviewedAt: integer("reviewed_at"),
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
export const meToos = sqliteTable(
  "me_toos",
  {
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.threadId, t.userId] }), index("me_toos_user_idx").on(t.userId)],
);

/**
 * Mail is written here in the same transaction as the change that causes it, then
 * delivered; a unique dedupe key makes a breach's escalation a single message.
 */
export const mailOutbox = sqliteTable(
  "mail_outbox",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    dedupeKey: text("dedupe_key"),
    toAddress: text("to_address").notNull(),
    category: text("category").notNull(),
    subject: text("subject").notNull(),
    textBody: text("text_body").notNull(),
    unsubscribeUrl: text("unsubscribe_url"),
    status: text("status", { enum: ["pending", "sending", "sent", "failed", "suppressed"] })
      .notNull()
      .default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    sentAt: integer("sent_at"),
    /** When a process claimed it for sending: a claim much older than a send takes was lost with its process. */
    claimedAt: integer("claimed_at"),
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
export const schedulerRuns = sqliteTable(
  "scheduler_runs",
  {
    processId: text("process_id").primaryKey(),
    host: text("host").notNull(),
    pid: integer("pid").notNull(),
    startedAt: integer("started_at").notNull(),
    lastTickAt: integer("last_tick_at"),
    lastTickMs: integer("last_tick_ms"),
    lastError: text("last_error"),
    breachesRecorded: integer("breaches_recorded").notNull().default(0),
  },
  (t) => [index("scheduler_runs_last_tick_idx").on(t.lastTickAt)],
);

/** Addresses that asked, through the link in a notification, to stop one kind of notification. */
export const emailUnsubscribes = sqliteTable(
  "email_unsubscribes",
  {
    address: text("address").notNull(),
    category: text("category").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.address, t.category] })],
);

/** Single-use tokens for email verification and password reset; only their SHA-256 is stored. */
export const authTokens = sqliteTable(
  "auth_tokens",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: text("purpose", { enum: ["verify_email", "reset_password"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("auth_tokens_user_idx").on(t.userId, t.purpose)],
);

/** Values the server makes once and keeps, such as the secret that signs unsubscribe links. */
export const appSettings = sqliteTable("app_settings", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
});

/**
 * 不利因素公示: a nearby negative factor of a project. Its words live in versions; the
 * factor row only says where it stands. Published versions are frozen by triggers.
 */
export const disclosureFactors = sqliteTable(
  "disclosure_factors",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    status: text("status", { enum: ["draft", "published", "withdrawn"] })
      .notNull()
      .default("draft"),
    // The version the public sees now (null until first published).
    currentVersionId: integer("current_version_id"),
    firstPublishedAt: integer("first_published_at"),
    createdAt: integer("created_at").notNull(),
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
export const disclosureVersions = sqliteTable(
  "disclosure_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    factorId: integer("factor_id")
      .notNull()
      .references(() => disclosureFactors.id),
    projectId: integer("project_id")
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
    distanceM: integer("distance_m").notNull(),
    mitigation: text("mitigation"),
    sourceNote: text("source_note"),
    withdrawReason: text("withdraw_reason"),
    createdAt: integer("created_at").notNull(),
    createdBy: text("created_by")
      .notNull()
      .references(() => users.id),
    publishedAt: integer("published_at"),
    publishedBy: text("published_by").references(() => users.id),
  },
  (t) => [index("disclosure_versions_factor_idx").on(t.factorId, t.id), index("disclosure_versions_project_published_idx").on(t.projectId, t.publishedAt)],
);

/** Owners following a project's disclosures get an email for each new published version. */
export const disclosureSubscriptions = sqliteTable(
  "disclosure_subscriptions",
  {
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.userId] }), index("disclosure_subscriptions_user_idx").on(t.userId)],
);

/** The author's verdict on resolving: three 1-5 ratings and a comment, shown on the thread. */
export const threadRatings = sqliteTable(
  "thread_ratings",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    // 总体满意度: the one score satisfaction is counted from; the other three are detail.
    overall: integer("overall"),
    attitude: integer("attitude").notNull(),
    speed: integer("speed").notNull(),
    result: integer("result").notNull(),
    comment: text("comment"),
    createdAt: integer("created_at").notNull(),
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
export const callbacks = sqliteTable(
  "callbacks",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    staffId: text("staff_id")
      .notNull()
      .references(() => users.id),
    calledAt: integer("called_at").notNull(),
    method: text("method", { enum: ["phone", "visit", "online", "event"] }).notNull(),
    outcome: text("outcome", { enum: ["satisfied", "not_satisfied", "unreachable"] }).notNull(),
    note: text("note"),
    isPublic: integer("is_public", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("callbacks_thread_idx").on(t.threadId, t.id), index("callbacks_called_idx").on(t.calledAt)],
);

/**
 * 解决方案: an official post that says what will be done, and either that it is done or
 * the local date by which it will be (which starts a promise clock). Only a solution stops
 * the answer clock.
 */
export const solutions = sqliteTable(
  "solutions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    postId: integer("post_id")
      .notNull()
      .references(() => posts.id),
    staffId: text("staff_id")
      .notNull()
      .references(() => users.id),
    // "YYYY-MM-DD" in the site's time zone; null when the solution says it is done.
    promisedDate: text("promised_date"),
    promiseClockId: integer("promise_clock_id").references(() => threadClocks.id),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("solutions_thread_idx").on(t.threadId, t.id)],
);

/** 已兑现: staff record that a promise was kept, with a public note (the proof). */
export const promiseRecords = sqliteTable(
  "promise_records",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    clockId: integer("clock_id")
      .notNull()
      .references(() => threadClocks.id),
    staffId: text("staff_id")
      .notNull()
      .references(() => users.id),
    note: text("note").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("promise_records_thread_idx").on(t.threadId, t.id)],
);

/**
 * 上报总部: a complaint acknowledged by its regional company is reported to group
 * headquarters: one row per acknowledgement, listed in headquarters' view and emailed once.
 */
export const hqReports = sqliteTable(
  "hq_reports",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    threadId: integer("thread_id")
      .notNull()
      .references(() => threads.id),
    // The regional company reporting (null when its project has none yet).
    unitId: integer("unit_id").references(() => orgUnits.id),
    staffId: text("staff_id")
      .notNull()
      .references(() => users.id),
    clockId: integer("clock_id").references(() => threadClocks.id),
    note: text("note"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("hq_reports_clock_unique").on(t.clockId), index("hq_reports_created_idx").on(t.createdAt, t.id)],
);

/** The morning briefing of each unit for each local day, claimed once so it is sent once. */
export const briefingsSent = sqliteTable(
  "briefings_sent",
  {
    unitId: integer("unit_id")
      .notNull()
      .references(() => orgUnits.id),
    day: text("day").notNull(),
    createdAt: integer("created_at").notNull(),
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
export const photos = sqliteTable(
  "photos",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    uploaderId: text("uploader_id")
      .notNull()
      .references(() => users.id),
    postId: integer("post_id").references(() => posts.id),
    promiseRecordId: integer("promise_record_id").references(() => promiseRecords.id),
    position: integer("position").notNull().default(0),
    caption: text("caption"),
    // What the owner sent, before processing (counted toward the daily volume; never kept).
    sourceType: text("source_type").notNull(),
    uploadBytes: integer("upload_bytes").notNull(),
    displayHash: text("display_hash").notNull(),
    displayWidth: integer("display_width").notNull(),
    displayHeight: integer("display_height").notNull(),
    displayBytes: integer("display_bytes").notNull(),
    thumbHash: text("thumb_hash").notNull(),
    thumbWidth: integer("thumb_width").notNull(),
    thumbHeight: integer("thumb_height").notNull(),
    createdAt: integer("created_at").notNull(),
    attachedAt: integer("attached_at"),
    removedAt: integer("removed_at"),
    hiddenAt: integer("hidden_at"),
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
export const photoFlags = sqliteTable(
  "photo_flags",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    photoId: integer("photo_id")
      .notNull()
      .references(() => photos.id),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    reason: text("reason", { enum: ["spam", "abuse", "personal_data", "off_topic"] }).notNull(),
    createdAt: integer("created_at").notNull(),
    reviewedAt: integer("reviewed_at"),
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
export const ownerProjects = sqliteTable(
  "owner_projects",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    building: text("building"),
    unit: text("unit"),
    phone: text("phone"),
    // "YYYY-MM-DD", the local date the purchase contract was signed.
    purchaseDate: text("purchase_date"),
    // The owner's public name in this project, instead of their account name.
    pseudonym: text("pseudonym"),
    verifiedAt: integer("verified_at"),
    verifiedBy: text("verified_by").references(() => users.id),
    // The buyer signed the register's print view at the sales office: the date, as staff entered it.
    registerSignedOn: text("register_signed_on"),
    registerSignedBy: text("register_signed_by").references(() => users.id),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.projectId] }), index("owner_projects_project_idx").on(t.projectId, t.verifiedAt)],
);

/**
 * A request to be verified as an owner of a project. The contract number is kept for staff
 * to check only until they decide; then only its last four characters remain.
 */
export const ownerVerifications = sqliteTable(
  "owner_verifications",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id),
    projectId: integer("project_id")
      .notNull()
      .references(() => projects.id),
    contractNumber: text("contract_number"),
    contractLast4: text("contract_last4").notNull(),
    status: text("status", { enum: ["pending", "approved", "refused"] })
      .notNull()
      .default("pending"),
    reason: text("reason"),
    requestedAt: integer("requested_at").notNull(),
    decidedAt: integer("decided_at"),
    decidedBy: text("decided_by").references(() => users.id),
  },
  (t) => [
    index("owner_verifications_user_idx").on(t.userId, t.projectId, t.id),
    index("owner_verifications_pending_idx")
      .on(t.requestedAt)
      .where(sql`status = 'pending'`),
  ],
);
