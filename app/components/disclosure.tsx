// The public face of a project's disclosures: the diagram, the list by type, the history.
import {
  DIAGRAM,
  FACTOR_COLORS,
  FACTOR_TYPES,
  placeFactor,
  REGISTER_RADIUS_M,
  radiusFor,
  type Direction,
  type FactorChange,
  type FactorFields,
  type FactorType,
} from "~/lib/disclosure";
import { changeText, locationText } from "~/lib/disclosure-text";
import { toIso } from "~/lib/format";
import { useSite } from "~/hooks/use-site";

const colorOf = (type: string) => FACTOR_COLORS[(FACTOR_TYPES as readonly string[]).includes(type) ? (type as FactorType) : "other"];

type Placed = FactorFields & { factorId: number };

export function DisclosureDiagram({ factors, idPrefix = "diagram" }: { factors: Placed[]; idPrefix?: string }) {
  const { t } = useSite();
  const { size, center, projectRadius } = DIAGRAM;
  const list = factors.map((f, i) => `${i + 1}. ${f.title} (${locationText(t, f.direction, f.distanceM)})`).join("; ");
  const types = FACTOR_TYPES.filter((type) => factors.some((f) => f.factorType === type));
  return (
    <figure className="diagram">
      <svg viewBox={`0 0 ${size} ${size}`} role="img" aria-labelledby={`${idPrefix}-title ${idPrefix}-desc`} className="diagram-svg">
        <title id={`${idPrefix}-title`}>{t("disclosure.diagramTitle")}</title>
        <desc id={`${idPrefix}-desc`}>{t("disclosure.diagramDesc", { count: factors.length, list: list || "—" })}</desc>
        <rect x="0" y="0" width={size} height={size} fill="#fbfcfd" />
        <circle cx={center} cy={center} r={radiusFor(REGISTER_RADIUS_M)} fill="none" stroke="#9aa3b2" strokeDasharray="6 4" />
        <circle cx={center} cy={center} r={radiusFor(500)} fill="none" stroke="#c5cbd5" strokeDasharray="4 4" />
        <text x={center + 4} y={center - radiusFor(500) + 14} className="diagram-ring">
          {t("disclosure.ring500")}
        </text>
        <text x={center + 4} y={center - radiusFor(REGISTER_RADIUS_M) + 14} className="diagram-ring">
          {t("disclosure.ring1000")}
        </text>
        <line x1={center} y1={center - projectRadius} x2={center} y2={8} stroke="#e1e5ec" />
        <line x1={center} y1={center + projectRadius} x2={center} y2={size - 8} stroke="#e1e5ec" />
        <line x1={center - projectRadius} y1={center} x2={8} y2={center} stroke="#e1e5ec" />
        <line x1={center + projectRadius} y1={center} x2={size - 8} y2={center} stroke="#e1e5ec" />
        <text x={center} y={16} textAnchor="middle" className="diagram-north">
          ▲ {t("disclosure.north")}
        </text>
        <rect
          x={center - projectRadius * 0.7}
          y={center - projectRadius * 0.7}
          width={projectRadius * 1.4}
          height={projectRadius * 1.4}
          rx="4"
          fill="#fde7e5"
          stroke="#b42318"
          strokeWidth="2"
        />
        <text x={center} y={center + 4} textAnchor="middle" className="diagram-project">
          {t("disclosure.project")}
        </text>
        {factors.map((f, i) => {
          const p = placeFactor(f.direction as Direction, f.distanceM);
          const right = p.x >= center;
          // Factors in the same direction alternate their labels above and below the marker.
          const sameBefore = factors.slice(0, i).filter((o) => o.direction === f.direction).length;
          const dy = sameBefore % 2 === 0 ? 4 : 18;
          return (
            <g key={f.factorId} data-factor={f.factorId} data-direction={f.direction} data-distance={f.distanceM} data-outside={p.outside || undefined}>
              <circle cx={p.x} cy={p.y} r="10" fill={colorOf(f.factorType)} stroke="#fff" strokeWidth="2" />
              <text x={p.x} y={p.y + 4} textAnchor="middle" className="diagram-number">
                {i + 1}
              </text>
              <text x={right ? p.x + 14 : p.x - 14} y={p.y + dy} textAnchor={right ? "start" : "end"} className="diagram-label">
                {f.title.length > 12 ? `${f.title.slice(0, 12)}…` : f.title}
              </text>
            </g>
          );
        })}
      </svg>
      {types.length ? (
        <figcaption>
          <span className="visually-hidden">{t("disclosure.legend")}: </span>
          <ul className="diagram-legend">
            {types.map((type) => (
              <li key={type}>
                <span className="swatch" style={{ background: colorOf(type) }} aria-hidden="true" />
                {t(`disclosure.types.${type}`)}
              </li>
            ))}
          </ul>
        </figcaption>
      ) : null}
    </figure>
  );
}

