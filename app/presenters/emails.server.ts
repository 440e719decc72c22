// The words of each email, in the recipient's language. Bodies are plain text; the outbox
// adds the unsubscribe line to notifications when it queues them.
import type { MailCategory } from "~/lib/domain";
import { getEnv, publicUrl } from "~/lib/env.server";
import { formatDateTime } from "~/lib/format";
import { DEFAULT_LOCALE, i18nFor, isLocale, type Locale } from "~/lib/i18n";
import type { OutgoingMail } from "~/models/mail-outbox.server";

export function localeOf(v: string | null | undefined): Locale {
  return isLocale(v) ? v : DEFAULT_LOCALE;
}

function compose(
  locale: Locale,
  to: string,
  category: MailCategory,
  subjectKey: string,
  paragraphs: string[],
  values: Record<string, unknown>,
  opts: { name?: string; link?: string; dedupeKey?: string } = {},
): OutgoingMail {
  const t = i18nFor(locale).t;
  const lines: string[] = [];
  if (opts.name) lines.push(t("email.greeting", { name: opts.name }), "");
  for (const p of paragraphs) lines.push(p);
  if (opts.link) lines.push("", t("email.view", { url: opts.link }));
  lines.push("", t("email.signature", { company: t("site.company") }));
  return { to, category, subject: t(subjectKey, values), text: lines.join("\n"), locale, dedupeKey: opts.dedupeKey };
}

const when = (ms: number, locale: Locale) => formatDateTime(ms, locale, getEnv().SITE_TIME_ZONE);
const threadUrl = (id: number) => `${publicUrl()}/threads/${id}`;

type ThreadInfo = { id: number; title: string; projectName: string; createdAt: number };

export function acknowledgedEmail(a: {
  to: string;
  name: string;
  locale: Locale;
  thread: ThreadInfo;
  at: number;
  answerDeadline: number;
  note?: string | null;
}) {
  const t = i18nFor(a.locale).t;
  const paragraphs = [t("email.ackBody", { title: a.thread.title, at: when(a.at, a.locale), deadline: when(a.answerDeadline, a.locale) })];
  if (a.note) paragraphs.push("", t("email.ackNote", { note: a.note }));
  return compose(a.locale, a.to, "thread_updates", "email.ackSubject", paragraphs, { title: a.thread.title }, { name: a.name, link: threadUrl(a.thread.id) });
}

export function officialPostEmail(a: {
  to: string;
  name: string;
  locale: Locale;
  thread: ThreadInfo;
  at: number;
  kind: "progress" | "solution";
  promisedDate: string | null;
}) {
  const t = i18nFor(a.locale).t;
  const body =
    a.kind === "progress"
      ? t("email.progressBody", { title: a.thread.title, at: when(a.at, a.locale) })
      : a.promisedDate
        ? t("email.solutionPromisedBody", { title: a.thread.title, at: when(a.at, a.locale), date: a.promisedDate })
        : t("email.solutionDoneBody", { title: a.thread.title, at: when(a.at, a.locale) });
  return compose(
    a.locale,
    a.to,
    "thread_updates",
    a.kind === "progress" ? "email.progressSubject" : "email.answerSubject",
    [body],
    { title: a.thread.title },
    {
      name: a.name,
      link: threadUrl(a.thread.id),
    },
  );
}

export function promiseKeptEmail(a: { to: string; name: string; locale: Locale; thread: ThreadInfo; at: number; note: string }) {
  const t = i18nFor(a.locale).t;
  return compose(
    a.locale,
    a.to,
    "thread_updates",
    "email.promiseKeptSubject",
    [t("email.promiseKeptBody", { title: a.thread.title, at: when(a.at, a.locale), note: a.note })],
    { title: a.thread.title },
    {
      name: a.name,
      link: threadUrl(a.thread.id),
    },
  );
}

/** To headquarters: a regional company acknowledged a complaint and reports it (上报). Once per acknowledgement. */
export function hqReportEmail(a: { to: string; thread: ThreadInfo; at: number; note: string | null; clockId: number }) {
  const locale = DEFAULT_LOCALE;
  const t = i18nFor(locale).t;
  const values = { project: a.thread.projectName, title: a.thread.title, created: when(a.thread.createdAt, locale), at: when(a.at, locale) };
  const paragraphs = [t("email.hqReportBody", values)];
  if (a.note) paragraphs.push("", t("email.ackNote", { note: a.note }));
  return compose(locale, a.to, "hq_reports", "email.hqReportSubject", paragraphs, values, {
    link: threadUrl(a.thread.id),
    dedupeKey: `hq-report:${a.clockId}:${a.to.toLowerCase()}`,
  });
}

export function newThreadEmail(a: { to: string; thread: ThreadInfo; author: string; type: string; ackDeadline: number; answerDeadline: number }) {
  const locale = DEFAULT_LOCALE;
  const t = i18nFor(locale).t;
  const values = {
    project: a.thread.projectName,
    title: a.thread.title,
    author: a.author,
    type: t(`types.${a.type}`),
    at: when(a.thread.createdAt, locale),
    ack: when(a.ackDeadline, locale),
    answer: when(a.answerDeadline, locale),
  };
  return compose(locale, a.to, "new_threads", "email.newThreadSubject", [t("email.newThreadBody", values)], values, {
    link: threadUrl(a.thread.id),
    dedupeKey: `new-thread:${a.thread.id}`,
  });
}

