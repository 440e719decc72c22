// What a migrated database's catalog says about its schema, read the same way from SQLite
// and from PostgreSQL, and the comparison of two such catalogs (schema-parity.test.ts).
// A catalog is a list of facts, each under a key that names one thing (a column, an index,
// a foreign key...) and a detail that says what it is. Keys are spelled so that the same
// thing has the same key on both engines; type names are not compared, since the engines
// spell them differently (integer and bigint, integer and boolean, text and varchar).
import type Database from "better-sqlite3";
import type pg from "pg";

export type Engine = "sqlite" | "pg";
export const engineName: Record<Engine, string> = { sqlite: "SQLite", pg: "PostgreSQL" };

export type Fact = { table: string; key: string; detail: string };
export type Catalog = Fact[];

/** A difference between the engines the schemas keep on purpose, and why. */
export type Exception = { kind: "only" | "differs"; engine?: Engine; key: RegExp; reason: string };

/** One reported difference: something in one engine's schema and not the other's. */
export type Difference = { kind: "only"; engine: Engine; key: string; detail: string } | { kind: "differs"; key: string; sqlite: string; pg: string };

/** Lower case, no quotes, casts or parentheses, single spaces: how both engines print one expression. */
export function normaliseExpression(expression: string): string {
  return expression
    .replace(/::[a-z_ ]+(\[\])?/gi, "")
    .replace(/[`"()]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .toLowerCase();
}

const list = (columns: string[]) => `(${columns.join(", ")})`;

// ---------------------------------------------------------------- SQLite

/** Tables that are SQLite's own bookkeeping, not the application's. */
const sqliteInternal = (name: string) => name.startsWith("sqlite_");

export function readSqliteCatalog(db: Database.Database): Catalog {
  const facts: Catalog = [];
  const master = db.prepare("select type, name, tbl_name as tableName, sql from sqlite_master order by name").all() as {
    type: string;
    name: string;
    tableName: string;
    sql: string | null;
  }[];
  for (const { name: table, sql } of master.filter((m) => m.type === "table" && !sqliteInternal(m.name))) {
    facts.push({ table, key: `table ${table}`, detail: sql?.startsWith("CREATE VIRTUAL") ? "virtual table" : "table" });
    const columns = db.prepare(`select * from pragma_table_info(?) order by cid`).all(table) as {
      name: string;
      notnull: number;
      dflt_value: string | null;
      pk: number;
    }[];
    for (const c of columns) facts.push({ table, key: `column ${table}.${c.name}`, detail: columnDetail(c.notnull === 1 || c.pk > 0, c.dflt_value) });
    const pk = columns.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk);
    if (pk.length) facts.push({ table, key: `primary key ${table}`, detail: list(pk.map((c) => c.name)) });

    const indexes = db.prepare(`select name, "unique", origin, partial from pragma_index_list(?)`).all(table) as {
      name: string;
      unique: number;
      origin: "c" | "u" | "pk";
    }[];
    for (const index of indexes) {
      const cols = (db.prepare(`select name from pragma_index_info(?) order by seqno`).all(index.name) as { name: string | null }[]).map(
        (c) => c.name ?? "<expression>",
      );
      if (index.origin === "pk") continue; // The primary key, a fact of its own.
      if (index.origin === "u") {
        facts.push({ table, key: `unique constraint ${table} ${list(cols)}`, detail: "unique" });
        continue;
      }
      const definition = master.find((m) => m.type === "index" && m.name === index.name)?.sql ?? "";
      const where = /\bwhere\b([\s\S]*)$/i.exec(definition)?.[1];
      facts.push({ table, key: `index ${index.name}`, detail: indexDetail(table, cols, index.unique === 1, where) });
    }

    const foreignKeys = db.prepare(`select * from pragma_foreign_key_list(?) order by id, seq`).all(table) as {
      id: number;
      table: string;
      from: string;
      to: string | null;
      on_update: string;
      on_delete: string;
    }[];
    for (const id of new Set(foreignKeys.map((f) => f.id))) {
      const parts = foreignKeys.filter((f) => f.id === id);
      const target = parts[0]!.table;
      // REFERENCES users(id) names the column; REFERENCES users alone means its primary key.
      const to = parts.map((f) => f.to ?? (db.prepare(`select name from pragma_table_info(?) where pk > 0 order by pk`).get(target) as { name: string }).name);
      facts.push({
        table,
        key: `foreign key ${table} ${list(parts.map((f) => f.from))} references ${target} ${list(to)}`,
        detail: actions(parts[0]!.on_delete, parts[0]!.on_update),
      });
    }

    for (const check of sqliteChecks(sql ?? "")) facts.push({ table, key: `check ${table} ${normaliseExpression(check)}`, detail: "check" });
  }
  for (const trigger of master.filter((m) => m.type === "trigger")) {
    facts.push({ table: trigger.tableName, key: `trigger ${trigger.name}`, detail: triggerDetail(trigger.tableName, trigger.sql ?? "") });
  }
  return facts;
}

/** The expressions of a CREATE TABLE's CHECK constraints (SQLite keeps no catalog of them). */
export function sqliteChecks(createTable: string): string[] {
  const checks: string[] = [];
  const pattern = /\bcheck\s*\(/gi;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(createTable))) {
    let depth = 1;
    let i = match.index + match[0].length;
    let quote: string | null = null;
    for (; i < createTable.length && depth > 0; i++) {
      const ch = createTable[i]!;
      if (quote) {
        if (ch === quote) quote = null;
      } else if (ch === "'" || ch === '"' || ch === "`") quote = ch;
      else if (ch === "(") depth++;
      else if (ch === ")") depth--;
    }
    checks.push(createTable.slice(match.index + match[0].length, i - 1));
  }
  return checks;
}

