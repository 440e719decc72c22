// Nearby negative factors (不利因素): their vocabulary, their place on the diagram, and what
// changed between two versions. Pure and browser-safe.

export const FACTOR_TYPES = [
  "railway",
  "road",
  "airport",
  "power",
  "waste",
  "industry",
  "commercial_noise",
  "school_hospital",
  "cemetery",
  "abandoned_building",
  "planned_construction",
  "light_blockage",
  "other",
] as const;
export type FactorType = (typeof FACTOR_TYPES)[number];

/** Eight compass points, clockwise from north. */
export const DIRECTIONS = ["N", "NE", "E", "SE", "S", "SW", "W", "NW"] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** The register covers what lies within 1 km of the red line. */
export const REGISTER_RADIUS_M = 1000;

export const FACTOR_COLORS: Record<FactorType, string> = {
  railway: "#7a3e9d",
  road: "#5b6475",
  airport: "#1f4fbf",
  power: "#c2410c",
  waste: "#6b7d1f",
  industry: "#8f1c13",
  commercial_noise: "#b45309",
  school_hospital: "#0f766e",
  cemetery: "#374151",
  abandoned_building: "#92400e",
  planned_construction: "#a16207",
  light_blockage: "#0e7490",
  other: "#4b5563",
};

export function directionAngle(d: Direction): number {
  return DIRECTIONS.indexOf(d) * 45;
}

/** The diagram's geometry: the project at the centre, rings at 500 m and 1 km. */
export const DIAGRAM = { size: 440, center: 220, projectRadius: 34, registerRadius: 180, outsideRadius: 198 } as const;

export function radiusFor(distanceM: number) {
  if (distanceM > REGISTER_RADIUS_M) return DIAGRAM.outsideRadius;
  const d = Math.max(0, distanceM);
  return DIAGRAM.projectRadius + (d / REGISTER_RADIUS_M) * (DIAGRAM.registerRadius - DIAGRAM.projectRadius);
}

/** Where a factor goes: x grows to the east, y to the south (SVG), north is up. */
export function placeFactor(direction: Direction, distanceM: number) {
  const angle = directionAngle(direction);
  const r = radiusFor(distanceM);
  const rad = (angle * Math.PI) / 180;
  return {
    angle,
    r,
    x: DIAGRAM.center + r * Math.sin(rad),
    y: DIAGRAM.center - r * Math.cos(rad),
    outside: distanceM > REGISTER_RADIUS_M,
  };
}

/** A register's version date: its latest publication among the factors it shows; none for an empty register. */
export function registerVersionAt(factors: readonly { publishedAt: number }[]): number | null {
  return factors.length ? Math.max(...factors.map((f) => f.publishedAt)) : null;
}

export type FactorFields = {
  factorType: string;
  title: string;
  impact: string;
  direction: string;
  distanceM: number;
  mitigation: string | null;
  sourceNote: string | null;
};

export type FactorChange =
  | { kind: "added"; title: string }
  | { kind: "withdrawn"; title: string; reason: string }
  | { kind: "changed"; title: string; field: keyof FactorFields; from: string | number | null; to: string | number | null };

const COMPARED: (keyof FactorFields)[] = ["factorType", "title", "direction", "distanceM", "impact", "mitigation", "sourceNote"];

/** What a newly published version changed compared with the one before it. */
export function diffVersions(prev: FactorFields | null, next: FactorFields & { action: string; withdrawReason: string | null }): FactorChange[] {
  if (next.action === "withdraw") return [{ kind: "withdrawn", title: next.title, reason: next.withdrawReason ?? "" }];
  if (!prev) return [{ kind: "added", title: next.title }];
  return COMPARED.filter((f) => (prev[f] ?? null) !== (next[f] ?? null)).map((field) => ({
    kind: "changed" as const,
    title: next.title,
    field,
    from: prev[field] ?? null,
    to: next[field] ?? null,
  }));
}