const BREACH_WORDS = {
  ack: ["email.ackBreachSubject", "email.ackBreachBody"],
  answer: ["email.answerBreachSubject", "email.answerBreachBody"],
  promise: ["email.promiseBreachSubject", "email.promiseBreachBody"],
} as const;

/** A missed deadline, to headquarters and the regional company (督办). Once per breach and recipient. */
export function breachEmail(a: { to: string; kind: "ack" | "answer" | "promise"; clockId: number; thread: ThreadInfo; deadline: number; toldUnits: string }) {
  const locale = DEFAULT_LOCALE;
  const t = i18nFor(locale).t;
  const values = {
    project: a.thread.projectName,
    title: a.thread.title,
    created: when(a.thread.createdAt, locale),
    deadline: when(a.deadline, locale),
    told: a.toldUnits,
  };
  const [subject, body] = BREACH_WORDS[a.kind];
  return compose(locale, a.to, "escalations", subject, [t(body, values)], values, {
    link: threadUrl(a.thread.id),
    dedupeKey: `breach:${a.clockId}:${a.to.toLowerCase()}`,
  });
}

export function verifyEmailEmail(a: { to: string; name: string; locale: Locale; token: string }) {
  const t = i18nFor(a.locale).t;
  const url = `${publicUrl()}/verify-email?token=${a.token}`;
  return compose(a.locale, a.to, "account", "email.verifySubject", [t("email.verifyBody", { url })], {}, { name: a.name });
}

/** To the owner of an address someone tried to register again: no account is made, nothing is revealed to them. */
export function alreadyRegisteredEmail(a: { to: string; name: string; locale: Locale }) {
  const t = i18nFor(a.locale).t;
  const base = publicUrl();
  return compose(
    a.locale,
    a.to,
    "account",
    "email.alreadyRegisteredSubject",
    [t("email.alreadyRegisteredBody", { login: `${base}/login`, reset: `${base}/forgot-password` })],
    {},
    { name: a.name },
  );
}

export function passwordResetEmail(a: { to: string; name: string; locale: Locale; token: string }) {
  const t = i18nFor(a.locale).t;
  const url = `${publicUrl()}/reset-password?token=${a.token}`;
  return compose(a.locale, a.to, "account", "email.resetSubject", [t("email.resetBody", { url })], {}, { name: a.name });
}

export function disclosureEmail(a: { to: string; name: string; locale: Locale; project: { slug: string; name: string }; at: number }) {
  const t = i18nFor(a.locale).t;
  return compose(
    a.locale,
    a.to,
    "disclosures",
    "email.disclosureSubject",
    [t("email.disclosureBody", { project: a.project.name, at: when(a.at, a.locale) })],
    { project: a.project.name },
    { name: a.name, link: `${publicUrl()}/projects/${a.project.slug}/disclosures` },
  );
}

export function verdictReminderEmail(a: { to: string; name: string; locale: Locale; thread: ThreadInfo; deliveredAt: number }) {
  const t = i18nFor(a.locale).t;
  return compose(
    a.locale,
    a.to,
    "thread_updates",
    "email.verdictSubject",
    [t("email.verdictBody", { title: a.thread.title })],
    { title: a.thread.title },
    { name: a.name, link: threadUrl(a.thread.id), dedupeKey: `verdict-reminder:${a.thread.id}:${a.deliveredAt}` },
  );
}

/** The morning briefing of a unit (headquarters: every project), each complaint with its link. Once per day and address. */
export function briefingEmail(a: {
  to: string;
  unitName: string;
  isHq: boolean;
  day: string;
  sections: { key: string; total: number; items: { id: number; title: string; projectName: string; hidden: boolean }[] }[];
}) {
  const locale = DEFAULT_LOCALE;
  const t = i18nFor(locale).t;
  const paragraphs: string[] = [t(a.isHq ? "email.briefingIntroHq" : "email.briefingIntro", { unit: a.unitName, day: a.day })];
  for (const s of a.sections) {
    paragraphs.push("", t(`briefing.sections.${s.key}`, { count: s.total }));
    if (s.items.length === 0) paragraphs.push(t("briefing.none"));
    for (const i of s.items) paragraphs.push(`- [${i.projectName}] ${i.hidden ? `#${i.id}` : i.title}  ${threadUrl(i.id)}`);
    if (s.total > s.items.length) paragraphs.push(t("briefing.more", { count: s.total - s.items.length }));
  }
  return compose(
    locale,
    a.to,
    "briefings",
    "email.briefingSubject",
    paragraphs,
    { unit: a.unitName, day: a.day },
    {
      link: `${publicUrl()}/staff/briefing`,
      dedupeKey: `briefing:${a.unitName}:${a.day}:${a.to.toLowerCase()}`,
    },
  );
}
