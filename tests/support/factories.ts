// Test data made through the real model functions.
import { projects } from "../../db/schema";
import { getDb } from "../../app/lib/db.server";
import type { ComplaintType, Role } from "../../app/lib/domain";
import { assignProject, createRegionalUnit, setRecipients } from "../../app/models/org.server";
import { createThread } from "../../app/models/threads.server";
import { createUser } from "../../app/models/users.server";

let n = 0;
const next = () => `${Date.now().toString(36)}${(n++).toString(36)}`;

/** A user with a verified address unless `verified: false`; `createdAt` backdates the account. */
export async function makeUser(
  role: Role = "owner",
  overrides: { email?: string; password?: string; displayName?: string; verified?: boolean; createdAt?: number } = {},
) {
  const id = next();
  const password = overrides.password ?? "correct horse battery";
  const user = await createUser(
    {
      email: overrides.email ?? `user-${id}@example.com`,
      displayName: overrides.displayName ?? `用户${id}`,
      password,
      role,
      emailVerified: overrides.verified ?? true,
    },
    overrides.createdAt ?? Date.now(),
  );
  return { ...user, password };
}

export function makeProject(overrides: Partial<{ slug: string; name: string; city: string }> = {}) {
  const id = next();
  return getDb()
    .insert(projects)
    .values({
      slug: overrides.slug ?? `project-${id}`,
      name: overrides.name ?? `测试楼盘${id}`,
      city: overrides.city ?? "深圳",
      address: "测试地址 1 号",
      createdAt: Date.now(),
    })
    .returning()
    .get();
}

export function makeThread({
  now = Date.now(),
  ...input
}: {
  authorId: string;
  projectId: number;
  complaintType?: ComplaintType;
  title?: string;
  body?: string;
  now?: number;
}) {
  return createThread({ complaintType: "quality", title: `测试投诉 ${next()}`, body: "墙面渗水,请尽快处理。", ...input }, now);
}

/**
 * A regional company with its own recipients, running the given projects. `adminId` is
 * the admin recorded in the audit log.
 */
export async function makeUnit(
  adminId: string,
  input: { name?: string; projectIds?: number[]; escalations?: string[]; reports?: string[]; briefings?: string[] } = {},
) {
  const id = next();
  const now = Date.now();
  const r = await createRegionalUnit(adminId, { slug: `unit-${id}`, name: input.name ?? `测试公司${id}` }, now);
  if (!r.ok || !r.id) throw new Error("unit not created");
  for (const purpose of ["escalations", "reports", "briefings"] as const) if (input[purpose]) await setRecipients(adminId, r.id, purpose, input[purpose]!, now);
  for (const p of input.projectIds ?? []) await assignProject(adminId, p, r.id, now);
  return r.id;
}
