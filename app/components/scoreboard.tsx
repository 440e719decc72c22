// The public scoreboard: headline figures, tables by project and type, and two SVG charts.
import { Link } from "@remix-run/react";
import { formatDuration } from "~/lib/clock";
import { PERIODS, type Period } from "~/lib/periods";
import { useSite } from "~/hooks/use-site";
import { TableWrap } from "~/components/table-wrap";

/** The figures a scoreboard shows: rates from 0 to 1 and times in milliseconds, null when there is nothing to measure. */
export type MetricsView = {
  threads: number;
  replyRate: number | null;
  ackOnTimeRate: number | null;
  answerOnTimeRate: number | null;
  promiseKeptRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  validRate: number | null;
  medianFirstReplyMs: number | null;
  p90FirstReplyMs: number | null;
};

export function usePct() {
  const { t } = useSite();
  return (v: number | null) => (v == null ? t("stats.none") : `${Math.round(v * 1000) / 10}%`);
}

export function PeriodTabs({ period, hrefFor }: { period: Period; hrefFor: (period: Period) => string }) {
  const { t } = useSite();
  return (
    <nav className="chips" aria-label={t("stats.period")}>
      {PERIODS.map((p) => (
        <Link
          key={p}
          to={hrefFor(p)}
          className={p === period ? "chip chip-active" : "chip"}
          aria-current={p === period ? "page" : undefined}
          preventScrollReset
        >
          {t(`stats.periods.${p}`)}
        </Link>
      ))}
    </nav>
  );
}

