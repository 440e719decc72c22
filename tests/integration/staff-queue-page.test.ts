// The staff queue's filters: the "assigned to me" chip and the assignee menu say the same thing,
// so that submitting the menu never drops the chip's filter.
import { beforeAll, describe, expect, it } from "vitest";
import * as queueRoute from "../../app/routes/staff._index";
import { makeUser } from "../support/factories";
import { renderPage } from "../support/render";

let me: Awaited<ReturnType<typeof makeUser>>;
let colleague: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  me = await makeUser("staff", { displayName: "值班客服甲" });
  colleague = await makeUser("staff", { displayName: "值班客服乙" });
});

/** The assignee menu's options: [value, selected]. */
async function assigneeMenu(query: string) {
  const { html } = await renderPage(queueRoute, "/staff", `/staff${query}`, { user: me });
  const menu = html.match(/<select name="assignee"[^>]*>([\s\S]*?)<\/select>/)![1]!;
  return [...menu.matchAll(/<option value="([^"]*)"( selected="")?/g)].map((m) => [m[1], !!m[2]] as const);
}

describe("the staff queue's assignee menu", () => {
  it("shows the chip's filter, assigned to me, as chosen", async () => {
    const options = await assigneeMenu("?assignee=me");
    expect(options.filter(([, selected]) => selected)).toEqual([["me", true]]);
    // One's own name is that same choice; a colleague's is their id.
    expect(options.map(([value]) => value)).not.toContain(me.id);
    expect(options.map(([value]) => value)).toContain(colleague.id);
  });

  it("shows one's own id in the address as that same choice", async () => {
    expect((await assigneeMenu(`?assignee=${me.id}`)).filter(([, selected]) => selected)).toEqual([["me", true]]);
    expect((await assigneeMenu(`?assignee=${colleague.id}`)).filter(([, selected]) => selected)).toEqual([[colleague.id, true]]);
    expect((await assigneeMenu("")).filter(([, selected]) => selected)).toEqual([["", true]]);
  });
});
