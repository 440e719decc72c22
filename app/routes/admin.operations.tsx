// /admin/operations : whether the site's background work is happening. Each process's
// scheduler (its last tick, how long it took, what it failed with), the mail outbox's backlog,
// and the messages that gave up, each with a retry, so that an SMTP outage that silences
// escalations is seen and undone the same hour. Admins only; every retry is in the audit log.
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { useSite } from "~/hooks/use-site";
import { getEnv } from "~/lib/env.server";
import { formatAge } from "~/lib/format";
import { readForm } from "~/lib/forms.server";
import { requireAdmin } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { currentTime } from "~/lib/time.server";
import { retryMailSchema } from "~/lib/validation.server";
import { retryFailedMail } from "~/models/mail-outbox.server";
import { operationsOverview } from "~/models/operations.server";

export async function loader(args: LoaderFunctionArgs) {
  requireAdmin(args);
  const now = currentTime();
  return json({ now, ...(await operationsOverview(now, getEnv().SCHEDULER_INTERVAL_SECONDS * 1000)) });
}

export const meta: MetaFunction = (args) => pageTitle(args, "ops.title");

export async function action(args: ActionFunctionArgs) {
  const admin = requireAdmin(args);
  const parsed = retryMailSchema.safeParse(await readForm(args.request));
  if (!parsed.success) return json({ ok: false as const, message: "errors.invalid", count: 0 }, { status: 400 });
  const count = await retryFailedMail(admin.id, parsed.data.intent === "retry" ? { id: parsed.data.id } : "all", currentTime());
  if (count === 0) return json({ ok: false as const, message: "ops.nothingToRetry", count }, { status: 404 });
  return json({ ok: true as const, message: "ops.retried", count });
}

export default function Operations() {
  const { now, processes, backlog, failed, staleAfterMs } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, locale, dateTime } = useSite();
  const busy = useNavigation().state !== "idle";
  const age = (ms: number) => formatAge(ms, locale);
  return (
    <>
      <h1>{t("ops.title")}</h1>
      <p>{t("ops.intro")}</p>
      {result ? (
        <p className={result.ok ? "notice" : "form-error"} role="status">
          {t(result.message, { count: result.count })}
        </p>
      ) : null}

      <h2 id="ops-scheduler">{t("ops.schedulerTitle")}</h2>
      {processes.length === 0 ? (
        <p className="form-error">{t("ops.noScheduler")}</p>
      ) : (
        <TableWrap label={t("ops.schedulerTitle")}>
          <table className="stats-table ops-table">
            <caption>{t("ops.schedulerCaption", { age: age(staleAfterMs) })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("ops.process")}</th>
                <th scope="col">{t("ops.started")}</th>
                <th scope="col">{t("ops.lastTick")}</th>
                <th scope="col">{t("ops.duration")}</th>
                <th scope="col">{t("ops.breaches")}</th>
                <th scope="col">{t("ops.lastError")}</th>
              </tr>
            </thead>
            <tbody>
              {processes.map((p) => (
                <tr key={p.processId} data-stale={p.stale ? "true" : undefined}>
                  <th scope="row">
                    {p.host} <span className="muted">{t("ops.pid", { pid: p.pid })}</span>
                    {p.stale ? <span className="badge status-reopened">{t("ops.stale")}</span> : null}
                  </th>
                  <td>{dateTime(p.startedAt)}</td>
                  <td>{p.lastTickAt == null ? t("ops.never") : `${dateTime(p.lastTickAt)} (${t("ops.ago", { age: age(now - p.lastTickAt) })})`}</td>
                  <td>{p.lastTickMs == null ? "–" : t("ops.ms", { ms: p.lastTickMs })}</td>
                  <td>{p.breachesRecorded}</td>
                  <td>{p.lastError ?? "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}

      <h2 id="ops-outbox">{t("ops.outboxTitle")}</h2>
      <dl className="ops-figures" aria-labelledby="ops-outbox">
        <div>
          <dt>{t("ops.pending")}</dt>
          <dd data-figure="pending">{backlog.pending}</dd>
        </div>
        <div>
          <dt>{t("ops.oldestPending")}</dt>
          <dd data-figure="oldest">{backlog.oldestPendingAgeMs == null ? "–" : age(backlog.oldestPendingAgeMs)}</dd>
        </div>
        <div>
          <dt>{t("ops.failed")}</dt>
          <dd data-figure="failed" className={backlog.failed > 0 ? "figure-alert" : undefined}>
            {backlog.failed}
          </dd>
        </div>
      </dl>

      <h2 id="ops-failed">{t("ops.failedTitle")}</h2>
      {failed.length === 0 ? (
        <p>{t("ops.noFailed")}</p>
      ) : (
        <>
          <Form method="post">
            <input type="hidden" name="intent" value="retry-all" />
            <button type="submit" className="button button-primary" disabled={busy}>
              {t("ops.retryAll", { count: backlog.failed })}
            </button>
          </Form>
          <TableWrap label={t("ops.failedTitle")}>
            <table className="stats-table ops-table">
              <caption>
                {backlog.failed > failed.length ? t("ops.failedCaptionSome", { shown: failed.length, count: backlog.failed }) : t("ops.failedCaption")}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("ops.recipient")}</th>
                  <th scope="col">{t("ops.subject")}</th>
                  <th scope="col">{t("ops.attempts")}</th>
                  <th scope="col">{t("ops.lastError")}</th>
                  <th scope="col">{t("ops.failedAt")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("ops.retry")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {failed.map((m) => (
                  <tr key={m.id} data-mail={m.id}>
                    <th scope="row">{m.to}</th>
                    <td>
                      {m.subject}
                      <br />
                      <span className="muted">{t(`ops.categories.${m.category}`, { defaultValue: m.category })}</span>
                    </td>
                    <td>{m.attempts}</td>
                    <td>{m.lastError ?? "–"}</td>
                    <td>{dateTime(m.lastAttemptAt ?? m.createdAt)}</td>
                    <td>
                      <Form method="post">
                        <input type="hidden" name="intent" value="retry" />
                        <input type="hidden" name="id" value={m.id} />
                        <button type="submit" className="button button-small" disabled={busy} aria-label={t("ops.retryOne", { to: m.to, subject: m.subject })}>
                          {t("ops.retry")}
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableWrap>
        </>
      )}
    </>
  );
}