export function Headline({ m }: { m: MetricsView }) {
  const { t, locale } = useSite();
  const pct = usePct();
  const dur = (v: number | null) => (v == null ? t("stats.none") : formatDuration(v, locale));
  const cards: [string, string, string][] = [
    ["threads", t("stats.threads"), String(m.threads)],
    ["replyRate", t("stats.replyRate"), pct(m.replyRate)],
    ["ackOnTime", t("stats.ackOnTime"), pct(m.ackOnTimeRate)],
    ["answerOnTime", t("stats.answerOnTime"), pct(m.answerOnTimeRate)],
    ["promiseKept", t("stats.promiseKept"), pct(m.promiseKeptRate)],
    ["median", t("stats.median"), dur(m.medianFirstReplyMs)],
    ["p90", t("stats.p90"), dur(m.p90FirstReplyMs)],
    ["resolution", t("stats.resolution"), pct(m.resolutionRate)],
    ["satisfaction", t("stats.satisfaction"), pct(m.satisfactionRate)],
    ["validShare", t("stats.validShare"), pct(m.validRate)],
  ];
  return (
    <dl className="stat-cards">
      {cards.map(([key, label, value]) => (
        <div key={key} className="stat-card" data-stat={key}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function MetricsTable({
  rows,
  first,
  label,
}: {
  rows: { key: string; label: React.ReactNode; rank?: number | null; metrics: MetricsView }[];
  first: string;
  label: string;
}) {
  const { t, locale } = useSite();
  const pct = usePct();
  const dur = (v: number | null) => (v == null ? t("stats.none") : formatDuration(v, locale));
  const ranked = rows.some((r) => r.rank !== undefined);
  return (
    <TableWrap label={label}>
      <table className="stats-table">
        <thead>
          <tr>
            {ranked ? <th scope="col">{t("stats.rank")}</th> : null}
            <th scope="col">{first}</th>
            <th scope="col">{t("stats.threads")}</th>
            <th scope="col">{t("stats.replyRate")}</th>
            <th scope="col">{t("stats.ackOnTime")}</th>
            <th scope="col">{t("stats.answerOnTime")}</th>
            <th scope="col">{t("stats.promiseKept")}</th>
            <th scope="col">{t("stats.median")}</th>
            <th scope="col">{t("stats.p90")}</th>
            <th scope="col">{t("stats.resolution")}</th>
            <th scope="col">{t("stats.satisfaction")}</th>
            <th scope="col">{t("stats.validShare")}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key} data-row={r.key}>
              {ranked ? <td>{r.rank ?? <span className="muted">{t("stats.notRanked")}</span>}</td> : null}
              <th scope="row">{r.label}</th>
              <td>{r.metrics.threads}</td>
              <td>{pct(r.metrics.replyRate)}</td>
              <td>{pct(r.metrics.ackOnTimeRate)}</td>
              <td data-cell="answerOnTime">{pct(r.metrics.answerOnTimeRate)}</td>
              <td data-cell="promiseKept">{pct(r.metrics.promiseKeptRate)}</td>
              <td>{dur(r.metrics.medianFirstReplyMs)}</td>
              <td>{dur(r.metrics.p90FirstReplyMs)}</td>
              <td>{pct(r.metrics.resolutionRate)}</td>
              <td data-cell="satisfaction">{pct(r.metrics.satisfactionRate)}</td>
              <td>{pct(r.metrics.validRate)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableWrap>
  );
}

type Month = { key: string; threads: number; answerOnTimeRate: number | null };

/** Two small server-drawn charts: monthly volume (bars) and on-time answers (line). */
export function MonthlyCharts({ series, idPrefix = "chart" }: { series: Month[]; idPrefix?: string }) {
  const { t } = useSite();
  const pct = usePct();
  const W = 480;
  const H = 160;
  const pad = { l: 30, r: 8, t: 10, b: 26 };
  const innerW = W - pad.l - pad.r;
  const innerH = H - pad.t - pad.b;
  const step = innerW / series.length;
  const max = Math.max(1, ...series.map((s) => s.threads));
  const x = (i: number) => pad.l + step * i + step / 2;
  const label = (key: string) => key.slice(5);
  const line = series
    .map((s, i) => (s.answerOnTimeRate == null ? null : `${x(i)},${pad.t + innerH * (1 - s.answerOnTimeRate)}`))
    .filter(Boolean)
    .join(" ");
  return (
    <div className="charts">
      <figure>
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${idPrefix}-v-title ${idPrefix}-v-desc`}>
          <title id={`${idPrefix}-v-title`}>{t("stats.volumeChart")}</title>
          <desc id={`${idPrefix}-v-desc`}>{t("stats.chartDesc", { list: series.map((s) => `${s.key}: ${s.threads}`).join(", ") })}</desc>
          <line x1={pad.l} y1={pad.t + innerH} x2={W - pad.r} y2={pad.t + innerH} stroke="#9aa3b2" />
          <text x={pad.l - 4} y={pad.t + 8} textAnchor="end" className="chart-axis">
            {max}
          </text>
          {series.map((s, i) => {
            const h = (s.threads / max) * innerH;
            return (
              <g key={s.key}>
                <rect x={x(i) - step * 0.35} y={pad.t + innerH - h} width={step * 0.7} height={h} fill="#1b3f99" />
                <text x={x(i)} y={H - 8} textAnchor="middle" className="chart-axis">
                  {label(s.key)}
                </text>
              </g>
            );
          })}
        </svg>
        <figcaption>{t("stats.volumeChart")}</figcaption>
      </figure>
      <figure>
        <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-labelledby={`${idPrefix}-o-title ${idPrefix}-o-desc`}>
          <title id={`${idPrefix}-o-title`}>{t("stats.onTimeChart")}</title>
          <desc id={`${idPrefix}-o-desc`}>{t("stats.chartDesc", { list: series.map((s) => `${s.key}: ${pct(s.answerOnTimeRate)}`).join(", ") })}</desc>
          {[0, 0.5, 1].map((v) => (
            <g key={v}>
              <line x1={pad.l} y1={pad.t + innerH * (1 - v)} x2={W - pad.r} y2={pad.t + innerH * (1 - v)} stroke="#e1e5ec" />
              <text x={pad.l - 4} y={pad.t + innerH * (1 - v) + 4} textAnchor="end" className="chart-axis">
                {v * 100}%
              </text>
            </g>
          ))}
          <polyline points={line} fill="none" stroke="#146c2e" strokeWidth="2" />
          {series.map((s, i) =>
            s.answerOnTimeRate == null ? null : <circle key={s.key} cx={x(i)} cy={pad.t + innerH * (1 - s.answerOnTimeRate)} r="3" fill="#146c2e" />,
          )}
          {series.map((s, i) => (
            <text key={s.key} x={x(i)} y={H - 8} textAnchor="middle" className="chart-axis">
              {label(s.key)}
            </text>
          ))}
        </svg>
        <figcaption>{t("stats.onTimeChart")}</figcaption>
      </figure>
    </div>
  );
}
