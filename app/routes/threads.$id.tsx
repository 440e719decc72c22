import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { ThreadClocks, useNow } from "~/components/countdown";
import { FormError, TextArea } from "~/components/fields";
import { PostBody } from "~/components/post-body";
import { AuthorVerdict, StaffActions } from "~/components/thread-actions";
import { StatusBadge } from "~/components/thread-list";
import { Timeline } from "~/components/timeline";
import { EDIT_WINDOW_MS, isStaffRole } from "~/lib/domain";
import { toIso } from "~/lib/format";
import { limitOrResponse, parseForm, parseId, readForm, type ActionErrors } from "~/lib/forms.server";
import { getEnv } from "~/lib/env.server";
import { forbidden, notFound, requireStaff, requireUser } from "~/lib/guards.server";
import { kickMailDelivery } from "~/lib/mail.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/lib/use-site";
import { acknowledgeSchema, officialReplySchema, reopenSchema, replySchema } from "~/lib/validation";
import { acknowledgeThread, postOfficialReply, reopenThread, resolveThread, type ResponseResult } from "~/models/responses.server";
import { canEditPost, createReply, getThread, UnknownThreadError, type PostView } from "~/models/threads.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  if (!id) notFound();
  const thread = getThread(id);
  if (!thread) notFound();
  const now = Date.now();
  const userId = context.user?.id;
  const editable = [thread.opening, ...thread.replies]
    .filter((p): p is PostView => !!p && !!userId && canEditPost(p, userId, now))
    .map((p) => p.id);
  const env = getEnv();
  return json({ thread, editable, now, promise: { ack: env.ACK_HOURS, answer: env.ANSWER_HOURS } });
}

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "", undefined, args.data?.thread.title ?? "");

type Result = ActionErrors & { intent?: string };
const failed = (intent: string, values: Record<string, string>, formError: string, status = 409) =>
  json<Result>({ intent, errors: {}, values, formError }, { status });

/** Maps a model refusal to the right HTTP answer. */
function refusal(intent: string, values: Record<string, string>, result: Extract<ResponseResult, { ok: false }>) {
  if (result.reason === "notFound") notFound();
  if (result.reason === "notAllowed") forbidden();
  return failed(intent, values, "actions.wrongState");
}

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  const id = parseId(args.params.id);
  if (!id) notFound();
  const values = await readForm(args.request);
  const intent = values.intent ?? "reply";
  const back = (hash = "") => redirect(`/threads/${id}${hash}`);
  const withIntent = async (r: Response) => json<Result>({ ...(await r.json()), intent }, { status: r.status, headers: r.headers });

  switch (intent) {
    case "acknowledge": {
      requireStaff(args);
      const parsed = parseForm(acknowledgeSchema, values);
      if (!parsed.ok) return withIntent(parsed.response);
      const r = acknowledgeThread({ threadId: id, staffId: user.id, note: parsed.data.note });
      if (!r.ok) return refusal(intent, values, r);
      kickMailDelivery();
      return back();
    }
    case "official": {
      requireStaff(args);
      const parsed = parseForm(officialReplySchema, values);
      if (!parsed.ok) return withIntent(parsed.response);
      const r = postOfficialReply({ threadId: id, staffId: user.id, body: parsed.data.body });
      if (!r.ok) return refusal(intent, values, r);
      kickMailDelivery();
      return back(`#post-${r.postId}`);
    }
    case "resolve": {
      const r = resolveThread({ threadId: id, userId: user.id });
      if (!r.ok) return refusal(intent, values, r);
      return back();
    }
    case "reopen": {
      const parsed = parseForm(reopenSchema, values);
      if (!parsed.ok) return withIntent(parsed.response);
      const r = reopenThread({ threadId: id, userId: user.id, comment: parsed.data.comment });
      if (!r.ok) return refusal(intent, values, r);
      return back(`#post-${r.postId}`);
    }
    default: {
      const limited = await limitOrResponse("reply", user.id, values);
      if (limited) return withIntent(limited);
      const parsed = parseForm(replySchema, values);
      if (!parsed.ok) return withIntent(parsed.response);
      try {
        const postId = createReply({ threadId: id, authorId: user.id, body: parsed.data.body });
        return back(`#post-${postId}`);
      } catch (e) {
        if (e instanceof UnknownThreadError) notFound();
        throw e;
      }
    }
  }
}

