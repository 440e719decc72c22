// Words for a factor's place and for what a version changed, shared by pages and feeds.
import { REGISTER_RADIUS_M, type FactorChange, type FactorFields } from "./disclosure";

type T = (k: string, v?: Record<string, unknown>) => string;

export function locationText(t: T, direction: string, distanceM: number) {
  const text = t("disclosure.location", { dir: t(`disclosure.directions.${direction}`), m: distanceM });
  return distanceM > REGISTER_RADIUS_M ? t("disclosure.locationOutside", { location: text }) : text;
}

function valueText(t: T, field: keyof FactorFields, v: string | number | null) {
  if (v == null || v === "") return "—";
  if (field === "distanceM") return t("disclosure.meters", { m: v });
  if (field === "direction") return t(`disclosure.directions.${v}`);
  if (field === "factorType") return t(`disclosure.types.${v}`);
  const s = String(v);
  return s.length > 40 ? `${s.slice(0, 40)}…` : s;
}

export function changeText(t: T, c: FactorChange) {
  if (c.kind === "added") return t("disclosure.added", { title: c.title });
  if (c.kind === "withdrawn") return t("disclosure.withdrawn", { title: c.title, reason: c.reason });
  return t("disclosure.changed", {
    title: c.title,
    field: t(`disclosure.fields.${c.field}`),
    from: valueText(t, c.field, c.from),
    to: valueText(t, c.field, c.to),
  });
}
