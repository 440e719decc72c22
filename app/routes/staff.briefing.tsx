// /staff/briefing : the morning briefing of the staff member's unit (headquarters: every
// project), as it is emailed at 08:00; ?unit=slug shows another unit's.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useSite } from "~/hooks/use-site";
import { requireStaff } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { briefingPage } from "~/models/pages/briefing.server";
import { currentTime } from "~/lib/time.server";

export async function loader(args: LoaderFunctionArgs) {
  const staff = requireStaff(args);
  const slug = new URL(args.request.url).searchParams.get("unit");
  return json(await briefingPage(staff, slug, currentTime()));
}

export const meta: MetaFunction = (args) => pageTitle(args, "briefing.title");

export default function Briefing() {
  const { unit, units, day, sections } = useLoaderData<typeof loader>();
  const { t, dateTime, day: formatDay } = useSite();
  return (
    <>
      <h1>{t("briefing.title")}</h1>
      <p>{t("briefing.intro", { unit: unit.name, day: formatDay(day) })}</p>
      <nav className="chips" aria-label={t("org.company")}>
        {units.map((u) => (
          <Link
            key={u.id}
            to={`/staff/briefing?unit=${u.slug}`}
            className={u.id === unit.id ? "chip chip-active" : "chip"}
            aria-current={u.id === unit.id ? "page" : undefined}
          >
            {u.name}
          </Link>
        ))}
      </nav>
      {sections.map((s) => (
        <section key={s.key} aria-labelledby={`briefing-${s.key}`} data-section={s.key}>
          <h2 id={`briefing-${s.key}`}>{t(`briefing.sections.${s.key}`, { count: s.total })}</h2>
          {s.items.length === 0 ? (
            <p className="empty">{t("briefing.none")}</p>
          ) : (
            <ul>
              {s.items.map((i) => (
                <li key={i.id}>
                  <Link to={`/staff/threads/${i.id}`}>
                    #{i.id} {i.title}
                  </Link>{" "}
                  <span className="muted">
                    {i.projectName}
                    {i.deadline ? ` · ${t("clock.deadline", { at: dateTime(i.deadline) })}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          )}
          {s.total > s.items.length ? <p className="muted">{t("briefing.more", { count: s.total - s.items.length })}</p> : null}
        </section>
      ))}
    </>
  );
}