// ---------------------------------------------------------------- PostgreSQL

const pgActions: Record<string, string> = { a: "no action", r: "restrict", c: "cascade", n: "set null", d: "set default" };

export async function readPgCatalog(client: pg.ClientBase): Promise<Catalog> {
  const facts: Catalog = [];
  const q = async <T>(text: string) => (await client.query(text)).rows as T[];

  const tables = await q<{ table: string }>(
    `select c.relname as table from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p') order by 1`,
  );
  for (const { table } of tables) facts.push({ table, key: `table ${table}`, detail: "table" });

  const columns = await q<{ table: string; column: string; notNull: boolean; default: string | null; identity: string }>(
    `select c.relname as table, a.attname as column, a.attnotnull as "notNull",
            pg_get_expr(d.adbin, d.adrelid) as default, a.attidentity as identity
     from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
     where n.nspname = 'public' and c.relkind in ('r', 'p') and a.attnum > 0 and not a.attisdropped
     order by 1, a.attnum`,
  );
  // An identity column's numbers are SQLite's AUTOINCREMENT: not a default on either side.
  for (const c of columns) facts.push({ table: c.table, key: `column ${c.table}.${c.column}`, detail: columnDetail(c.notNull, c.default) });

  const constraints = await q<{
    table: string;
    type: string;
    columns: string[];
    target: string | null;
    targetColumns: string[] | null;
    onDelete: string;
    onUpdate: string;
    check: string | null;
  }>(
    `select c.relname as table, k.contype as type,
            array(select a.attname from unnest(k.conkey) with ordinality u(n, o) join pg_attribute a on a.attrelid = k.conrelid and a.attnum = u.n order by u.o)::text[] as columns,
            f.relname as target,
            array(select a.attname from unnest(k.confkey) with ordinality u(n, o) join pg_attribute a on a.attrelid = k.confrelid and a.attnum = u.n order by u.o)::text[] as "targetColumns",
            k.confdeltype as "onDelete", k.confupdtype as "onUpdate",
            case when k.contype = 'c' then pg_get_expr(k.conbin, k.conrelid) end as check
     from pg_constraint k join pg_class c on c.oid = k.conrelid join pg_namespace n on n.oid = c.relnamespace
     left join pg_class f on f.oid = k.confrelid
     where n.nspname = 'public' and k.contype in ('p', 'u', 'f', 'c') order by 1, k.conname`,
  );
  for (const k of constraints) {
    if (k.type === "p") facts.push({ table: k.table, key: `primary key ${k.table}`, detail: list(k.columns) });
    else if (k.type === "u") facts.push({ table: k.table, key: `unique constraint ${k.table} ${list(k.columns)}`, detail: "unique" });
    else if (k.type === "f")
      facts.push({
        table: k.table,
        key: `foreign key ${k.table} ${list(k.columns)} references ${k.target} ${list(k.targetColumns ?? [])}`,
        detail: actions(pgActions[k.onDelete]!, pgActions[k.onUpdate]!),
      });
    else facts.push({ table: k.table, key: `check ${k.table} ${normaliseExpression(k.check ?? "")}`, detail: "check" });
  }

  // Indexes made by CREATE INDEX, not those behind a primary key or unique constraint.
  const indexes = await q<{ table: string; name: string; unique: boolean; columns: (string | null)[]; where: string | null }>(
    `select t.relname as table, i.relname as name, x.indisunique as unique,
            array(select a.attname from unnest(x.indkey::int2[]) with ordinality u(n, o) left join pg_attribute a on a.attrelid = x.indrelid and a.attnum = u.n order by u.o)::text[] as columns,
            pg_get_expr(x.indpred, x.indrelid) as where
     from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid join pg_namespace n on n.oid = t.relnamespace
     where n.nspname = 'public' and not exists (select 1 from pg_constraint k where k.conindid = x.indexrelid)
     order by 2`,
  );
  for (const index of indexes) {
    const cols = index.columns.map((c) => c ?? "<expression>");
    facts.push({ table: index.table, key: `index ${index.name}`, detail: indexDetail(index.table, cols, index.unique, index.where ?? undefined) });
  }

  const triggers = await q<{ table: string; name: string; definition: string }>(
    `select c.relname as table, t.tgname as name, pg_get_triggerdef(t.oid) as definition
     from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and not t.tgisinternal order by 2`,
  );
  for (const t of triggers) facts.push({ table: t.table, key: `trigger ${t.name}`, detail: triggerDetail(t.table, t.definition) });
  return facts;
}

