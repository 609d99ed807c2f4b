// The site's components in an office page: <ScoreTable />, <RankChart />, <DocumentList />, each
// with literal props only (`name="text"` or `name={number}`), checked against the content, so a
// page that passes `check` renders. Props are data here; nothing in them is evaluated.
import { makeDiagnostic } from "../diagnostics/catalog.ts";
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

const listOf = (xs: readonly (string | number)[]) => xs.join("、") || "无";

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
  const report = (
    code: "page/attribute" | "page/prop" | "page/url",
    position: SourcePosition,
    detail: string,
  ) => out.push(makeDiagnostic(code, { position, path: "", detail }));
  const props: Record<string, string | number> = {};
  const known = Object.keys(spec.props);

  attributes.forEach((attr, i) => {
    const where = at(i);
    if (attr.type !== "mdxJsxAttribute" || attr.name === undefined) {
      report("page/attribute", where, `组件 ${name} 中不能写 { } 展开属性或表达式`);
      return;
    }
    const prop = attr.name;
    if (/^on/i.test(prop)) {
      report("page/attribute", where, `组件 ${name} 不能有事件属性 ${prop}`);
      return;
    }
    const kind = spec.props[prop];
    if (kind === undefined) {
      report("page/prop", where, `组件 ${name} 没有属性 ${prop}（可用的属性：${listOf(known)}）`);
      return;
    }
    if (prop in props) {
      report("page/prop", where, `组件 ${name} 的属性 ${prop} 写了两次`);
      return;
    }
    const numeric = NUMERIC.has(kind);
    const form = numeric ? `${prop}={2025}` : `${prop}="文字"`;
    const value = attr.value;
    if (value === null || value === undefined) {
      report("page/prop", where, `组件 ${name} 的属性 ${prop} 没有取值，应写成 ${form}`);
      return;
    }
    if (typeof value !== "string") {
      if (numeric && NUMBER.test(value.value)) props[prop] = Number(value.value);
      else
        report(
          "page/attribute",
          where,
          `组件 ${name} 的属性 ${prop} 写成了表达式 {${value.value.slice(0, 40)}}，只能写成 ${form}`,
        );
      return;
    }
    if (numeric) {
      report("page/prop", where, `组件 ${name} 的属性 ${prop} 是数字，应写成 ${form}（不加引号）`);
      return;
    }
    const scheme = refusedScheme(value);
    if (scheme) {
      report("page/url", where, `组件 ${name} 的属性 ${prop} 中有不安全的 ${scheme}: 地址`);
      return;
    }
    props[prop] = value;
  });

  const example = [...(ctx.knownUnits ?? [])][0] ?? "dongpo";
  for (const prop of spec.required)
    if (!(prop in props) && !attributes.some((a) => a.name === prop))
      report(
        "page/prop",
        tag,
        `组件 ${name} 缺少属性 ${prop}，例如 <${name} ${prop}="${example}" />`,
      );

  const years = [...ctx.rulesYears].sort((a, b) => a - b);
  for (const [prop, value] of Object.entries(props)) {
    const where = at(attributes.findIndex((a) => a.name === prop));
    switch (spec.props[prop]) {
      case "rulesYear":
        if (!Number.isInteger(value) || !ctx.rulesYears.has(value as number))
          report(
            "page/prop",
            where,
            `组件 ${name}：没有 ${value} 年的考评细则（rules/${value}.yaml），没有考评结果可显示（有考评细则的年度：${listOf(years)}）`,
          );
        break;
      case "year":
        if (!Number.isInteger(value) || (value as number) < 1900 || (value as number) > 2999)
          report("page/prop", where, `组件 ${name} 的属性 ${prop}={${value}} 不是年度`);
        break;
      case "limit":
        if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > MAX_LIMIT)
          report(
            "page/prop",
            where,
            `组件 ${name} 的属性 ${prop}={${value}} 应为 1 到 ${MAX_LIMIT} 之间的整数`,
          );
        break;
      case "unit":
        if (ctx.knownUnits && !ctx.knownUnits.has(value as string))
          report(
            "page/prop",
            where,
            `组件 ${name}：units.yaml 中没有编号为“${maskPersonal(String(value))}”的村（社区）`,
          );
        break;
      case "kind": {
        const kind = resolveKind(String(value));
        if (kind === null)
          report(
            "page/prop",
            where,
            `组件 ${name}：“${maskPersonal(String(value))}”不是文书类型（可用：${DOC_KINDS.map((k) => DOC_KIND_SHORT[k]).join("、")}）`,
          );
        else props[prop] = kind;
        break;
      }
      case "id":
        if (!ID.test(String(value)))
          report(
            "page/prop",
            where,
            `组件 ${name} 的属性 ${prop} 只能由字母、数字、- 和 _ 组成，以字母开头`,
          );
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
    report("page/prop", tag, `组件 ${name}：内容目录中没有考评细则（rules/），没有考评结果可显示`);

  if (out.length > before) return null;
  return { name, ...props } as PageComponent;
}
