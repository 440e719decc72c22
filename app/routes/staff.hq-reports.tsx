// /staff/hq-reports : 上报总部, the reports of acknowledged complaints headquarters has received.
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { TableWrap } from "~/components/table-wrap";
import { HolderBadge, StatusBadge } from "~/components/badges";
import { Pagination } from "~/components/thread-list";
import { useSite } from "~/hooks/use-site";
import { requireStaff } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { listHqReports } from "~/models/org.server";

export async function loader(args: LoaderFunctionArgs) {
  requireStaff(args);
  const page = Number.parseInt(new URL(args.request.url).searchParams.get("page") ?? "1", 10);
  return json(await listHqReports(Number.isFinite(page) && page > 0 ? page : 1));
}

export const meta: MetaFunction = (args) => pageTitle(args, "hqReports.title");

export default function HqReports() {
  const { rows, page, pages } = useLoaderData<typeof loader>();
  const { t, dateTime } = useSite();
  return (
    <>
      <h1>{t("hqReports.title")}</h1>
      <p>{t("hqReports.intro")}</p>
      {rows.length === 0 ? (
        <p className="empty">{t("hqReports.empty")}</p>
      ) : (
        <TableWrap label={t("hqReports.title")}>
          <table className="stats-table">
            <thead>
              <tr>
                <th scope="col">{t("hqReports.at")}</th>
                <th scope="col">{t("hqReports.thread")}</th>
                <th scope="col">{t("hqReports.unit")}</th>
                <th scope="col">{t("hqReports.by")}</th>
                <th scope="col">{t("hqReports.note")}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} data-report={r.threadId}>
                  <td>{dateTime(r.createdAt)}</td>
                  <th scope="row">
                    <Link to={`/staff/threads/${r.threadId}`}>
                      #{r.threadId} {r.title}
                    </Link>{" "}
                    <span className="muted">{r.projectName}</span> <StatusBadge status={r.status} /> <HolderBadge holder={r.holder} />
                  </th>
                  <td>{r.unitName ?? t("stats.noCompany")}</td>
                  <td>{r.staffName}</td>
                  <td>{r.note ?? ""}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
      <Pagination page={page} pages={pages} hrefFor={(p) => `/staff/hq-reports?page=${p}`} />
    </>
  );
}
