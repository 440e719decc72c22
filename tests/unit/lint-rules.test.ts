// The layer rules in eslint.config.js refuse what they should: a route or component that
// reaches the database, a component that imports server code, lib importing models.
import fs from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The fixtures are not files of the TypeScript project, so the rules that need its types are off for them.
const eslint = new ESLint({
  cwd: process.cwd(),
  overrideConfig: {
    files: ["**/lint-fixture*"],
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      "@typescript-eslint/no-floating-promises": "off",
      "@typescript-eslint/no-misused-promises": "off",
      "@typescript-eslint/await-thenable": "off",
    },
  },
});

async function restricted(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath });
  const fatal = result!.messages.filter((m) => m.fatal);
  if (fatal.length) throw new Error(fatal.map((m) => m.message).join("\n"));
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("layer rules", () => {
  it("refuse a route that imports the database or the schema", async () => {
    const code = `import { getDb } from "~/lib/db.server";\nimport { threads } from "../../db/schema";\nimport { eq } from "drizzle-orm";\nexport const x = [getDb, threads, eq];\n`;
    const messages = await restricted("app/routes/lint-fixture.tsx", code);
    expect(messages).toHaveLength(3);
    expect(messages.join("\n")).toMatch(/model/);
  });

  it("refuse a component that imports a server module, even for a type", async () => {
    const code = `import type { PostView } from "~/models/threads.server";\nimport { readForm } from "~/lib/forms.server";\nexport type P = PostView;\nexport const f = readForm;\n`;
    expect(await restricted("app/components/lint-fixture.tsx", code)).toHaveLength(2);
  });

  it("refuse lib importing a model or writing SQL, and presenters querying", async () => {
    expect(
      await restricted(
        "app/lib/lint-fixture.server.ts",
        `import { listThreads } from "~/models/threads.server";\nimport { sql } from "drizzle-orm";\nexport const x = [listThreads, sql];\n`,
      ),
    ).toHaveLength(2);
    expect(await restricted("app/presenters/lint-fixture.ts", `import { getDb } from "~/lib/db.server";\nexport const x = getDb;\n`)).toHaveLength(1);
  });

  it("refuse zod in code the browser bundles, and allow it on the server", async () => {
    const code = `import { z } from "zod";\nexport const s = z.string();\n`;
    for (const file of ["app/routes/lint-fixture.tsx", "app/components/lint-fixture.tsx", "app/lib/lint-fixture.ts", "app/hooks/lint-fixture.ts"]) {
      expect((await restricted(file, code)).join("\n"), file).toMatch(/validation\.server/);
    }
    expect(await restricted("app/routes/lint-fixture.tsx", `import type { z } from "zod";\nexport type S = z.ZodString;\n`)).toEqual([]);
    expect(await restricted("app/lib/lint-fixture.server.ts", code)).toEqual([]);
  });

  it("refuse i18next and the message files in code the browser bundles, but not their types", async () => {
    const code = `import { i18nFor } from "~/lib/i18n";\nimport i18next from "i18next";\nimport en from "~/locales/en";\nexport const x = [i18nFor, i18next, en];\n`;
    for (const file of ["app/components/lint-fixture.tsx", "app/lib/lint-fixture.ts", "app/lint-fixture.tsx"]) {
      expect(await restricted(file, code), file).toHaveLength(3);
    }
    expect(await restricted("app/components/lint-fixture.tsx", `import type { Messages } from "~/locales/zh-CN";\nexport type M = Messages;\n`)).toEqual([]);
    expect(await restricted("app/lib/lint-fixture.server.ts", code)).toEqual([]);
  });

  it("let models write SQL and routes call models", async () => {
    expect(
      await restricted(
        "app/models/lint-fixture.server.ts",
        `import { eq } from "drizzle-orm";\nimport { threads } from "../../db/schema";\nimport { getDb } from "~/lib/db.server";\nexport const x = [eq, threads, getDb];\n`,
      ),
    ).toEqual([]);
    expect(await restricted("app/routes/lint-fixture.tsx", `import { listThreads } from "~/models/threads.server";\nexport const x = listThreads;\n`)).toEqual(
      [],
    );
  });
});

