import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, TextArea } from "~/components/fields";
import { PostBody } from "~/components/post-body";
import { StatusBadge } from "~/components/thread-list";
import { isStaffRole, EDIT_WINDOW_MS } from "~/lib/domain";
import { toIso } from "~/lib/format";
import { limitOrResponse, parseForm, parseId, readForm, type ActionErrors } from "~/lib/forms.server";
import { notFound, requireUser } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/lib/use-site";
import { replySchema } from "~/lib/validation";
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
  return json({ thread, editable });
}

export const meta: MetaFunction<typeof loader> = (args) => pageTitle(args, "", undefined, args.data?.thread.title ?? "");

export async function action(args: ActionFunctionArgs) {
  const user = requireUser(args);
  const id = parseId(args.params.id);
  if (!id) notFound();
  const values = await readForm(args.request);
  const limited = await limitOrResponse("reply", user.id, values);
  if (limited) return limited;
  const parsed = parseForm(replySchema, values);
  if (!parsed.ok) return parsed.response;
  try {
    const postId = createReply({ threadId: id, authorId: user.id, body: parsed.data.body });
    return redirect(`/threads/${id}#post-${postId}`);
  } catch (e) {
    if (e instanceof UnknownThreadError) notFound();
    throw e;
  }
}

function Post({ post, editable, label }: { post: PostView; editable: boolean; label?: string }) {
  const { t, dateTime } = useSite();
  return (
    <article className={`post${isStaffRole(post.authorRole) ? " post-staff" : ""}`} id={`post-${post.id}`} aria-label={label}>
      <header className="post-meta">
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
  const { thread, editable } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionErrors>();
  const { t, user, dateTime } = useSite();
  const navigation = useNavigation();
  const posting = navigation.state === "submitting" && navigation.formMethod === "POST";
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
      {thread.opening ? <Post post={thread.opening} editable={editable.includes(thread.opening.id)} label={t("thread.opening")} /> : null}

      <section aria-labelledby="replies-title" className="replies">
        <h2 id="replies-title">{t("thread.replies", { count: thread.replies.length })}</h2>
        {thread.replies.length === 0 ? <p className="empty">{t("thread.noReplies")}</p> : null}
        {thread.replies.map((p) => (
          <Post key={p.id} post={p} editable={editable.includes(p.id)} />
        ))}
      </section>

      <section aria-labelledby="reply-title" className="reply-form">
        <h2 id="reply-title">{t("thread.reply")}</h2>
        {user ? (
          <Form method="post" noValidate>
            <FormError error={actionData?.formError} values={actionData?.formErrorValues} />
            <TextArea
              name="body"
              label={t("thread.replyLabel")}
              rows={6}
              required
              defaultValue={actionData?.values.body}
              error={actionData?.errors.body}
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
