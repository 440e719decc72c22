// The staff view of one thread: triage, internal notes, moderation, every post version.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ThreadClocks, useNow } from "~/components/countdown";
import { Post } from "~/components/post";
import { AuthorRecord, CallbackForm, InternalNotes, PostModeration, ThreadModeration, TriageForm, type StaffResult } from "~/components/staff-thread";
import { VerdictSummary } from "~/components/thread-page";
import { StatusBadge } from "~/components/badges";
import { Timeline } from "~/components/timeline";
import { authorLabel } from "~/lib/identity";
import { invalid, parseForm, parseId, readForm } from "~/lib/forms.server";
import { forbidden, notFound, requireStaff } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { callbackSchema, mergeSchema, noteSchema, reasonSchema, triageSchema } from "~/lib/validation.server";
import { recordCallback } from "~/models/responses.server";
import { recordAuthorRegisterSigned, revealAuthorContact } from "~/models/owners.server";
import { staffThreadPage } from "~/models/pages/staff-thread.server";
import {
  addInternalNote,
  hidePost,
  mergeThread,
  restorePost,
  setThreadHidden,
  setThreadLocked,
  triageThread,
  unmergeThread,
  type MergeResult,
  type ModerationResult,
} from "~/models/moderation.server";
import { currentTime } from "~/lib/time.server";

export async function loader(args: LoaderFunctionArgs) {
  const staff = requireStaff(args);
  const id = parseId(args.params.id);
  if (!id) notFound();
  const page = await staffThreadPage(id, staff, currentTime());
  if (!page) notFound();
  return json(page);
}

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "", undefined, `#${args.data?.thread.id ?? ""} ${args.data?.thread.title ?? ""}`);

export async function action(args: ActionFunctionArgs) {
  const staff = requireStaff(args);
  const id = parseId(args.params.id);
  if (!id) notFound();
  const values = await readForm(args.request);
  const intent = values.intent ?? "";
  const fail = async (r: Response) => json<StaffResult>({ ...(await r.json()), intent, postId: values.postId }, { status: r.status });
  const done = (r: ModerationResult | MergeResult, errorField?: string, errorKey?: string) => {
    if (r.ok) return redirect(`/staff/threads/${id}`);
    if (r.reason === "notFound") notFound();
    return json<StaffResult>(
      { intent, postId: values.postId, values, errors: errorField ? { [errorField]: errorKey } : {}, formError: errorKey ?? "actions.wrongState" },
      { status: 409 },
    );
  };
  const postId = parseId(values.postId);

  switch (intent) {
    case "triage": {
      const p = parseForm(triageSchema, values);
      if (!p.ok) return fail(p.response);
      return done(await triageThread(id, staff.id, p.data, currentTime()), "assigneeId", "errors.invalid");
    }
    case "note": {
      const p = parseForm(noteSchema, values);
      if (!p.ok) return fail(p.response);
      return done(await addInternalNote(id, staff.id, p.data.body, currentTime()));
    }
    case "hide-thread":
    case "lock": {
      const p = parseForm(reasonSchema, values);
      if (!p.ok) return fail(p.response);
      return done(
        intent === "lock"
          ? await setThreadLocked(id, staff.id, p.data.reason, currentTime())
          : await setThreadHidden(id, staff.id, p.data.reason, currentTime()),
      );
    }
    case "restore-thread":
      return done(await setThreadHidden(id, staff.id, null, currentTime()));
    case "unlock":
      return done(await setThreadLocked(id, staff.id, null, currentTime()));
    case "merge": {
      const p = parseForm(mergeSchema, values);
      if (!p.ok) return fail(p.response);
      const r = await mergeThread(id, p.data.targetId, staff.id, p.data.reason, currentTime());
      if (!r.ok && r.reason === "otherProject") return done(r, "targetId", "moderation.mergeOtherProject");
      return done(r, "targetId", "moderation.mergeInvalid");
    }
    case "unmerge": {
      // Undoing a merge puts clocks back: admins only.
      if (staff.role !== "admin") forbidden();
      const p = parseForm(reasonSchema, values);
      if (!p.ok) return fail(p.response);
      return done(await unmergeThread(id, staff.id, p.data.reason, currentTime()));
    }
    case "hide-post": {
      if (!postId) notFound();
      const p = parseForm(reasonSchema, values);
      if (!p.ok) return fail(p.response);
      return done(await hidePost(postId, staff.id, p.data.reason, currentTime()));
    }
    case "callback": {
      const p = parseForm(callbackSchema, values);
      if (!p.ok) return fail(p.response);
      const r = await recordCallback({ threadId: id, staffId: staff.id, ...p.data, calledAt: Date.parse(`${p.data.calledAt}T12:00:00Z`) }, currentTime());
      if (!r.ok && r.reason === "notFound") notFound();
      return r.ok
        ? redirect(`/staff/threads/${id}`)
        : json<StaffResult>({ intent, values, errors: {}, formError: "verdict.callbackOnlyResolved" }, { status: 409 });
    }
    case "restore-post":
      if (!postId) notFound();
      return done(await restorePost(postId, staff.id, currentTime()));
    case "reveal-contact": {
      // The contact is in this answer only, never in the loader's data.
      const r = await revealAuthorContact(staff.id, id, currentTime());
      if (r.ok) return json<StaffResult>({ intent, values: {}, errors: {}, contact: r.contact });
      if (r.reason === "notFound") notFound();
      return json<StaffResult>({ intent, values: {}, errors: {}, formError: "owners.noRecord" }, { status: 409 });
    }
    case "sign-register": {
      const r = await recordAuthorRegisterSigned(staff.id, id, values, currentTime());
      if (r.ok) return redirect(`/staff/threads/${id}`);
      if (r.reason === "invalid") return fail(invalid(values, r.errors));
      if (r.reason === "notFound") notFound();
      return json<StaffResult>({ intent, values, errors: {}, formError: r.reason === "notOwner" ? "owners.notOwner" : "errors.invalid" }, { status: 409 });
    }
    default:
      return json<StaffResult>({ intent, values, errors: {}, formError: "errors.invalid" }, { status: 400 });
  }
}

