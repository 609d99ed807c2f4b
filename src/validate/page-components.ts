// The site's components in an office page: <ScoreTable />, <RankChart />, <DocumentList />, each
// with literal props only (`name="text"` or `name={number}`), checked against the content, so a
// page that passes `check` renders. Props are data here; nothing in them is evaluated.
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { DiagnosticArgs, ParamsOf } from "../diagnostics/catalog.ts";
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.ts";
import { DOC_KINDS, DOC_KIND_SHORT, resolveKind } from "../text/kinds.ts";
import { maskPersonal } from "../text/mask.ts";
import type { PageComponent } from "./content.ts";
import { refusedScheme } from "./page-links.ts";

export const COMPONENT_NAMES = ["ScoreTable", "RankChart", "DocumentList"] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

export function isComponentName(name: string | null): name is ComponentName {
  return (COMPONENT_NAMES as readonly (string | null)[]).includes(name);
}

/** What a prop holds: a year with rules, any year, a unit id, a document kind, a count, text, an id. */
type PropKind = "rulesYear" | "year" | "unit" | "kind" | "limit" | "text" | "id";

const NUMERIC: ReadonlySet<PropKind> = new Set(["rulesYear", "year", "limit"]);

const SPECS: Record<ComponentName, { props: Record<string, PropKind>; required: string[] }> = {
  ScoreTable: { props: { year: "rulesYear", caption: "text" }, required: [] },
  RankChart: { props: { unit: "unit", year: "rulesYear", id: "id" }, required: ["unit"] },
  DocumentList: {
    props: { kind: "kind", year: "year", unit: "unit", limit: "limit", empty: "text" },
    required: [],
  },
};

export interface ComponentContext {
  /** Unit ids of units.yaml; null when units.yaml is itself invalid (then not checked). */
  knownUnits: ReadonlySet<string> | null;
  /** Years with a rules file: the years that have scores to show. */
  rulesYears: ReadonlySet<number>;
}

/** An MDX JSX attribute as the parser gives it. */
export interface JsxAttribute {
  type: string;
  name?: string;
  value?: string | null | { type: string; value: string };
  position?: { start: { offset?: number } } | undefined;
}

const NUMBER = /^\s*-?\d+(?:\.\d+)?\s*$/;
const ID = /^[A-Za-z][A-Za-z0-9_-]{0,63}$/;
const MAX_LIMIT = 10_000;

/**
 * Checks a component's attributes and gives its props, or null after reporting each problem at
 * its attribute (`at(i)`: position of attribute i; `tag`: position of the tag).
 */
export function componentProps(
  name: ComponentName,
  attributes: readonly JsxAttribute[],
  at: (index: number) => SourcePosition,
  tag: SourcePosition,
  ctx: ComponentContext,
  out: Diagnostic[],
): PageComponent | null {
  const spec = SPECS[name];
  const before = out.length;
  const report = <C extends "page/attribute" | "page/prop" | "page/url">(
    code: C,
    position: SourcePosition,
    params: ParamsOf<C>,
  ) => out.push(makeDiagnostic(code, { position, path: "", params } as DiagnosticArgs<C>));
  const props: Record<string, string | number> = {};
  const known = Object.keys(spec.props);

  attributes.forEach((attr, i) => {
    const where = at(i);
    if (attr.type !== "mdxJsxAttribute" || attr.name === undefined) {
      report("page/attribute", where, { component: name, problem: "spread" });
      return;
    }
    const prop = attr.name;
    if (/^on/i.test(prop)) {
      report("page/attribute", where, { component: name, problem: "event", prop });
      return;
    }
    const kind = spec.props[prop];
    if (kind === undefined) {
      report("page/prop", where, { component: name, problem: "unknown", prop, known });
      return;
    }
    if (prop in props) {
      report("page/prop", where, { component: name, problem: "twice", prop });
      return;
    }
    const numeric = NUMERIC.has(kind);
    const value = attr.value;
    if (value === null || value === undefined) {
      report("page/prop", where, { component: name, problem: "no-value", prop, numeric });
      return;
    }
    if (typeof value !== "string") {
      if (numeric && NUMBER.test(value.value)) props[prop] = Number(value.value);
      else
        report("page/attribute", where, {
          component: name,
          problem: "expression",
          prop,
          expression: value.value.slice(0, 40),
          numeric,
        });
      return;
    }
    if (numeric) {
      report("page/prop", where, { component: name, problem: "quoted-number", prop });
      return;
    }
    const scheme = refusedScheme(value);
    if (scheme) {
      report("page/url", where, { component: name, prop, scheme });
      return;
    }
    props[prop] = value;
  });

  const example = [...(ctx.knownUnits ?? [])][0] ?? "dongpo";
  for (const prop of spec.required)
    if (!(prop in props) && !attributes.some((a) => a.name === prop))
      report("page/prop", tag, { component: name, problem: "missing", prop, example });

  const years = [...ctx.rulesYears].sort((a, b) => a - b);
  for (const [prop, value] of Object.entries(props)) {
    const where = at(attributes.findIndex((a) => a.name === prop));
    switch (spec.props[prop]) {
      case "rulesYear":
        if (!Number.isInteger(value) || !ctx.rulesYears.has(value as number))
          report("page/prop", where, {
            component: name,
            problem: "no-rules-for-year",
            year: value,
            years,
          });
        break;
      case "year":
        if (!Number.isInteger(value) || (value as number) < 1900 || (value as number) > 2999)
          report("page/prop", where, { component: name, problem: "not-a-year", prop, value });
        break;
      case "limit":
        if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_LIMIT)
          report("page/prop", where, {
            component: name,
            problem: "limit",
            prop,
            value,
            max: MAX_LIMIT,
          });
        break;
      case "unit":
        if (ctx.knownUnits && !ctx.knownUnits.has(value as string))
          report("page/prop", where, {
            component: name,
            problem: "unknown-unit",
            value: maskPersonal(String(value)),
          });
        break;
      case "kind": {
        const kind = resolveKind(String(value));
        if (kind === null)
          report("page/prop", where, {
            component: name,
            problem: "unknown-kind",
            value: maskPersonal(String(value)),
            kinds: DOC_KINDS.map((k) => DOC_KIND_SHORT[k]),
          });
        else props[prop] = kind;
        break;
      }
      case "id":
        if (!ID.test(String(value)))
          report("page/prop", where, { component: name, problem: "bad-id", prop });
        break;
      case "text":
        props[prop] = maskPersonal(String(value));
        break;
    }
  }
  if (
    (name === "ScoreTable" || name === "RankChart") &&
    !attributes.some((a) => a.name === "year") &&
    ctx.rulesYears.size === 0
  )
    report("page/prop", tag, { component: name, problem: "no-rules" });

  if (out.length > before) return null;
  return { name, ...props } as PageComponent;
}
