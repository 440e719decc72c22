import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { readForm } from "~/lib/forms.server";
import { requireAdmin } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/lib/use-site";
import { listUsers, setStaffRole } from "~/models/users.server";

export async function loader(args: LoaderFunctionArgs) {
  requireAdmin(args);
  const q = new URL(args.request.url).searchParams.get("q") ?? "";
  return json({ users: listUsers({ query: q }), q });
}

export const meta: MetaFunction = (args) => pageTitle(args, "admin.usersTitle");

const roleChange = z.object({ userId: z.string().min(1), makeStaff: z.enum(["1", "0"]) });

export async function action(args: ActionFunctionArgs) {
  requireAdmin(args);
  const parsed = roleChange.safeParse(await readForm(args.request));
  if (!parsed.success) return json({ ok: false as const, message: "errors.invalid" }, { status: 400 });
  const result = setStaffRole(parsed.data.userId, parsed.data.makeStaff === "1");
  if (!result.ok) {
    const message = result.reason === "admin" ? "admin.cannotChangeAdmin" : "errors.invalid";
    return json({ ok: false as const, message }, { status: result.reason === "admin" ? 409 : 404 });
  }
  return json({ ok: true as const, name: result.displayName, role: result.role });
}

export default function AdminUsers() {
  const { users, q } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const { t, date } = useSite();
  const busy = useNavigation().state !== "idle";
  return (
    <>
      <h1>{t("admin.usersTitle")}</h1>
      <p>{t("admin.intro")}</p>
      {result ? (
        <p className={result.ok ? "notice" : "form-error"} role="status">
          {result.ok ? t("admin.roleChanged", { name: result.name, role: t(`roles.${result.role}`) }) : t(result.message)}
        </p>
      ) : null}
      <Form method="get" className="filters" role="search">
        <label>
          <span>{t("admin.search")}</span>
          <input type="search" name="q" defaultValue={q} />
        </label>
        <button type="submit" className="button">
          {t("common.filter")}
        </button>
      </Form>
      <div className="table-wrap">
        <table>
          <thead>
            <tr>
              <th scope="col">{t("admin.name")}</th>
              <th scope="col">{t("admin.email")}</th>
              <th scope="col">{t("admin.role")}</th>
              <th scope="col">{t("admin.joined")}</th>
              <th scope="col">
                <span className="visually-hidden">{t("admin.role")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr key={u.id}>
                <td>{u.displayName}</td>
                <td>{u.email}</td>
                <td>{t(`roles.${u.role}`)}</td>
                <td>{date(u.createdAt)}</td>
                <td>
                  {u.role === "admin" ? null : (
                    <Form method="post">
                      <input type="hidden" name="userId" value={u.id} />
                      <input type="hidden" name="makeStaff" value={u.role === "staff" ? "0" : "1"} />
                      <button type="submit" className="button button-small" disabled={busy}>
                        {u.role === "staff" ? t("admin.revokeStaff") : t("admin.makeStaff")}
                      </button>
                    </Form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