export default function StaffThread() {
  const { thread, notes, revisions, staff, verdicts, owner, now: serverNow } = useLoaderData<typeof loader>();
  const result = useActionData<StaffResult>();
  const { t, dateTime, user } = useSite();
  const now = useNow(serverNow);
  const posts = [thread.opening, ...thread.replies].filter((p) => p != null);
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/staff">{t("queue.title")}</Link> › #{thread.id}
      </nav>
      <h1 className="thread-title">
        #{thread.id} {thread.title}
      </h1>
      <p className="thread-item-meta">
        <StatusBadge status={thread.status} />
        <span>{thread.project.name}</span>
        <span>{authorLabel(t, { name: thread.authorName, deleted: thread.authorDeleted, accountName: thread.authorAccountName })}</span>
        <Link to={`/threads/${thread.id}`}>{t("moderation.publicView")}</Link>
      </p>
      {thread.hiddenReason ? <p className="tombstone">{t("moderation.tombstone", { reason: thread.hiddenReason })}</p> : null}
      {thread.lockReason ? <p className="notice-locked">{t("moderation.lockedNotice", { reason: thread.lockReason })}</p> : null}
      {thread.mergedIntoId ? <p className="notice-locked">{t("moderation.mergedNotice", { id: thread.mergedIntoId })}</p> : null}
      <ThreadClocks ack={thread.ack} answer={thread.answer} promise={thread.promise} now={now} />

      <TriageForm thread={thread} staff={staff} result={result} />
      <InternalNotes notes={notes} result={result} />
      <VerdictSummary verdicts={verdicts} />
      <CallbackForm due={thread.status === "resolved"} result={result} />
      <AuthorRecord owner={owner} result={result} />
      <ThreadModeration
        hidden={thread.hiddenReason != null}
        locked={thread.lockReason != null}
        merged={thread.mergedIntoId != null}
        canUnmerge={user?.role === "admin"}
        result={result}
      />

      <section aria-labelledby="posts-title">
        <h2 id="posts-title">{t("moderation.postsTitle")}</h2>
        {posts.map((p) => (
          <Post key={p.id} post={p} projectName={thread.project.name}>
            {revisions[p.id] ? (
              <details className="revisions">
                <summary>{t("moderation.revisions", { count: revisions[p.id]!.length })}</summary>
                <ol>
                  {revisions[p.id]!.map((r, i) => (
                    <li key={r.id}>
                      <p className="muted">{t("moderation.revision", { n: i + 1, at: dateTime(r.createdAt) })}</p>
                      <pre className="revision-body">{r.bodyMarkdown}</pre>
                    </li>
                  ))}
                </ol>
              </details>
            ) : null}
            {p.kind === "opening" ? null : <PostModeration postId={p.id} hidden={p.hiddenReason != null} result={result} />}
          </Post>
        ))}
      </section>
      <Timeline
        postedAt={thread.createdAt}
        authorName={thread.authorName}
        authorDeleted={thread.authorDeleted}
        authorAccountName={thread.authorAccountName}
        events={thread.events}
      />
    </>
  );
}
