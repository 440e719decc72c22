import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, TextArea } from "~/components/fields";
import { EDIT_WINDOW_MS } from "~/lib/domain";
import { parseForm, parseId, readForm, type ActionErrors } from "~/lib/forms.server";
import { forbidden, notFound, requirePoster } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { editPostSchema } from "~/lib/validation.server";
import { canEditPost, editPost, getPostForEdit } from "~/models/threads.server";
import { currentTime } from "~/lib/time.server";

// Editing is posting: a banned or unverified user may not (they can still read).
export async function loader(args: LoaderFunctionArgs) {
  const user = requirePoster(args);
  const id = parseId(args.params.id);
  if (!id) notFound();
  const post = await getPostForEdit(id);
  if (!post) notFound();
  if (post.authorId !== user.id) forbidden();
  return json({ post, windowOpen: canEditPost(post, user.id, currentTime()) });
}

export const meta: MetaFunction = (args) => pageTitle(args, "thread.editTitle");

export async function action(args: ActionFunctionArgs) {
  const user = requirePoster(args);
  const id = parseId(args.params.id);
  if (!id) notFound();
  const values = await readForm(args.request);
  const parsed = parseForm(editPostSchema, values);
  if (!parsed.ok) return parsed.response;
  const result = await editPost({ postId: id, userId: user.id, body: parsed.data.body }, currentTime());
  if (result.ok) return redirect(`/threads/${result.threadId}#post-${id}`);
  if (result.reason === "notFound") notFound();
  if (result.reason === "notAuthor") forbidden();
  return json<ActionErrors>({ errors: {}, values, formError: "thread.editWindowClosed" }, { status: 409 });
}

export default function EditPost() {
  const { post, windowOpen } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionErrors>();
  const { t } = useSite();
  const saving = useNavigation().state === "submitting";
  return (
    <section className="narrow" aria-labelledby="edit-title">
      <h1 id="edit-title">{t("thread.editTitle")}</h1>
      <p>
        <Link to={`/threads/${post.threadId}`}>{post.threadTitle}</Link>
      </p>
      {windowOpen ? (
        <Form method="post" noValidate>
          <FormError error={actionData?.formError} />
          <TextArea
            name="body"
            label={t("threadForm.body")}
            hint={t("thread.editUntil", { minutes: EDIT_WINDOW_MS / 60000 })}
            defaultValue={actionData?.values.body ?? post.bodyMarkdown}
            error={actionData?.errors.body}
            rows={12}
            required
          />
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? t("common.saving") : t("common.save")}
          </button>{" "}
          <Link to={`/threads/${post.threadId}`}>{t("common.cancel")}</Link>
        </Form>
      ) : (
        <p className="form-error" role="alert">
          {t("thread.editWindowClosed")}
        </p>
      )}
    </section>
  );
}
