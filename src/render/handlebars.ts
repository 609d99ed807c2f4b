// The Handlebars environment of every template: strict mode (a missing field is an error, not an
// empty string), no HTML escaping (the output is Markdown), user text through the `md` helper,
// and the Chinese formatting helpers documents need.
import { createRequire } from "node:module";
import type HandlebarsModule from "handlebars";
import { dec } from "../compute/decimal.ts";
import type { Dec } from "../compute/decimal.ts";
import { cnNumber, headingNumber, percent, yuan, zhDate } from "../text/zh.ts";
import { escapeMarkdown } from "./markdown-escape.ts";
import { COMPILE_OPTIONS, PRECOMPILED } from "./precompiled.ts";
import { points2 } from "./wording.ts";

// Loaded on first use, and as its single-file build (the same 4.7 library as the package's
// CommonJS tree of some forty files with source-map, which takes several times as long to load):
// `score` and `stats` import the pipeline but render no document.
const require = createRequire(import.meta.url);
let handlebars: typeof HandlebarsModule | undefined;

export type Template = (data: unknown) => string;

export interface TemplateSources {
  /** Template name → source, e.g. plan → templates/plan.hbs. */
  templates: Record<string, string>;
  /** Partial name → source, e.g. wentou → templates/partials/wentou.hbs. */
  partials: Record<string, string>;
}

/**
 * A plain object as the indented lines of a YAML mapping, for the lines under a key
 * (`drawing:` then `{{yamlBlock d}}`): each field on its own line, a list one item per line,
 * every value in JSON (which YAML reads). One line per item keeps a figure readable in a diff.
 */
function yamlBlock(v: unknown): string {
  if (v === null || typeof v !== "object" || Array.isArray(v))
    throw new Error("yamlBlock takes an object");
  const lines: string[] = [];
  for (const [key, value] of Object.entries(v)) {
    const name = /^[A-Za-z][\w-]*$/.test(key) ? key : JSON.stringify(key);
    if (Array.isArray(value) && value.length > 0) {
      lines.push(`  ${name}:`);
      for (const item of value) lines.push(`    - ${JSON.stringify(item)}`);
    } else lines.push(`  ${name}: ${JSON.stringify(value ?? null)}`);
  }
  return lines.join("\n");
}

const isDec = (v: unknown): v is Dec =>
  v !== null && typeof v === "object" && "n" in v && "scale" in v;

/**
 * Environments made in this process, by their templates' text: a template compiles on first use,
 * and a process that renders again (a long-running caller, the tests) does not compile it again.
 * Templates and helpers are pure, so a compiled template can be used any number of times.
 */
const environments = new Map<string, Record<string, Template>>();
const ENVIRONMENTS_KEPT = 4;

/** The templates of `sources`, compiled with our helpers and partials. */
export function createEnvironment(sources: TemplateSources): Record<string, Template> {
  const key = JSON.stringify([sources.templates, sources.partials]);
  let env = environments.get(key);
  if (!env) {
    env = makeEnvironment(sources);
    if (environments.size >= ENVIRONMENTS_KEPT)
      environments.delete(environments.keys().next().value as string);
    environments.set(key, env);
  }
  return env;
}

function makeEnvironment(sources: TemplateSources): Record<string, Template> {
  handlebars ??= require("handlebars/dist/handlebars.min.js") as typeof HandlebarsModule;
  const hb = handlebars.create();
  const helpers: Record<string, (...args: unknown[]) => unknown> = {
    /** User text, escaped for Markdown. */
    md: (v) => (v === undefined || v === null ? "" : escapeMarkdown(String(v))),
    /** 2025-03-01 → 2025年3月1日 */
    date: (v) => zhDate(String(v)),
    /** 3 → 三 */
    cn: (v) => cnNumber(Number(v)),
    /** Heading number of a level and 1-based position: (h 1 2) → 二、 */
    h: (level, n) => headingNumber(Number(level) as 1 | 2 | 3 | 4, Number(n)),
    inc: (v) => Number(v) + 1,
    yuan: (v) => yuan(Number(v)),
    pct: (num, den) => percent(Number(num), Number(den)),
    /** Points with two decimals, rounded half away from zero on the exact value (a number is read
     * as the decimal it prints as: 1.005 → 1.01, where binary `toFixed` gives 1.00). */
    fixed2: (v) => points2(isDec(v) ? v : dec(Number(v))),
    /** A JSON value, which is valid YAML: for front matter. */
    yaml: (v) => JSON.stringify(v ?? null),
    /** An object as an indented YAML block, lists one item per line: for fenced blocks. */
    yamlBlock,
    eq: (a, b) => a === b,
    gt: (a, b) => Number(a) > Number(b),
    join: (list, sep) =>
      Array.isArray(list)
        ? list.map((x) => escapeMarkdown(String(x))).join(typeof sep === "string" ? sep : "、")
        : "",
  };
  for (const [name, fn] of Object.entries(helpers))
    hb.registerHelper(name, (...args: unknown[]) => fn(...args.slice(0, -1)));
  // compiled ahead of time when the source is the one compiled then (precompiled.ts), else now
  const compile = (key: string, src: string): HandlebarsModule.TemplateDelegate => {
    const pre = PRECOMPILED[key];
    return pre?.source === src
      ? hb.template(pre.spec as Parameters<typeof hb.template>[0])
      : hb.compile(src, COMPILE_OPTIONS);
  };
  for (const [name, src] of Object.entries(sources.partials))
    hb.registerPartial(name, compile(`partials/${name}`, src));
  const out: Record<string, Template> = {};
  for (const [name, src] of Object.entries(sources.templates)) {
    const compiled = compile(name, src);
    out[name] = (data) => compiled(data);
  }
  return out;
}