describe("writes go through a transaction", () => {
  it("refuse a write straight on the handle, and allow one through transaction() or writeAlone()", async () => {
    const writes = async (code: string) => {
      const [result] = await eslint.lintText(code, { filePath: "app/models/lint-fixture.server.ts" });
      return result!.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.message);
    };
    const head = `import { eq } from "drizzle-orm";\nimport { users } from "../../db/schema";\nimport { getDb, transaction, writeAlone } from "~/lib/db.server";\n`;
    const refused = await writes(
      `${head}export const a = () => getDb().update(users).set({ displayName: "x" }).where(eq(users.id, "1")).run();\nexport const b = () => getDb().delete(users).run();\nexport const c = () => getDb().insert(users).values([]).run();\n`,
    );
    expect(refused).toHaveLength(3);
    expect(refused[0]).toMatch(/writeAlone/);
    expect(
      await writes(
        `${head}export const a = () => transaction((tx) => tx.delete(users).run());\nexport const b = () => writeAlone((db) => db.delete(users).run());\nexport const c = () => getDb().select().from(users).all();\n`,
      ),
    ).toEqual([]);
  });

  it("refuse words typed into an accessible name, alt text, title or placeholder, in either language", async () => {
    const code = `export const A = () => <nav aria-label="breadcrumbs"><img alt="照片" src="x" /><input placeholder="Search" /></nav>;\nexport const B = ({ t }: { t: (k: string) => string }) => <nav aria-label={t("nav.breadcrumbs")}><img alt="" src="x" /></nav>;\n`;
    const [result] = await eslint.lintText(code, { filePath: "app/components/lint-fixture.tsx" });
    const refused = result!.messages.filter((m) => m.ruleId === "no-restricted-syntax");
    const lines = code.split("\n");
    // What each refusal points at: the typed words, and nothing on the line that uses t().
    expect(refused.map((m) => lines[m.line - 1]!.slice(m.column - 1).match(/^"[^"]*"/)?.[0])).toEqual(['"breadcrumbs"', '"照片"', '"Search"']);
    expect(refused[0]!.message).toMatch(/locale files/);
  });
});

describe("SQL lives in app/models", () => {
  it("no file elsewhere in app/ prepares or runs a statement", () => {
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) {
          if (file !== path.join("app", "models")) walk(file);
        } else if (/\.tsx?$/.test(entry.name)) {
          const text = fs.readFileSync(file, "utf8");
          // Statements through the driver, or SQL text through drizzle's sql tag.
          if (/\.prepare\(|\bsql`|\.run\(\)|\.all\(\)|\.get\(\)/.test(text)) offenders.push(file);
        }
      }
    };
    walk("app");
    expect(offenders).toEqual([]);
  });
});

describe("the import graph of app/", () => {
  it("has no cycles", () => {
    const files = new Map<string, string[]>();
    const resolve = (from: string, spec: string) => {
      const base = spec.startsWith("~/") ? path.join("app", spec.slice(2)) : spec.startsWith(".") ? path.join(path.dirname(from), spec) : null;
      if (!base) return null;
      for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts")])
        if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
      return null;
    };
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name)) {
          const text = fs.readFileSync(file, "utf8");
          const specs = [...text.matchAll(/^(?:import|export)[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1]!);
          files.set(
            file,
            specs.map((s) => resolve(file, s)).filter((f): f is string => !!f && f.startsWith("app")),
          );
        }
      }
    };
    walk("app");
    const cycles: string[] = [];
    const state = new Map<string, "visiting" | "done">();
    const visit = (file: string, trail: string[]) => {
      if (state.get(file) === "done") return;
      if (state.get(file) === "visiting") {
        cycles.push([...trail.slice(trail.indexOf(file)), file].join(" -> "));
        return;
      }
      state.set(file, "visiting");
      for (const next of files.get(file) ?? []) visit(next, [...trail, file]);
      state.set(file, "done");
    };
    for (const file of files.keys()) visit(file, []);
    expect(files.size).toBeGreaterThan(100);
    expect(cycles).toEqual([]);
  });
});
