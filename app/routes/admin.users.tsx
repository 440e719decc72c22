import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { json } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { readForm } from "~/lib/forms.server";
import { requireAdmin } from "~/lib/guards.server";
import { pageTitle } from "~/lib/meta";
import { useSite } from "~/hooks/use-site";
import { listUsers, setBan, setStaffRole } from "~/models/users.server";
import { TableWrap } from "~/components/table-wrap";
import { currentTime } from "~/lib/time.server";
import { userChangeSchema } from "~/lib/validation.server";
import { FilterForm } from "~/components/filter-form";

export async function loader(args: LoaderFunctionArgs) {
  requireAdmin(args);
  const q = new URL(args.request.url).searchParams.get("q") ?? "";
  return json({ users: await listUsers({ query: q }), q });
}

export const meta: MetaFunction = (args) => pageTitle(args, "admin.usersTitle");

export async function action(args: ActionFunctionArgs) {
  const admin = requireAdmin(args);
  const values = await readForm(args.request);
  // Each form names its intent; a post without one changes nothing.
  const parsed = userChangeSchema.safeParse(values);
  if (!parsed.success) return json({ ok: false as const, message: "errors.invalid" }, { status: 400 });
  const d = parsed.data;
  const result =
    d.intent === "role"
      ? await setStaffRole(admin.id, d.userId, d.makeStaff === "1", currentTime())
      : await setBan(admin.id, d.userId, d.intent === "ban", d.intent === "ban" ? d.reason || null : null, currentTime());
  if (!result.ok) {
    const message = result.reason === "admin" ? "admin.cannotChangeAdmin" : "errors.invalid";
    return json({ ok: false as const, message }, { status: result.reason === "admin" ? 409 : 404 });
  }
  if ("role" in result) return json({ ok: true as const, message: "admin.roleChanged", values: { name: result.displayName, role: result.role } });
  return json({ ok: true as const, message: "ban.done", values: { name: result.displayName } });
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
          {result.ok ? t(result.message, { ...result.values, role: "role" in result.values ? t(`roles.${result.values.role}`) : "" }) : t(result.message)}
        </p>
      ) : null}
      <FilterForm className="filters" role="search">
        <label>
          <span>{t("admin.search")}</span>
          <input type="search" name="q" defaultValue={q} />
        </label>
        <button type="submit" className="button">
          {t("common.filter")}
        </button>
      </FilterForm>
      {users.length === 0 ? (
        <p className="empty" role="status">
          {t("admin.noUsers", { q })}
        </p>
      ) : (
        <TableWrap label={t("admin.usersTitle")}>
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
                  <td>
                    {t(`roles.${u.role}`)}
                    {u.bannedAt ? <span className="badge status-reopened">{t("ban.banned")}</span> : null}
                  </td>
                  <td>{date(u.createdAt)}</td>
                  <td>
                    {u.role === "admin" ? null : (
                      <div className="row-actions">
                        <Form method="post">
                          <input type="hidden" name="intent" value="role" />
                          <input type="hidden" name="userId" value={u.id} />
                          <input type="hidden" name="makeStaff" value={u.role === "staff" ? "0" : "1"} />
                          <button type="submit" className="button button-small" disabled={busy}>
                            {u.role === "staff" ? t("admin.revokeStaff") : t("admin.makeStaff")}
                          </button>
                        </Form>
                        <Form method="post">
                          <input type="hidden" name="intent" value={u.bannedAt ? "unban" : "ban"} />
                          <input type="hidden" name="userId" value={u.id} />
                          {u.bannedAt ? null : (
                            <input type="text" name="reason" aria-label={t("ban.reason")} placeholder={t("ban.reason")} className="small-input" />
                          )}
                          <button type="submit" className="button button-small" disabled={busy}>
                            {u.bannedAt ? t("ban.unban") : t("ban.ban")}
                          </button>
                        </Form>
                      </div>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableWrap>
      )}
    </>
  );
}
