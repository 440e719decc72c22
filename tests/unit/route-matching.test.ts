// patches/@remix-run+router: the ranked routes are kept with their array and compiled
// patterns are kept by their text. Matching must still see routes added later, as lazy
// route discovery adds them in the browser.
import { matchPath, matchRoutes, type AgnosticRouteObject as RouteObject } from "@remix-run/router";
import { describe, expect, it } from "vitest";

const ids = (routes: RouteObject[], path: string) => matchRoutes(routes, path)?.map((m) => m.route.id) ?? null;

describe("route matching (patched @remix-run/router)", () => {
  it("ranks the same routes as ever and answers from the kept ranking", () => {
    const routes: RouteObject[] = [
      {
        id: "root",
        path: "/",
        children: [
          { id: "index", index: true },
          { id: "thread", path: "threads/:id" },
          { id: "new", path: "threads/new" },
          { id: "splat", path: "*" },
        ],
      },
    ];
    for (let i = 0; i < 2; i++) {
      expect(ids(routes, "/")).toEqual(["root", "index"]);
      expect(ids(routes, "/threads/new")).toEqual(["root", "new"]);
      expect(ids(routes, "/threads/12")).toEqual(["root", "thread"]);
      expect(matchRoutes(routes, "/threads/12")![1]!.params).toEqual({ id: "12" });
      expect(ids(routes, "/elsewhere/x")).toEqual(["root", "splat"]);
    }
  });

  it("sees a route added to the array or to a route's children after a match", () => {
    const children: RouteObject[] = [{ id: "index", index: true }];
    const routes: RouteObject[] = [{ id: "root", path: "/", children }];
    expect(ids(routes, "/projects/a")).toBeNull();
    children.push({ id: "project", path: "projects/:slug" });
    expect(ids(routes, "/projects/a")).toEqual(["root", "project"]);
    routes.push({ id: "other", path: "/other" });
    expect(ids(routes, "/other")).toEqual(["other"]);
  });

  it("compiles a pattern once and matches it the same way every time", () => {
    for (let i = 0; i < 2; i++) {
      expect(matchPath("/threads/:id", "/threads/7")?.params).toEqual({ id: "7" });
      expect(matchPath("/threads/:id", "/THREADS/8")?.params).toEqual({ id: "8" });
      expect(matchPath({ path: "/threads/:id", caseSensitive: true }, "/THREADS/8")).toBeNull();
      expect(matchPath({ path: "/threads", end: false }, "/threads/9")?.pathnameBase).toBe("/threads");
    }
  });
});
