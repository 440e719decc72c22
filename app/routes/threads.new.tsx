import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json, redirect } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { FormError, Honeypot, SelectField, TextArea, TextField } from "~/components/fields";
import { PhotoField } from "~/components/photo-field";
import { VerifyEmailNotice } from "~/components/verify-email-notice";
import { COMPLAINT_TYPES, TITLE_MAX } from "~/lib/domain";
import { honeypotResponse, invalid, limitOrResponse, parseForm, type ActionErrors } from "~/lib/forms.server";
import { requirePoster, requireUser } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { threadSchema } from "~/lib/validation.server";
import { getProject, listProjectOptions } from "~/models/projects.server";
import { listLinkableFactors } from "~/models/disclosures.server";
import { PHOTOS_GONE, photoRefusal, readPostForm, textTooLarge } from "~/models/photo-uploads.server";
import { PhotosGoneError } from "~/models/photos.server";
import { createThread, FactorNotInProjectError, UnknownProjectError } from "~/models/threads.server";
import { passOnRetryAfter } from "~/lib/route-headers";
import { currentTime } from "~/lib/time.server";

export async function loader(args: LoaderFunctionArgs) {
  const user = requireUser(args);
  if (user.banned) throw new Response("Banned", { status: 403 });
  const slug = new URL(args.request.url).searchParams.get("project");
  const preselected = slug ? (await getProject({ slug }))?.id : undefined;
  return json({
    projects: await listProjectOptions(),
    factors: await listLinkableFactors(),
    preselected: preselected ? String(preselected) : undefined,
    verified: user.emailVerified,
  });
}

export const meta: MetaFunction = (args) => pageTitle(args, "threadForm.title");

export const headers = passOnRetryAfter;

export async function action(args: ActionFunctionArgs) {
  const user = requirePoster(args);
  const { values, photos, tooLarge } = await readPostForm(args.request, user, currentTime());
  const trap = honeypotResponse(values);
  if (trap) return trap;
  if (tooLarge) return textTooLarge(values);
  const parsed = parseForm(threadSchema, values);
  if (!parsed.ok) return parsed.response;
  if (photos.error) return photoRefusal(values, photos.error);
  const limited = await limitOrResponse("thread", user.id, values);
  if (limited) return limited;
  try {
    const id = await createThread({ authorId: user.id, ...parsed.data, photos: photos.attach }, currentTime());
    return redirect(`/threads/${id}`);
  } catch (e) {
    if (e instanceof UnknownProjectError) return invalid(values, { projectId: "errors.projectUnknown" });
    if (e instanceof FactorNotInProjectError) return invalid(values, { relatedFactorId: "disclosure.relatedFactorWrongProject" });
    if (e instanceof PhotosGoneError) return photoRefusal(values, PHOTOS_GONE);
    throw e;
  }
}

export default function NewThread() {
  const { projects, factors, preselected, verified } = useLoaderData<typeof loader>();
  const actionData = useActionData<ActionErrors>();
  const { t } = useSite();
  const navigation = useNavigation();
  const posting = navigation.state === "submitting";
  const v = actionData?.values;
  const e = actionData?.errors;
  return (
    <section className="narrow" aria-labelledby="new-thread-title">
      <h1 id="new-thread-title">{t("threadForm.title")}</h1>
      <p>{t("threadForm.intro")}</p>
      {verified ? (
        <Form method="post" encType="multipart/form-data" noValidate>
          <Honeypot />
          <FormError error={actionData?.formError} values={actionData?.formErrorValues} />
          <SelectField
            name="projectId"
            label={t("threadForm.project")}
            placeholder={t("threadForm.chooseProject")}
            options={projects.map((p) => ({ value: String(p.id), label: `${p.city} · ${p.name}` }))}
            defaultValue={v?.projectId ?? preselected}
            error={e?.projectId}
            required
          />
          <SelectField
            name="complaintType"
            label={t("threadForm.type")}
            placeholder={t("threadForm.chooseType")}
            options={COMPLAINT_TYPES.map((c) => ({ value: c, label: `${t(`types.${c}`)} — ${t(`typeHints.${c}`)}` }))}
            defaultValue={v?.complaintType}
            error={e?.complaintType}
            required
          />
          <div className={`field${e?.relatedFactorId ? " field-invalid" : ""}`}>
            <label htmlFor="relatedFactorId">{t("disclosure.relatedFactor")}</label>
            <select
              id="relatedFactorId"
              name="relatedFactorId"
              defaultValue={v?.relatedFactorId ?? ""}
              aria-invalid={e?.relatedFactorId ? true : undefined}
              aria-describedby={e?.relatedFactorId ? "relatedFactorId-error" : undefined}
            >
              <option value="">{t("disclosure.relatedFactorNone")}</option>
              {projects
                .filter((p) => factors.some((f) => f.projectId === p.id))
                .map((p) => (
                  <optgroup key={p.id} label={p.name}>
                    {factors
                      .filter((f) => f.projectId === p.id)
                      .map((f) => (
                        <option key={f.factorId} value={f.factorId}>
                          {f.title}
                        </option>
                      ))}
                  </optgroup>
                ))}
            </select>
            {e?.relatedFactorId ? (
              <p className="field-error" id="relatedFactorId-error" role="alert">
                {t(e.relatedFactorId)}
              </p>
            ) : null}
          </div>
          <TextField
            name="title"
            label={t("threadForm.subject")}
            hint={t("threadForm.subjectHint", { max: TITLE_MAX })}
            defaultValue={v?.title}
            error={e?.title}
            required
          />
          <TextArea name="body" label={t("threadForm.body")} hint={t("threadForm.bodyHint")} defaultValue={v?.body} error={e?.body} rows={12} required />
          <PhotoField result={actionData} />
          <button type="submit" className="button button-primary" disabled={posting}>
            {posting ? t("common.posting") : t("threadForm.submit")}
          </button>
        </Form>
      ) : (
        <VerifyEmailNotice />
      )}
    </section>
  );
}
