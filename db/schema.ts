// Every table of Tousu. Imports only drizzle-orm: drizzle-kit reads this file.
// Times are UTC epoch milliseconds in integer columns, except sessions.expires_at,
// which the lucia adapter stores in epoch seconds.
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    // Stored lower-cased and trimmed; never shown publicly.
    email: text("email").notNull(),
    displayName: text("display_name").notNull(),
    passwordHash: text("password_hash").notNull(),
    role: text("role", { enum: ["owner", "staff", "admin"] }).notNull().default("owner"),
    locale: text("locale"),
    emailVerifiedAt: integer("email_verified_at"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("users_email_unique").on(t.email), index("users_role_idx").on(t.role)],
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
  },
  (t) => [uniqueIndex("projects_slug_unique").on(t.slug), index("projects_city_name_idx").on(t.city, t.name)],
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
  },
  (t) => [
    index("threads_created_idx").on(t.createdAt, t.id),
    index("threads_project_created_idx").on(t.projectId, t.createdAt, t.id),
    index("threads_type_created_idx").on(t.complaintType, t.createdAt, t.id),
    index("threads_status_created_idx").on(t.status, t.createdAt, t.id),
    index("threads_author_idx").on(t.authorId, t.createdAt),
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
    // "opening" for the complaint itself, "reply" for everything after it.
    kind: text("kind").notNull(),
    // The current version; every version (this one included) is in post_revisions.
    bodyMarkdown: text("body_markdown").notNull(),
    bodyHtml: text("body_html").notNull(),
    createdAt: integer("created_at").notNull(),
    editedAt: integer("edited_at"),
  },
  (t) => [
    index("posts_thread_created_idx").on(t.threadId, t.createdAt, t.id),
    index("posts_author_idx").on(t.authorId, t.createdAt),
  ],
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
