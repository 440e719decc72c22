// One post as a reader sees it: a tombstone when hidden, the text for its author and staff.
import { Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { isStaffRole } from "~/lib/domain";
import { toIso } from "~/lib/format";
import { authorLabel } from "~/lib/identity";
import { useSite } from "~/hooks/use-site";
import type { PostView } from "~/lib/views";
import { PhotoGallery, type PhotoControls } from "./photos";
import { PostBody } from "./post-body";
import { tombstoneText } from "./badges";

/** A post as a page shows it: which account wrote it stays on the server. */
export type PostData = Omit<PostView, "authorId">;

export function Post({
  post,
  editable = false,
  label,
  projectName,
  photoControls,
  children,
}: {
  post: PostData;
  editable?: boolean;
  label?: string;
  /** The thread's project, named in a verified owner's badge. */
  projectName?: string;
  photoControls?: PhotoControls;
  children?: ReactNode;
}) {
  const { t, dateTime, user } = useSite();
  const official = post.kind === "official";
  const hidden = post.hiddenReason != null;
  const staffViewer = !!user && isStaffRole(user.role);
  const classes = ["post", official ? "post-official" : isStaffRole(post.authorRole) ? "post-staff" : "", hidden ? "post-hidden" : ""]
    .filter(Boolean)
    .join(" ");
  return (
    <article
      className={classes}
      id={`post-${post.id}`}
      aria-label={official ? t("actions.officialBadge") : label}
      data-kind={post.kind}
      data-hidden={hidden || undefined}
    >
      <header className="post-meta">
        {official ? <span className="badge badge-official">{t("actions.officialBadge")}</span> : null}
        {official && post.officialKind ? (
          <span className={`badge official-${post.officialKind}`} data-official-kind={post.officialKind}>
            {t(post.officialKind === "progress" ? "actions.progressBadge" : "actions.solutionBadge")}
          </span>
        ) : null}
        <span className="post-author" data-deleted-author={post.authorDeleted || undefined}>
          {authorLabel(t, { name: post.authorName, deleted: post.authorDeleted, accountName: post.authorAccountName })}
        </span>
        {post.authorVerifiedOwner ? (
          <span className="badge badge-verified-owner" data-verified-owner>
            {projectName ? t("identity.verifiedOwnerIn", { project: projectName }) : t("identity.verifiedOwner")}
          </span>
        ) : null}
        {isStaffRole(post.authorRole) ? <span className="badge badge-staff">{t(`roles.${post.authorRole}`)}</span> : null}
        <time dateTime={toIso(post.createdAt)} suppressHydrationWarning>
          {dateTime(post.createdAt)}
        </time>
        {post.editedAt ? <span className="muted">({t("common.edited")})</span> : null}
        {hidden && staffViewer ? <span className="badge status-reopened">{t("moderation.hiddenMarker")}</span> : null}
        {editable ? (
          <Link to={`/posts/${post.id}/edit`} className="post-edit">
            {t("thread.edit")}
          </Link>
        ) : null}
      </header>
      {hidden ? (
        <p className="tombstone" data-tombstone>
          {post.bodyHtml && !staffViewer ? t("moderation.yourHiddenPost", { reason: post.hiddenReason }) : tombstoneText(t, post.hiddenReason!)}
        </p>
      ) : null}
      {post.bodyHtml ? <PostBody html={post.bodyHtml} /> : null}
      <PhotoGallery photos={post.photos} controls={{ ...photoControls, removable: editable }} />
      {children}
    </article>
  );
}
