// The read model of the briefing page: a unit's briefing for today, and the units to switch to.
import { getEnv } from "~/lib/env.server";
import { localDayKey } from "~/lib/periods";
import { briefingFor } from "../briefing.server";
import { listUnits, staffUnitOf } from "../org.server";

export async function briefingPage(staff: { id: string }, unitSlug: string | null, now: number) {
  const units = await listUnits();
  const unit = (unitSlug ? units.find((u) => u.slug === unitSlug) : undefined) ?? (await staffUnitOf(staff.id));
  return { unit, units, day: localDayKey(now, getEnv().SITE_TIME_ZONE), sections: await briefingFor(unit, now), now };
}