type Listed = Placed & { publishedAt: number; firstPublishedAt: number; versionId: number };

/** When a factor was first disclosed and, if revised since, when its current version was. */
export function FactorDates({ factor: f }: { factor: { publishedAt: number; firstPublishedAt: number } }) {
  const { t, date } = useSite();
  return (
    <>
      <time dateTime={toIso(f.firstPublishedAt)}>{t("disclosure.since", { date: date(f.firstPublishedAt) })}</time>
      {f.publishedAt !== f.firstPublishedAt ? (
        <>
          {" · "}
          <time dateTime={toIso(f.publishedAt)}>{t("disclosure.updated", { date: date(f.publishedAt) })}</time>
        </>
      ) : null}
    </>
  );
}

export function FactorList({ factors }: { factors: Listed[] }) {
  const { t } = useSite();
  const types = FACTOR_TYPES.filter((type) => factors.some((f) => f.factorType === type));
  return (
    <div className="factor-groups">
      {types.map((type) => (
        <section key={type} aria-labelledby={`type-${type}`}>
          <h3 id={`type-${type}`}>
            <span className="swatch" style={{ background: colorOf(type) }} aria-hidden="true" /> {t(`disclosure.types.${type}`)}
          </h3>
          <ul className="factor-list">
            {factors
              .filter((f) => f.factorType === type)
              .map((f) => (
                <li key={f.factorId} id={`factor-${f.factorId}`} data-factor={f.factorId}>
                  <p className="factor-head">
                    <span className="factor-number">{factors.indexOf(f) + 1}</span>
                    <strong>{f.title}</strong> <span className="factor-location">{locationText(t, f.direction, f.distanceM)}</span>
                  </p>
                  <p>{f.impact}</p>
                  {f.mitigation ? <p className="muted">{t("disclosure.mitigation", { text: f.mitigation })}</p> : null}
                  {f.sourceNote ? <p className="muted">{t("disclosure.source", { text: f.sourceNote })}</p> : null}
                  <p className="muted">
                    <FactorDates factor={f} />
                  </p>
                </li>
              ))}
          </ul>
        </section>
      ))}
    </div>
  );
}

export function DisclosureHistory({ entries }: { entries: { versionId: number; publishedAt: number; changes: FactorChange[] }[] }) {
  const { t, date } = useSite();
  if (entries.length === 0) return <p className="empty">{t("disclosure.noHistory")}</p>;
  return (
    <ol className="disclosure-history">
      {entries.map((e) => (
        <li key={e.versionId} data-version={e.versionId}>
          <time dateTime={toIso(e.publishedAt)}>{date(e.publishedAt)}</time>
          <ul>
            {e.changes.map((c, i) => (
              <li key={i} data-change={c.kind === "changed" ? c.field : c.kind}>
                {changeText(t, c)}
              </li>
            ))}
          </ul>
        </li>
      ))}
    </ol>
  );
}
