import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { ThreadClocks, useNow } from "~/components/countdown";
import { Post } from "~/components/post";
import { tombstoneText } from "~/components/badges";
import {
  AuthorVerdict,
  DisclosureStatus,
  FlagForm,
  MeToo,
  ReplyForm,
  StaffActions,
  ThreadFacts,
  VerdictSummary,
  type PageResult,
} from "~/components/thread-page";
import { Timeline } from "~/components/timeline";
import { isStaffRole } from "~/lib/domain";
import { honeypotResponse, limitOrResponse, parseForm, parseId } from "~/lib/forms.server";
import { forbidden, notFound, requirePoster, requireStaff } from "~/lib/guards.server";
import { feedLinks, pageDescription, pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { acknowledgeSchema, flagSchema, keepPromiseSchema, officialSchema, reopenSchema, replySchema, resolveSchema } from "~/lib/validation.server";
import { addMeToo } from "~/models/me-too.server";
import { flagPost } from "~/models/moderation.server";
import { threadPage } from "~/models/pages/thread.server";
import { PHOTOS_GONE, photoRefusal, readPostForm, textTooLarge } from "~/models/photo-uploads.server";
import { PhotosGoneError } from "~/models/photos.server";
import { acknowledgeThread, confirmSolved, keepPromise, postOfficial, reopenThread, type ResponseResult } from "~/models/responses.server";
import { createReply, ThreadHiddenError, ThreadLockedError, UnknownThreadError } from "~/models/threads.server";
import { passOnRetryAfter } from "~/lib/route-headers";
import { currentTime } from "~/lib/time.server";

export async function loader({ params, context }: LoaderFunctionArgs) {
  const id = parseId(params.id);
  if (!id) notFound();
  const page = await threadPage(id, context.user, currentTime());
  if (!page) notFound();
  if (page.thread.mergedIntoId) throw redirect(`/threads/${page.thread.mergedIntoId}`);
  return json(page);
}

export const meta: MetaFunction<typeof loader> = (args) => {
  const thread = args.data?.thread;
  if (!thread) return pageTitle(args, "", undefined, "#");
  return [
    ...pageTitle(args, "", undefined, thread.title || `#${thread.id}`),
    // Facts only, never the text: a hidden thread's words stay off search engines too.
    ...pageDescription(args, "seo.thread", (t) => ({
      project: thread.project.name,
      type: t(`types.${thread.complaintType}`),
      status: t(`statuses.${thread.status}`),
    })),
    ...feedLinks(args, [{ kind: "timeline", thread }]),
  ];
};

const refusal = (intent: string, values: Record<string, string>, result: Extract<ResponseResult, { ok: false }>) => {
  if (result.reason === "notFound") notFound();
  if (result.reason === "notAllowed") forbidden();
  return json<PageResult>({ intent, errors: {}, values, formError: "actions.wrongState" }, { status: 409 });
};

export const headers = passOnRetryAfter;

const STAFF_INTENTS = new Set(["acknowledge", "official", "keep-promise"]);

export async function action(args: ActionFunctionArgs) {
  const id = parseId(args.params.id) ?? notFound();
  const back = (hash = "") => redirect(`/threads/${id}${hash}`);
  const withIntent = async (r: Response) => json<PageResult>({ ...(await r.json()), intent }, { status: r.status, headers: r.headers });
  // Every form here needs a user allowed to post; photos are read (and processed) only for them.
  requirePoster(args);
  const { values, photos, tooLarge } = await readPostForm(args.request, args.context.user!, currentTime());
  // Every form on the page names its intent (the reply form "reply"): none, or an unknown one, is a 400.
  const intent = values.intent ?? "";
  // Acknowledging, answering and keeping promises are staff work.
  const user = STAFF_INTENTS.has(intent) ? requireStaff(args) : requirePoster(args);
  const refusedPhotos = photos.error ? withIntent(photoRefusal(values, photos.error)) : null;
  const trap = honeypotResponse(values);
  if (trap) return withIntent(trap);
  if (tooLarge) return withIntent(textTooLarge(values));
  try {
    return await act();
  } catch (e) {
    // A photo that expired while the post was written: the post is refused, its text kept.
    if (e instanceof PhotosGoneError) return withIntent(photoRefusal(values, PHOTOS_GONE));
    throw e;
  }

  async function act() {
    switch (intent) {
      case "acknowledge": {
        const parsed = parseForm(acknowledgeSchema, values);
        if (!parsed.ok) return withIntent(parsed.response);
        const r = await acknowledgeThread({ threadId: id, staffId: user.id, note: parsed.data.note }, currentTime());
        if (!r.ok) return refusal(intent, values, r);
        return back();
      }
      case "official": {
        const parsed = parseForm(officialSchema, values);
        if (!parsed.ok) return withIntent(parsed.response);
        if (refusedPhotos) return refusedPhotos;
        const r = await postOfficial({ threadId: id, staffId: user.id, ...parsed.data, photos: photos.attach }, currentTime());
        if (!r.ok && r.reason === "invalid") return json<PageResult>({ intent, values, errors: { promisedDate: "actions.promisedDatePast" } }, { status: 400 });
        if (!r.ok && r.reason === "promisePutOff")
          return json<PageResult>({ intent, values, errors: { promisedDate: "actions.promisePutOff" } }, { status: 409 });
        if (!r.ok) return refusal(intent, values, r);
        return back(`#post-${r.postId}`);
      }
      case "keep-promise": {
        const parsed = parseForm(keepPromiseSchema, values);
        if (!parsed.ok) return withIntent(parsed.response);
        if (refusedPhotos) return refusedPhotos;
        const r = await keepPromise({ threadId: id, staffId: user.id, note: parsed.data.note, photos: photos.attach }, currentTime());
        return r.ok ? back() : refusal(intent, values, r);
      }
      case "resolve": {
        const parsed = parseForm(resolveSchema, values);
        if (!parsed.ok) return withIntent(parsed.response);
        const r = await confirmSolved({ threadId: id, userId: user.id, ratings: parsed.data }, currentTime());
        return r.ok ? back() : refusal(intent, values, r);
      }
      case "reopen": {
        const parsed = parseForm(reopenSchema, values);
        if (!parsed.ok) return withIntent(parsed.response);
        const r = await reopenThread({ threadId: id, userId: user.id, comment: parsed.data.comment, notDelivered: parsed.data.notDelivered }, currentTime());
        return r.ok ? back(`#post-${r.postId}`) : refusal(intent, values, r);
      }
      case "metoo": {
        const r = await addMeToo(id, user.id, currentTime());
        if (!r.ok && r.reason === "notFound") notFound();
        return back();
      }
      case "flag": {
        const limited = await limitOrResponse("flag", user.id, values);
        if (limited)
          return json<PageResult>({ ...(await limited.json()), intent, postId: values.postId }, { status: limited.status, headers: limited.headers });
        const parsed = flagSchema.safeParse(values);
        if (!parsed.success) return json<PageResult>({ intent, postId: values.postId, errors: {}, values, formError: "errors.invalid" }, { status: 400 });
        const r = await flagPost(parsed.data.postId, user.id, parsed.data.reason, currentTime());
        if (!r.ok && r.reason === "notFound") notFound();
        const notice = r.ok ? "flags.thanks" : r.reason === "already" ? "flags.already" : "flags.ownPost";
        return json<PageResult>({ intent, postId: values.postId, errors: {}, values: {}, notice }, { status: r.ok ? 200 : 409 });
      }
      case "reply": {
        const limited = await limitOrResponse("reply", user.id, values);
        if (limited) return withIntent(limited);
        const parsed = parseForm(replySchema, values);
        if (!parsed.ok) return withIntent(parsed.response);
        try {
          if (refusedPhotos) return refusedPhotos;
          const postId = await createReply(
            { threadId: id, authorId: user.id, body: parsed.data.body, asStaff: isStaffRole(user.role), photos: photos.attach },
            currentTime(),
          );
          return back(`#post-${postId}`);
        } catch (e) {
          if (e instanceof UnknownThreadError) notFound();
          if (e instanceof ThreadLockedError) return json<PageResult>({ intent, errors: {}, values, formError: "errors.locked" }, { status: 409 });
          if (e instanceof ThreadHiddenError) return json<PageResult>({ intent, errors: {}, values, formError: "errors.threadHidden" }, { status: 409 });
          throw e;
        }
      }
      default:
        return json<PageResult>({ intent, errors: {}, values, formError: "errors.invalid" }, { status: 400 });
    }
  }
}

export default function ThreadPage() {
  const { thread, editable, flagged, flaggedPhotos, meToo, factor, verdicts, now: serverNow, promise } = useLoaderData<typeof loader>();
  const result = useActionData<PageResult>();
  const { t, user } = useSite();
  const now = useNow(serverNow);
  const isAuthor = thread.isAuthor;
  const staff = !!user && isStaffRole(user.role);
  const banned = user?.banned === true;
  const photoControls = { canFlag: !!user && user.emailVerified && !banned, flagged: flaggedPhotos, moderate: staff };
  const promiseRunning = !!thread.promise && thread.promise.metAt == null && thread.promise.closedAt == null;
  const flagFor = (postId: number, mine: boolean) =>
    user && user.emailVerified && !banned && !mine ? (
      <FlagForm
        postId={postId}
        flagged={flagged.includes(postId) || (result?.intent === "flag" && result.postId === String(postId) && !!result.notice)}
        result={result}
      />
    ) : null;
  return (
    <>
      <nav className="breadcrumbs" aria-label={t("nav.breadcrumbs")}>
        <Link to="/">{t("nav.home")}</Link> › <Link to={`/projects/${thread.project.slug}`}>{thread.project.name}</Link>
        {" · "}
        <Link to={`/projects/${thread.project.slug}/disclosures`}>{t("disclosure.link")}</Link>
        {staff ? (
          <>
            {" · "}
            <Link to={`/staff/threads/${thread.id}`}>{t("moderation.manage")}</Link>
          </>
        ) : null}
      </nav>
      <h1 className="thread-title">{thread.title || <span className="tombstone">{tombstoneText(t, thread.hiddenReason ?? "")}</span>}</h1>
      {thread.title && thread.hiddenReason ? (
        <p className="tombstone">
          {isAuthor && !staff ? t("moderation.yourHiddenPost", { reason: thread.hiddenReason }) : tombstoneText(t, thread.hiddenReason)}
        </p>
      ) : null}
      <ThreadFacts thread={thread} />
      {thread.complaintType === "other" || factor ? <DisclosureStatus factor={factor} postedAt={thread.createdAt} projectSlug={thread.project.slug} /> : null}
      <ThreadClocks ack={thread.ack} answer={thread.answer} promise={thread.promise} now={now} />
      <p className="field-hint">{t("clock.promise", promise)}</p>
      {thread.lockReason ? <p className="notice-locked">{t("moderation.lockedNotice", { reason: thread.lockReason })}</p> : null}

      {thread.opening ? (
        <Post
          post={thread.opening}
          editable={editable.includes(thread.opening.id)}
          label={t("thread.opening")}
          projectName={thread.project.name}
          photoControls={photoControls}
        >
          {flagFor(thread.opening.id, thread.opening.mine)}
        </Post>
      ) : null}
      <MeToo count={thread.meTooCount} mine={meToo} canMark={!!user && user.emailVerified && !isAuthor && !banned && !thread.hiddenReason} />

      <Timeline
        postedAt={thread.createdAt}
        authorName={thread.authorName}
        authorDeleted={thread.authorDeleted}
        authorAccountName={thread.authorAccountName}
        events={thread.events}
        feedHref={`/threads/${thread.id}/timeline.atom`}
      />

      <section aria-labelledby="replies-title" className="replies">
        <h2 id="replies-title">{t("thread.replies", { count: thread.replies.length })}</h2>
        {thread.replies.length === 0 ? <p className="empty">{t("thread.noReplies")}</p> : null}
        {thread.replies.map((p) => (
          <Post key={p.id} post={p} editable={editable.includes(p.id)} projectName={thread.project.name} photoControls={photoControls}>
            {flagFor(p.id, p.mine)}
          </Post>
        ))}
      </section>

      <VerdictSummary verdicts={verdicts} photoControls={photoControls} />
      {isAuthor && !banned && ["answered", "resolved", "closed"].includes(thread.status) ? (
        <AuthorVerdict status={thread.status} promiseRunning={promiseRunning} result={result} />
      ) : null}
      {staff ? (
        <StaffActions
          canAcknowledge={thread.ack?.metAt == null && thread.ack?.closedAt == null}
          promiseRunning={promiseRunning}
          closed={thread.status === "closed" || thread.status === "merged"}
          result={result}
        />
      ) : null}

      <ReplyForm
        threadId={thread.id}
        result={result}
        state={
          !user
            ? "anonymous"
            : banned
              ? "banned"
              : !user.emailVerified
                ? "unverified"
                : thread.hiddenReason && !staff
                  ? "hidden"
                  : thread.lockReason && !staff
                    ? "locked"
                    : "open"
        }
      />
    </>
  );
}
