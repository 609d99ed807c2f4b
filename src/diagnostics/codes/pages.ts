// Office pages (pages/*.mdx): Markdown and the site's three components, nothing that runs.
import { entry, listed } from "./entry.ts";

const COMPONENTS = "ScoreTable、RankChart、DocumentList";

/** What is wrong with a page's Markdown or front matter (page/syntax). */
export type PageSyntax =
  | { problem: "nesting"; max: number }
  /** A paragraph with more emphasis marks than the parser is given (load/markdown.ts). */
  | { problem: "emphasis"; max: number }
  /** The parser's complaints, recognised: */
  | { problem: "closing-mismatch"; closing: string; opening: string }
  | { problem: "closing-unopened" }
  | { problem: "unclosed-tag"; tag: string }
  | { problem: "unclosed-brace" }
  | { problem: "html-comment" }
  | { problem: "incomplete-tag" }
  /** A component or `{…}` over several lines of a quote or list without `>` or indent. */
  | { problem: "lazy-line" }
  /** … and not recognised: the parser's own words (masked). */
  | { problem: "parser"; said: string }
  | { problem: "front-matter-toml" | "front-matter-unclosed" | "front-matter-misplaced" }
  /** The front matter's YAML is broken: `message` is that YAML diagnostic's. */
  | { problem: "front-matter-yaml"; message: string }
  | { problem: "front-matter-shape" }
  | { problem: "front-matter-key"; key: string }
  | { problem: "front-matter-title" }
  /** A component inside a list, quote or component (`nested`), or within a paragraph. */
  | { problem: "component-placement"; component: string; placement: "nested" | "inline" }
  /** A Markdown construct pages do not take (`construct`: the parser's node type). */
  | { problem: "construct"; construct: string };

function pageSyntax(p: PageSyntax): string {
  switch (p.problem) {
    case "nesting":
      return `嵌套超过 ${p.max} 层`;
    case "emphasis":
      return `这一段中的“*”和“_”超过 ${p.max} 个`;
    case "closing-mismatch":
      return `结束标签 ${p.closing} 与开始标签 ${p.opening} 不对应`;
    case "closing-unopened":
      return "有结束标签，但前面没有对应的开始标签";
    case "unclosed-tag":
      return `标签 ${p.tag} 没有结束：组件请写成 <组件名 … />`;
    case "unclosed-brace":
      return "花括号“{”没有对应的“}”；要显示花括号，请写成 \\{";
    case "html-comment":
      return "“<!”不能用：页面中不能写 HTML 注释或 HTML 标签；要显示“<”，请写成 \\<";
    case "incomplete-tag":
      return '“<”后面不是完整的组件标签：组件写成 <ScoreTable year={2025} />，属性写成 名称="文字" 或 名称={数字}；要显示“<”，请写成 \\<，链接写成 [文字](地址)';
    case "lazy-line":
      return "引用或列表中的组件、花括号写成多行时，每一行都要以“>”开头（引用）或缩进（列表）";
    case "parser":
      return `页面不符合 MDX 的写法（解析器提示：${p.said}）`;
    case "front-matter-toml":
      return "头信息只能用 YAML（写在两行 --- 之间），不能用 +++";
    case "front-matter-unclosed":
      return "头信息没有结束：title 等字段后面要有一行 ---";
    case "front-matter-misplaced":
      return "头信息（--- 之间的 title）只能写在页面的最开头，且只能用 YAML";
    case "front-matter-yaml":
      return `头信息（--- 之间）有误：${p.message}`;
    case "front-matter-shape":
      return "头信息（--- 之间）应写成“title: 页面标题”";
    case "front-matter-key":
      return `头信息中不认识的字段 ${p.key}（只能写 title）`;
    case "front-matter-title":
      return "title 应为页面标题（文字）";
    case "component-placement":
      return p.placement === "nested"
        ? `组件 <${p.component}> 只能单独成段写在页面中，不能放在列表、引用或其他组件中`
        : `组件 <${p.component}> 要单独成段：前后各空一行，不能写在一段文字中间`;
    case "construct":
      return `页面中不能使用这种写法（${p.construct}）`;
  }
}

/** How a prop is written: `year={2025}` for numbers, `unit="文字"` for texts. */
const propForm = (prop: string, numeric: boolean) =>
  numeric ? `${prop}={2025}` : `${prop}="文字"`;

/** A component's prop that is unknown, missing or holds a value the component cannot show. */
export type PageProp = { component: string } & (
  | { problem: "children" }
  | { problem: "unknown"; prop: string; known: readonly string[] }
  | { problem: "twice"; prop: string }
  | { problem: "no-value"; prop: string; numeric: boolean }
  | { problem: "quoted-number"; prop: string }
  /** `example`: a value to show in the message (a village id of the content). */
  | { problem: "missing"; prop: string; example: string }
  /** `years`: the years that have rules. */
  | { problem: "no-rules-for-year"; year: string | number; years: readonly number[] }
  | { problem: "no-rules" }
  | { problem: "not-a-year"; prop: string; value: string | number }
  | { problem: "limit"; prop: string; value: string | number; max: number }
  | { problem: "unknown-unit"; value: string }
  /** `kinds`: the document kinds, as the site names them. */
  | { problem: "unknown-kind"; value: string; kinds: readonly string[] }
  | { problem: "bad-id"; prop: string }
);

