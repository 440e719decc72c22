// Lint rules, run by `npm run lint` (part of `npm test`). Besides the usual TypeScript and
// React hook checks, they keep the layers apart: routes and components never reach the
// database, components never import server modules, lib never imports models, and SQL is
// written only in app/models. See docs/decisions/0009-lint-guard-rails.md.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const database = [
  { group: ["**/db/schema", "**/db/schema.ts"], message: "Only models (and db/, server/, scripts, tests) use the schema: call a model function." },
  { group: ["~/lib/db.server", "**/lib/db.server"], message: "Only models use the database handle: call a model function." },
  { group: ["drizzle-orm", "drizzle-orm/*", "better-sqlite3", "pg"], message: "SQL lives in app/models only." },
];
const serverModules = [{ group: ["**/*.server", "**/*.server.ts"], message: "Components run in the browser too: pass data in as props." }];
const models = [{ group: ["~/models/*", "**/models/*"], message: "lib is infrastructure: it never imports models (models import lib)." }];
// zod (with its locales, some 95 KB gzipped) must not ride into the browser with a route or
// component: esbuild cannot drop a module whose top level builds schemas.
const zodOnServer = [
  {
    name: "zod",
    message: "zod stays on the server: put the schema in lib/validation.server.ts (browser-safe rules go in lib/form-rules.ts).",
    allowTypeImports: true,
  },
];
// The same for i18next and the message files: pages translate with lib/translate.ts, and a
// browser fetches its one language's messages as data.
const i18nOnServer = [
  {
    name: "~/lib/i18n",
    message: "i18next and both languages would ride into the browser: translate with useSite().t or ~/lib/translate.",
    allowTypeImports: true,
  },
  { name: "i18next", message: "i18next stays on the server: pages translate with ~/lib/translate.", allowTypeImports: true },
];
const localesOnServer = [
  {
    group: ["~/locales/*", "**/locales/*"],
    message: "Message files stay on the server: a browser fetches its language's messages (routes/locales.$locale.tsx).",
    allowTypeImports: true,
  },
];
const browserPaths = [...zodOnServer, ...i18nOnServer];
const presentersNoDb = [
  { group: ["~/lib/db.server", "**/lib/db.server", "drizzle-orm", "drizzle-orm/*"], message: "Presenters shape results; they never query." },
];

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      ".cache/**",
      "node_modules/**",
      "bench/data/**",
      "bench/results/**",
      "test-results/**",
      "playwright-report/**",
      "db/migrations/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-console": "off",
    },
  },
  // The data layer is asynchronous on both engines: a promise left unawaited is a write that
  // may land after the answer, or an error nobody sees.
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/await-thenable": "error",
    },
  },
  { files: ["app/routes/**"], rules: { "no-restricted-imports": ["error", { paths: zodOnServer, patterns: database }] } },
  {
    files: ["app/components/**", "app/hooks/**"],
    rules: { "no-restricted-imports": ["error", { paths: browserPaths, patterns: [...database, ...serverModules, ...localesOnServer] }] },
  },
  { files: ["app/presenters/**"], rules: { "no-restricted-imports": ["error", { patterns: presentersNoDb }] } },
  // lib is infrastructure: the database handle may open, migrate and configure the
  // connection, and the session module hands lucia its tables; nothing in lib writes SQL.
  {
    files: ["app/lib/**"],
    ignores: ["app/lib/db.server.ts", "app/lib/pg-compat.server.ts", "app/lib/auth.server.ts"],
    rules: { "no-restricted-imports": ["error", { patterns: [...models, ...database] }] },
  },
  // lib's browser-safe modules (not *.server.ts) are bundled into pages.
  {
    files: ["app/lib/**"],
    ignores: ["app/lib/**/*.server.ts", "app/lib/i18n.ts"],
    rules: { "no-restricted-imports": ["error", { paths: browserPaths, patterns: [...models, ...database, ...localesOnServer] }] },
  },
  {
    files: ["app/lib/db.server.ts", "app/lib/pg-compat.server.ts", "app/lib/auth.server.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "drizzle-orm", message: "SQL lives in app/models only.", allowTypeImports: true }], patterns: models },
      ],
    },
  },
  {
    files: ["app/*.tsx", "app/*.ts"],
    ignores: ["app/*.server.tsx", "app/*.server.ts"],
    rules: { "no-restricted-imports": ["error", { paths: browserPaths, patterns: [...database, ...localesOnServer] }] },
  },
  { files: ["app/*.server.tsx", "app/*.server.ts"], rules: { "no-restricted-imports": ["error", { patterns: database }] } },
  // A write straight on the handle, outside transaction(), would join whatever transaction is
  // open on SQLite's one connection (the guard in db.server.ts refuses it then, at run time).
  {
    files: ["app/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector: "CallExpression[callee.object.type='CallExpression'][callee.object.callee.name='getDb'][callee.property.name=/^(insert|update|delete)$/]",
          message: "Write through transaction(), or writeAlone() for one statement of its own (app/lib/db.server.ts).",
        },
        // What a screen reader says, or a field shows before it is filled, is in the reader's language too.
        {
          selector: "JSXAttribute[name.name=/^(aria-label|alt|title|placeholder)$/] > Literal[value=/\\p{L}/u]",
          message: "Words the reader hears or sees come from the locale files: use t().",
        },
      ],
    },
  },
  prettier,
);
