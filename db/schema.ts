// The tables of the engine this process runs on: SQLite (db/schema.sqlite.ts), or
// PostgreSQL (db/schema.pg.ts) when DATABASE_URL names a PostgreSQL server. Models are
// written once against these names; both schemas declare the same tables, columns and
// indexes (tests/integration/schema-parity.test.ts), so the PostgreSQL tables stand in for
// the SQLite ones, whose types the models are checked against.
import * as pg from "./schema.pg";
import * as sqlite from "./schema.sqlite";

export const databaseEngine: "sqlite" | "pg" = /^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? "pg" : "sqlite";

const tables = (databaseEngine === "pg" ? pg : sqlite) as unknown as typeof sqlite;

export const users = tables.users;
export const orgUnits = tables.orgUnits;
export const orgRecipients = tables.orgRecipients;
export const sessions = tables.sessions;
export const projects = tables.projects;
export const threads = tables.threads;
export const posts = tables.posts;
export const postRevisions = tables.postRevisions;
export const threadClocks = tables.threadClocks;
export const threadEvents = tables.threadEvents;
export const internalNotes = tables.internalNotes;
export const auditLog = tables.auditLog;
export const flags = tables.flags;
export const meToos = tables.meToos;
export const mailOutbox = tables.mailOutbox;
export const emailUnsubscribes = tables.emailUnsubscribes;
export const authTokens = tables.authTokens;
export const appSettings = tables.appSettings;
export const disclosureFactors = tables.disclosureFactors;
export const disclosureVersions = tables.disclosureVersions;
export const disclosureSubscriptions = tables.disclosureSubscriptions;
export const threadRatings = tables.threadRatings;
export const callbacks = tables.callbacks;
export const solutions = tables.solutions;
export const promiseRecords = tables.promiseRecords;
export const hqReports = tables.hqReports;
export const briefingsSent = tables.briefingsSent;
export const schedulerRuns = tables.schedulerRuns;
export const photos = tables.photos;
export const photoFlags = tables.photoFlags;
export const ownerProjects = tables.ownerProjects;
export const ownerVerifications = tables.ownerVerifications;