function Post({ post, editable, label }: { post: PostView; editable: boolean; label?: string }) {
  const { t, dateTime } = useSite();
  const official = post.kind === "official";
  return (
    <article
      className={`post${official ? " post-official" : isStaffRole(post.authorRole) ? " post-staff" : ""}`}
      id={`post-${post.id}`}
      aria-label={official ? t("actions.officialBadge") : label}
      data-kind={post.kind}
    >
      <header className="post-meta">
        {official ? <span className="badge badge-official">{t("actions.officialBadge")}</span> : null}
        <span className="post-author">{post.authorName}</span>
        {isStaffRole(post.authorRole) ? <span className="badge badge-staff">{t(`roles.${post.authorRole}`)}</span> : null}
        <time dateTime={toIso(post.createdAt)} suppressHydrationWarning>
          {dateTime(post.createdAt)}
        </time>
        {post.editedAt ? <span className="muted">({t("common.edited")})</span> : null}
        {editable ? (
          <Link to={`/posts/${post.id}/edit`} className="post-edit">
            {t("thread.edit")}
          </Link>
        ) : null}
      </header>
      <PostBody html={post.bodyHtml} />
    </article>
  );
}

export default function ThreadPage() {
  const { thread, editable, now: serverNow, promise } = useLoaderData<typeof loader>();
  const actionData = useActionData<Result>();
  const { t, user, dateTime } = useSite();
  const navigation = useNavigation();
  const now = useNow(serverNow);
  const posting = navigation.state === "submitting" && navigation.formData?.get("intent") === "reply";
  const replyResult = actionData?.intent === "reply" || !actionData?.intent ? actionData : undefined;
  const isAuthor = user?.id === thread.authorId;
  return (
    <>
      <nav className="breadcrumbs" aria-label="breadcrumbs">
        <Link to="/">{t("nav.home")}</Link> › <Link to={`/projects/${thread.project.slug}`}>{thread.project.name}</Link>
      </nav>
      <h1 className="thread-title">{thread.title}</h1>
      <dl className="thread-facts">
        <div>
          <dt>{t("thread.status")}</dt>
          <dd>
            <StatusBadge status={thread.status} />
          </dd>
        </div>
        <div>
          <dt>{t("thread.type")}</dt>
          <dd>{t(`types.${thread.complaintType}`)}</dd>
        </div>
        <div>
          <dt>{t("thread.project")}</dt>
          <dd>
            <Link to={`/projects/${thread.project.slug}`}>
              {thread.project.city} · {thread.project.name}
            </Link>
          </dd>
        </div>
        <div>
          <dt>{t("thread.postedIn")}</dt>
          <dd>
            <time dateTime={toIso(thread.createdAt)} suppressHydrationWarning>
              {dateTime(thread.createdAt)}
            </time>
          </dd>
        </div>
      </dl>
      <ThreadClocks ack={thread.ack} answer={thread.answer} now={now} />
      <p className="field-hint">{t("clock.promise", promise)}</p>

      {thread.opening ? <Post post={thread.opening} editable={editable.includes(thread.opening.id)} label={t("thread.opening")} /> : null}

      <Timeline postedAt={thread.createdAt} authorName={thread.authorName} events={thread.events} />

      <section aria-labelledby="replies-title" className="replies">
        <h2 id="replies-title">{t("thread.replies", { count: thread.replies.length })}</h2>
        {thread.replies.length === 0 ? <p className="empty">{t("thread.noReplies")}</p> : null}
        {thread.replies.map((p) => (
          <Post key={p.id} post={p} editable={editable.includes(p.id)} />
        ))}
      </section>

      {isAuthor && (thread.status === "answered" || thread.status === "resolved") ? (
        <AuthorVerdict status={thread.status} result={actionData} />
      ) : null}
      {user && isStaffRole(user.role) ? <StaffActions canAcknowledge={thread.ack?.metAt == null} result={actionData} /> : null}

      <section aria-labelledby="reply-title" className="reply-form">
        <h2 id="reply-title">{t("thread.reply")}</h2>
        {user ? (
          <Form method="post" noValidate>
            <input type="hidden" name="intent" value="reply" />
            <FormError error={replyResult?.formError} values={replyResult?.formErrorValues} />
            <TextArea
              name="body"
              label={t("thread.replyLabel")}
              rows={6}
              required
              defaultValue={replyResult?.values.body}
              error={replyResult?.errors.body}
              hint={t("threadForm.bodyHint")}
            />
            <button type="submit" className="button button-primary" disabled={posting}>
              {posting ? t("common.posting") : t("thread.reply")}
            </button>
            <p className="field-hint">{t("thread.editUntil", { minutes: EDIT_WINDOW_MS / 60000 })}</p>
          </Form>
        ) : (
          <p>
            <Link to={`/login?redirectTo=${encodeURIComponent(`/threads/${thread.id}`)}`}>{t("thread.loginToReply")}</Link>
          </p>
        )}
      </section>
    </>
  );
}
