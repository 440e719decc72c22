import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { originCheck } from "../../server/app";

let base = "";
let close: () => void;

beforeAll(async () => {
  const app = express();
  app.use(originCheck(["forum.example.org"]));
  app.all("*", (_req, res) => res.send("ok"));
  const server = app.listen(0);
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => server.close();
});
afterAll(() => close());

describe("origin check", () => {
  it("lets reads through from anywhere", async () => {
    expect((await fetch(`${base}/`, { headers: { Origin: "https://evil.example" } })).status).toBe(200);
  });

  it("accepts a POST from this site, by Origin or by Referer", async () => {
    const host = new URL(base).host;
    expect((await fetch(`${base}/x`, { method: "POST", headers: { Origin: `http://${host}` } })).status).toBe(200);
    expect((await fetch(`${base}/x`, { method: "POST", headers: { Referer: `http://${host}/threads/1` } })).status).toBe(200);
    expect((await fetch(`${base}/x`, { method: "POST", headers: { Origin: "https://forum.example.org" } })).status).toBe(200);
  });

  it("refuses a POST from another site or from nowhere", async () => {
    expect((await fetch(`${base}/x`, { method: "POST", headers: { Origin: "https://evil.example" } })).status).toBe(403);
    expect((await fetch(`${base}/x`, { method: "POST" })).status).toBe(403);
    expect((await fetch(`${base}/x`, { method: "DELETE", headers: { Origin: "null" } })).status).toBe(403);
  });
});