function pageProp(p: PageProp): string {
  const c = p.component;
  switch (p.problem) {
    case "children":
      return `组件 <${c}> 不能有内容，请写成 <${c} … />`;
    case "unknown":
      return `组件 ${c} 没有属性 ${p.prop}（可用的属性：${listed(p.known)}）`;
    case "twice":
      return `组件 ${c} 的属性 ${p.prop} 写了两次`;
    case "no-value":
      return `组件 ${c} 的属性 ${p.prop} 没有取值，应写成 ${propForm(p.prop, p.numeric)}`;
    case "quoted-number":
      return `组件 ${c} 的属性 ${p.prop} 是数字，应写成 ${propForm(p.prop, true)}（不加引号）`;
    case "missing":
      return `组件 ${c} 缺少属性 ${p.prop}，例如 <${c} ${p.prop}="${p.example}" />`;
    case "no-rules-for-year":
      return `组件 ${c}：没有 ${p.year} 年的考评细则（rules/${p.year}.yaml），没有考评结果可显示（有考评细则的年度：${listed(p.years)}）`;
    case "no-rules":
      return `组件 ${c}：内容目录中没有考评细则（rules/），没有考评结果可显示`;
    case "not-a-year":
      return `组件 ${c} 的属性 ${p.prop}={${p.value}} 不是年度`;
    case "limit":
      return `组件 ${c} 的属性 ${p.prop}={${p.value}} 应为 1 到 ${p.max} 之间的整数`;
    case "unknown-unit":
      return `组件 ${c}：units.yaml 中没有编号为“${p.value}”的村（社区）`;
    case "unknown-kind":
      return `组件 ${c}：“${p.value}”不是文书类型（可用：${p.kinds.join("、")}）`;
    case "bad-id":
      return `组件 ${c} 的属性 ${p.prop} 只能由字母、数字、- 和 _ 组成，以字母开头`;
  }
}

export const pageCodes = {
  "page/syntax": entry<PageSyntax>({
    severity: "error",
    message: pageSyntax,
    hint: "页面是 Markdown，可以使用网站的三个组件；检查这一处的标记是否写完整。",
  }),
  "page/code": entry<
    /** `snippet`: the start of the code, short and masked. */
    { problem: "expression"; snippet: string } | { problem: "import-export"; snippet: string }
  >({
    severity: "error",
    message: (p) =>
      p.problem === "expression"
        ? `页面中不能写 { } 表达式（“{${p.snippet}}”）`
        : `页面中不能写 import 或 export 语句（“${p.snippet}”）`,
    hint: "页面中不能写程序：不能有 import、export 和 { } 表达式。要显示花括号，请写成 \\{ 和 \\}。",
  }),
  "page/html": entry<
    | { problem: "fragment" }
    | { problem: "tag"; tag: string }
    | { problem: "component"; tag: string }
  >({
    severity: "error",
    message: (p) =>
      p.problem === "fragment"
        ? "页面中不能写 <> 片段"
        : p.problem === "tag"
          ? `页面中不能写 HTML 标签 <${p.tag}>`
          : `不认识的组件 <${p.tag}>（可用：${COMPONENTS}）`,
    hint: `页面中只能用 Markdown 和网站的组件（${COMPONENTS}），不能写 HTML 标签。`,
  }),
  "page/attribute": entry<
    { component: string } & (
      | { problem: "spread" }
      | { problem: "event"; prop: string }
      /** `expression`: the start of the expression written as the prop's value. */
      | { problem: "expression"; prop: string; expression: string; numeric: boolean }
    )
  >({
    severity: "error",
    message: (p) =>
      p.problem === "spread"
        ? `组件 ${p.component} 中不能写 { } 展开属性或表达式`
        : p.problem === "event"
          ? `组件 ${p.component} 不能有事件属性 ${p.prop}`
          : `组件 ${p.component} 的属性 ${p.prop} 写成了表达式 {${p.expression}}，只能写成 ${propForm(p.prop, p.numeric)}`,
    hint: '组件的属性只能写成 名称="文字" 或 名称={数字}，不能写事件处理（on…）或表达式。',
  }),
  "page/url": entry<
    /** A link or image target (`target`: its start, masked) … */
    | { scheme: string; target: string }
    /** … or a component's prop. */
    | { scheme: string; component: string; prop: string }
  >({
    severity: "error",
    message: (p) =>
      "component" in p
        ? `组件 ${p.component} 的属性 ${p.prop} 中有不安全的 ${p.scheme}: 地址`
        : `不能使用 ${p.scheme}: 地址（${p.target}）`,
    hint: "链接只能指向本网站的页面（如 /units/）或写成普通网址；不能用 javascript:、data: 等地址。",
  }),
  "page/prop": entry<PageProp>({
    severity: "error",
    message: pageProp,
    hint: "组件的用法见 README 中的“内部网站”一节。",
  }),
};
