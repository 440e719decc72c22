// The readable view of everything the site keeps about the signed-in user (/account/data).
import type { ReactNode } from "react";
import { Link } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { useSite } from "~/hooks/use-site";
import type { AccountData } from "~/lib/account-data";
import { LOCALE_NAMES, isLocale } from "~/lib/translate";

function Section({ id, title, hint, empty, children }: { id: string; title: string; hint?: string; empty: boolean; children: ReactNode }) {
  const { t } = useSite();
  return (
    <section aria-labelledby={`my-data-${id}`}>
      <h2 id={`my-data-${id}`}>{title}</h2>
      {hint ? <p className="field-hint">{hint}</p> : null}
      {empty ? <p className="muted">{t("myData.none")}</p> : children}
    </section>
  );
}

/** A definition list of label and value; an empty value shows as a dash. */
function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="thread-facts">
      {rows.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value ?? "—"}</dd>
        </div>
      ))}
    </dl>
  );
}

export function AccountDataView({ data }: { data: AccountData }) {
  const { t, dateTime } = useSite();
  const when = (ms: number | null) => (ms == null ? null : dateTime(ms));
  const a = data.account;
  return (
    <>
      <Section id="account" title={t("myData.sections.account")} empty={false}>
        <Facts
          rows={[
            [t("myData.email"), a.email],
            [t("myData.displayName"), a.displayName],
            [t("myData.role"), t(`roles.${a.role}`)],
            [t("myData.locale"), isLocale(a.locale) ? LOCALE_NAMES[a.locale] : t("myData.localeDefault")],
            [t("myData.createdAt"), when(a.createdAt)],
            [t("myData.emailVerifiedAt"), when(a.emailVerifiedAt) ?? t("myData.notYet")],
            ...(a.bannedAt != null
              ? ([
                  [t("myData.bannedAt"), when(a.bannedAt)],
                  [t("myData.banReason"), a.banReason],
                ] as [string, ReactNode][])
              : []),
          ]}
        />
      </Section>

      <Section id="projects" title={t("myData.sections.projects")} empty={data.projects.length === 0}>
        {data.projects.map(({ project, record, verifications }) => (
          <article key={project.id} className="card">
            <h3>
              <Link to={`/projects/${project.slug}`}>{project.name}</Link>
            </h3>
            {record ? (
              <Facts
                rows={[
                  [t("myData.building"), record.building],
                  [t("myData.unit"), record.unit],
                  [t("myData.phone"), record.phone],
                  [t("myData.purchaseDate"), record.purchaseDate],
                  [t("myData.pseudonym"), record.pseudonym],
                  [t("myData.verifiedAt"), when(record.verifiedAt) ?? t("myData.notYet")],
                  [t("myData.registerSignedOn"), record.registerSignedOn],
                ]}
              />
            ) : (
              <p className="muted">{t("myData.noRecord")}</p>
            )}
            {verifications.length > 0 ? (
              <TableWrap label={t("myData.verifications")}>
                <table>
                  <caption>{t("myData.verifications")}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("myData.requestedAt")}</th>
                      <th scope="col">{t("myData.contractNumber")}</th>
                      <th scope="col">{t("myData.status")}</th>
                      <th scope="col">{t("myData.reason")}</th>
                      <th scope="col">{t("myData.decidedAt")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {verifications.map((v) => (
                      <tr key={v.id}>
                        <td>{dateTime(v.requestedAt)}</td>
                        <td>{v.contractNumber ?? `…${v.contractLast4}`}</td>
                        <td>{t(`myData.verificationStatuses.${v.status}`)}</td>
                        <td>{v.reason ?? "—"}</td>
                        <td>{when(v.decidedAt) ?? "—"}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </TableWrap>
            ) : null}
          </article>
        ))}
      </Section>

      <Section id="threads" title={t("myData.sections.threads")} empty={data.threads.length === 0}>
        <ul>
          {data.threads.map((th) => (
            <li key={th.id}>
              <Link to={`/threads/${th.id}`}>{th.title}</Link> · {th.projectName} · {t(`types.${th.complaintType}`)} · {t(`statuses.${th.status}`)} ·{" "}
              {dateTime(th.createdAt)}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="posts" title={t("myData.sections.posts")} empty={data.posts.length === 0}>
        {data.posts.map((p) => (
          <article key={p.id} className="card">
            <p className="post-meta">
              {t(`myData.postKinds.${p.kind}`)} · <Link to={`/threads/${p.threadId}#post-${p.id}`}>{p.threadTitle}</Link> · {dateTime(p.createdAt)}
              {p.hiddenAt != null ? <span className="badge status-reopened">{t("myData.hidden")}</span> : null}
            </p>
            <pre className="revision-body">{p.body}</pre>
            {p.versions.length > 1 ? (
              <details>
                <summary>{t("myData.versions", { count: p.versions.length })}</summary>
                {p.versions.map((v, i) => (
                  <div key={i}>
                    <p className="muted">{t("myData.version", { n: i + 1, at: dateTime(v.createdAt) })}</p>
                    <pre className="revision-body">{v.body}</pre>
                  </div>
                ))}
              </details>
            ) : null}
          </article>
        ))}
      </Section>

      <Section id="photos" title={t("myData.sections.photos")} empty={data.photos.length === 0}>
        <ul>
          {data.photos.map((p) => (
            <li key={p.id}>
              {p.url ? <a href={p.url}>{t("myData.openPhoto", { id: p.id })}</a> : `#${p.id} (${t("myData.removed")})`}
              {p.caption ? ` · ${p.caption}` : null} · {dateTime(p.createdAt)}
              {p.hiddenAt != null ? ` · ${t("myData.hidden")}` : null}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="ratings" title={t("myData.sections.ratings")} empty={data.ratings.length === 0}>
        <ul>
          {data.ratings.map((r, i) => (
            <li key={i}>
              <Link to={`/threads/${r.threadId}`}>{r.threadTitle}</Link> ·{" "}
              {t("myData.scores", { overall: r.overall ?? "—", attitude: r.attitude, speed: r.speed, result: r.result })} · {dateTime(r.createdAt)}
              {r.comment ? <blockquote>{r.comment}</blockquote> : null}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="flags" title={t("myData.sections.flags")} empty={data.flags.length + data.photoFlags.length === 0}>
        <ul>
          {data.flags.map((f) => (
            <li key={`post-${f.postId}`}>
              <Link to={`/threads/${f.threadId}#post-${f.postId}`}>#{f.postId}</Link> · {t(`flags.reasons.${f.reason}`)} · {dateTime(f.createdAt)}
            </li>
          ))}
          {data.photoFlags.map((f) => (
            <li key={`photo-${f.photoId}`}>
              {t("myData.openPhoto", { id: f.photoId })} · {t(`flags.reasons.${f.reason}`)} · {dateTime(f.createdAt)}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="metoos" title={t("myData.sections.meToos")} empty={data.meToos.length === 0}>
        <ul>
          {data.meToos.map((m) => (
            <li key={m.threadId}>
              <Link to={`/threads/${m.threadId}`}>{m.threadTitle}</Link> · {dateTime(m.createdAt)}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="subscriptions" title={t("myData.sections.subscriptions")} empty={data.disclosureSubscriptions.length === 0}>
        <ul>
          {data.disclosureSubscriptions.map((s) => (
            <li key={s.projectId}>
              {s.projectName} · {dateTime(s.createdAt)}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="unsubscribes" title={t("myData.sections.unsubscribes")} empty={data.emailUnsubscribes.length === 0}>
        <ul>
          {data.emailUnsubscribes.map((u) => (
            <li key={u.category}>
              {t(`notifications.categories.${u.category}`)} · {dateTime(u.createdAt)}
            </li>
          ))}
        </ul>
      </Section>

      <Section id="emails" title={t("myData.sections.emails")} hint={t("myData.emailsHint")} empty={data.emails.length === 0}>
        {data.emails.map((m) => (
          <details key={m.id}>
            <summary>
              {dateTime(m.createdAt)} · {t(`notifications.categories.${m.category}`)} · {m.subject} · {t(`myData.mailStatuses.${m.status}`)}
            </summary>
            <pre className="revision-body">{m.text}</pre>
          </details>
        ))}
      </Section>

      <Section id="sessions" title={t("myData.sections.sessions")} empty={data.sessions.length === 0}>
        <ul>
          {data.sessions.map((s, i) => (
            <li key={i}>{t("myData.expiresAt", { at: dateTime(s.expiresAt) })}</li>
          ))}
        </ul>
      </Section>

      <Section id="tokens" title={t("myData.sections.tokens")} empty={data.authTokens.length === 0}>
        <ul>
          {data.authTokens.map((tk, i) => (
            <li key={i}>
              {t(`myData.tokenPurposes.${tk.purpose}`)} · {dateTime(tk.createdAt)} · {tk.usedAt != null ? t("myData.used") : t("myData.unused")} ·{" "}
              {t("myData.expiresAt", { at: dateTime(tk.expiresAt) })}
            </li>
          ))}
        </ul>
      </Section>
    </>
  );
}