// ---------------------------------------------------------------- details

function columnDetail(notNull: boolean, dflt: string | null): string {
  return [notNull ? "not null" : "null", dflt === null ? "no default" : `default ${normaliseExpression(dflt)}`].join(", ");
}

function indexDetail(table: string, columns: string[], unique: boolean, where: string | undefined): string {
  return `${unique ? "unique " : ""}on ${table} ${list(columns)}${where ? ` where ${normaliseExpression(where)}` : ""}`;
}

function actions(onDelete: string, onUpdate: string): string {
  return `on delete ${onDelete.toLowerCase()}, on update ${onUpdate.toLowerCase()}`;
}

/**
 * When a trigger fires, from its definition, the same on both engines: "before update of a,
 * b on t for each row when old.state = 'published'". What it then does is not compared:
 * SQLite writes it in the trigger, PostgreSQL in a function.
 */
export function triggerDetail(table: string, definition: string): string {
  // The head of the definition, before the body (SQLite) or the function it runs (PostgreSQL).
  const head = definition.split(/\b(?:begin|execute)\b/i)[0]!;
  const m =
    /create\s+trigger\s+\S+\s+(before|after|instead\s+of)?\s*((?:insert|update|delete)(?:\s+or\s+(?:insert|update|delete))*)(?:\s+of\s+([\s\S]+?))?\s+on\s+\S+\s*([\s\S]*)$/i.exec(
      head,
    );
  if (!m) return `on ${table}: ${normaliseExpression(head)}`;
  const timing = (m[1] ?? "before").toLowerCase().replace(/\s+/g, " ");
  const events = m[2]!.toLowerCase().replace(/\s+/g, " ");
  const of = m[3] ? ` of ${normaliseExpression(m[3])}` : "";
  // SQLite has only row triggers, with or without FOR EACH ROW.
  const level = /for\s+each\s+statement/i.test(m[4]!) ? "statement" : "row";
  const when = /\bwhen\b([\s\S]*)$/i.exec(m[4]!)?.[1];
  return `${timing} ${events}${of} on ${table} for each ${level}${when ? ` when ${normaliseExpression(when)}` : ""}`;
}

// ---------------------------------------------------------------- comparison

/** What is in one catalog and not the other, less the listed exceptions; and the exceptions that matched nothing. */
export function compareCatalogs(sqlite: Catalog, pg: Catalog, exceptions: Exception[] = []): { differences: Difference[]; unusedExceptions: Exception[] } {
  const sides = { sqlite: new Map(sqlite.map((f) => [f.key, f])), pg: new Map(pg.map((f) => [f.key, f])) };
  const tables = { sqlite: new Set(sqlite.map((f) => f.table)), pg: new Set(pg.map((f) => f.table)) };
  const found: Difference[] = [];
  for (const [engine, other] of [
    ["sqlite", "pg"],
    ["pg", "sqlite"],
  ] as const) {
    for (const fact of sides[engine].values()) {
      if (sides[other].has(fact.key)) continue;
      // A table missing on the other side is one difference, not one for each of its columns.
      if (!fact.key.startsWith("table ") && !tables[other].has(fact.table)) continue;
      found.push({ kind: "only", engine, key: fact.key, detail: fact.detail });
    }
  }
  for (const fact of sides.sqlite.values()) {
    const twin = sides.pg.get(fact.key);
    if (twin && twin.detail !== fact.detail) found.push({ kind: "differs", key: fact.key, sqlite: fact.detail, pg: twin.detail });
  }
  const used = new Set<Exception>();
  const differences = found.filter((d) => {
    const exception = exceptions.find((e) => e.kind === d.kind && (e.kind === "differs" || e.engine === (d as { engine: Engine }).engine) && e.key.test(d.key));
    if (exception) used.add(exception);
    return !exception;
  });
  return { differences, unusedExceptions: exceptions.filter((e) => !used.has(e)) };
}

/** One line for each difference, saying which engine has what. */
export function describeDifference(d: Difference): string {
  if (d.kind === "only") {
    const other = d.engine === "sqlite" ? "pg" : "sqlite";
    return `${d.key} (${d.detail}) is in ${engineName[d.engine]}'s schema and not in ${engineName[other]}'s`;
  }
  return `${d.key} differs: ${engineName.sqlite} has ${d.sqlite}, ${engineName.pg} has ${d.pg}`;
}
