// validate/pages: office pages (pages/<name>.mdx) → page data, or diagnostics at the offending
// line and column. A page is content, not code: front matter (`title`), Markdown, and the site's
// components with literal props. The page is parsed with MDX's grammar (satteri's mdast, so `{`
// and `<` mean what they mean in MDX) and never compiled or run: whatever is outside that subset
// — import/export, {expressions}, HTML elements, unknown components, event or spread attributes,
// javascript:/data: URLs — is reported here, and what is accepted becomes plain data that the
// site renders with its own escaping code. Every text is masked (ID and mobile numbers) here.
import { mdxToMdast } from "satteri";
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { DiagnosticCode } from "../diagnostics/catalog.ts";
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.ts";
import { classify } from "../load/index.ts";
import { LineIndex } from "../load/line-index.ts";
import { parseYamlFile } from "../load/yaml.ts";
import { maskPersonal } from "../text/mask.ts";
import type { Page, PageAlign, PageBlock, PageInline, PageListItem } from "./content.ts";
import { attributeOffsets, componentProps, isComponentName } from "./page-components.ts";
import type { ComponentContext, JsxAttribute } from "./page-components.ts";
import { fetchingDetail, fetchingUrl, refusedScheme } from "./page-links.ts";
import { pageSlugs } from "./page-slugs.ts";

export type PageContext = ComponentContext;

/** Containers (lists, quotes, emphasis …) nested deeper than this are refused. */
export const MAX_NESTING = 32;

/** A node of satteri's mdast, as far as this module reads it. */
interface Node {
  type: string;
  position?: { start: { offset?: number } } | undefined;
  children?: Node[];
  value?: string;
  depth?: number;
  ordered?: boolean | null;
  start?: number | null;
  spread?: boolean | null;
  checked?: boolean | null;
  align?: (string | null)[] | null;
  url?: string;
  alt?: string | null;
  identifier?: string;
  name?: string | null;
  attributes?: JsxAttribute[];
}

/** The code of an MDX expression when it holds only comments (`{/* … *\/}`), which are dropped. */
function onlyComments(code: string): boolean {
  let i = 0;
  while (i < code.length) {
    if (/\s/.test(code[i] as string)) i++;
    else if (code.startsWith("/*", i)) {
      const end = code.indexOf("*/", i + 2);
      if (end < 0) return false;
      i = end + 2;
    } else if (code.startsWith("//", i)) {
      const end = code.indexOf("\n", i);
      i = end < 0 ? code.length : end + 1;
    } else return false;
  }
  return true;
}

/** The first line of some source, short and masked, to name it in a message. */
const snippet = (code: string) => {
  const line = maskPersonal(code.trim().split("\n")[0] ?? "");
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
};

/** satteri's parse errors (`3:1: Unexpected … (mdx-jsx:…)`) in Chinese. */
function syntaxMessage(message: string): string {
  const closing =
    /Unexpected closing tag `([^`]*)`, expected corresponding closing tag for `([^`]*)`/.exec(
      message,
    );
  if (closing) return `结束标签 ${closing[1]} 与开始标签 ${closing[2]} 不对应`;
  if (/Unexpected closing tag/.test(message)) return "有结束标签，但前面没有对应的开始标签";
  const open = /Expected a closing tag for `([^`]*)`/.exec(message);
  if (open) return `标签 ${open[1]} 没有结束：组件请写成 <组件名 … />`;
  if (/closing brace for `\{`/.test(message))
    return "花括号“{”没有对应的“}”；要显示花括号，请写成 \\{";
  if (/before name/.test(message) && /comment/.test(message))
    return "“<!”不能用：页面中不能写 HTML 注释或 HTML 标签；要显示“<”，请写成 \\<";
  if (/after `<`/.test(message))
    return '“<”后面不是完整的组件标签：组件写成 <ScoreTable year={2025} />，属性写成 名称="文字" 或 名称={数字}；要显示“<”，请写成 \\<，链接写成 [文字](地址)';
  return `页面不符合 MDX 的写法（解析器提示：${maskPersonal(message)}）`;
}

class PageReader {
  private readonly file: string;
  private readonly text: string;
  /** 1 when the page starts with a byte order mark (the parser's offsets start after it). */
  private readonly base: number;
  private readonly lines: LineIndex;
  private readonly ctx: PageContext;
  private readonly out: Diagnostic[];
  private readonly definitions = new Map<string, string | null>();
  private nestingReported = false;

  constructor(
    file: string,
    text: string,
    base: number,
    lines: LineIndex,
    ctx: PageContext,
    out: Diagnostic[],
  ) {
    this.file = file;
    this.text = text;
    this.base = base;
    this.lines = lines;
    this.ctx = ctx;
    this.out = out;
  }

  at(offset: number | undefined): SourcePosition {
    return { file: this.file, ...this.lines.locate((offset ?? 0) + this.base) };
  }

  report(code: DiagnosticCode, offset: number | undefined, detail: string): void {
    this.out.push(makeDiagnostic(code, { position: this.at(offset), path: "", detail }));
  }

  private deep(node: Node, depth: number): boolean {
    if (depth <= MAX_NESTING) return false;
    if (!this.nestingReported)
      this.report("page/syntax", node.position?.start.offset, `嵌套超过 ${MAX_NESTING} 层`);
    this.nestingReported = true;
    return true;
  }

  /** Text of the page as it enters the data: masked; reported when the build would refuse it. */
  plain(value: string, offset: number | undefined): string {
    const masked = maskPersonal(value);
    const url = fetchingUrl(masked);
    if (url !== null) this.report("page/url", offset, fetchingDetail(url));
    return masked;
  }

  /** A link or image target: reported when refused (null then), masked otherwise. */
  private target(url: string, offset: number | undefined): string | null {
    const scheme = refusedScheme(url);
    if (scheme === null) return this.plain(url, offset);
    this.report(
      "page/url",
      offset,
      `不能使用 ${scheme}: 地址（${snippet(url.replace(/[\t\n\r]/g, ""))}）`,
    );
    return null;
  }

  /** Link reference definitions (`[a]: /units/`), each checked; the first of a label counts. */
  collectDefinitions(node: Node): void {
    const stack = [node];
    while (stack.length) {
      const n = stack.pop() as Node;
      if (n.type === "definition" && n.identifier !== undefined) {
        const target = this.target(n.url ?? "", n.position?.start.offset);
        if (!this.definitions.has(n.identifier)) this.definitions.set(n.identifier, target);
      }
      if (n.children) stack.push(...[...n.children].reverse());
    }
  }

  /** An HTML element or unknown component: refused; its content is still checked. */
  private element(node: Node, depth: number): void {
    const name = node.name;
    const offset = node.position?.start.offset;
    if (name === null || name === undefined)
      this.report("page/html", offset, "页面中不能写 <> 片段");
    else if (/^[a-z]/.test(name) || /[.:-]/.test(name))
      this.report("page/html", offset, `页面中不能写 HTML 标签 <${name}>`);
    else
      this.report(
        "page/html",
        offset,
        `不认识的组件 <${name}>（可用：ScoreTable、RankChart、DocumentList）`,
      );
    this.content(node.children ?? [], depth + 1);
  }

  /** The content of a refused element or of a component: checked for further problems only. */
  private content(nodes: readonly Node[], depth: number): void {
    for (const node of nodes) {
      if (FLOW.has(node.type)) this.block(node, depth, false);
      else this.inlines([node], depth);
    }
  }

  /** The page's blocks; components only at the top level (`top`). */
  blocks(nodes: readonly Node[], depth: number, top: boolean): PageBlock[] {
    const out: PageBlock[] = [];
    for (const node of nodes) {
      const block = this.block(node, depth, top);
      if (block) out.push(block);
    }
    return out;
  }

  private block(node: Node, depth: number, top: boolean): PageBlock | null {
    const offset = node.position?.start.offset;
    if (this.deep(node, depth)) return null;
    switch (node.type) {
      case "heading":
        return {
          type: "heading",
          depth: Math.min(Math.max(node.depth ?? 1, 1), 6) as 1 | 2 | 3 | 4 | 5 | 6,
          content: this.inlines(node.children ?? [], depth + 1),
        };
      case "paragraph":
        return { type: "paragraph", content: this.inlines(node.children ?? [], depth + 1) };
      case "list": {
        const items: PageListItem[] = (node.children ?? []).map((item) => ({
          checked: typeof item.checked === "boolean" ? item.checked : null,
          children: this.blocks(item.children ?? [], depth + 2, false),
        }));
        const loose = node.spread === true || (node.children ?? []).some((i) => i.spread === true);
        return {
          type: "list",
          ordered: node.ordered === true,
          start: node.ordered === true && typeof node.start === "number" ? node.start : null,
          tight: !loose,
          items,
        };
      }
      case "blockquote":
        return { type: "blockquote", children: this.blocks(node.children ?? [], depth + 1, false) };
      case "table": {
        const rows = (node.children ?? []).map((row) =>
          (row.children ?? []).map((cell) => this.inlines(cell.children ?? [], depth + 3)),
        );
        const align = (node.align ?? []).map((a): PageAlign =>
          a === "left" || a === "center" || a === "right" ? a : null,
        );
        return { type: "table", align, head: rows[0] ?? [], rows: rows.slice(1) };
      }
      case "code":
        return { type: "code", text: this.plain(node.value ?? "", offset) };
      case "thematicBreak":
        return { type: "rule" };
      case "definition":
        return null;
      case "yaml":
      case "toml":
        this.report(
          "page/syntax",
          offset,
          "头信息（--- 之间的 title）只能写在页面的最开头，且只能用 YAML",
        );
        return null;
      case "mdxjsEsm":
        this.report(
          "page/code",
          offset,
          `页面中不能写 import 或 export 语句（“${snippet(node.value ?? "")}”）`,
        );
        return null;
      case "mdxFlowExpression":
        if (!onlyComments(node.value ?? ""))
          this.report(
            "page/code",
            offset,
            `页面中不能写 { } 表达式（“{${snippet(node.value ?? "")}}”）`,
          );
        return null;
      case "mdxJsxFlowElement": {
        const name = node.name ?? null;
        if (!isComponentName(name)) {
          this.element(node, depth);
          return null;
        }
        if (!top) {
          this.report(
            "page/syntax",
            offset,
            `组件 <${name}> 只能单独成段写在页面中，不能放在列表、引用或其他组件中`,
          );
          return null;
        }
        return this.component(node, name, depth);
      }
      default:
        this.report("page/syntax", offset, `页面中不能使用这种写法（${node.type}）`);
        return null;
    }
  }

  private component(
    node: Node,
    name: "ScoreTable" | "RankChart" | "DocumentList",
    depth: number,
  ): PageBlock | null {
    const start = node.position?.start.offset ?? 0;
    const attributes = node.attributes ?? [];
    const offsets = attributeOffsets(this.text, start);
    const exact = offsets.length === attributes.length;
    const at = (i: number) => this.at(exact && i >= 0 ? offsets[i] : start);
    const children = node.children ?? [];
    let ok = true;
    if (children.length > 0) {
      ok = false;
      this.report("page/prop", start, `组件 <${name}> 不能有内容，请写成 <${name} … />`);
      this.content(children, depth + 1);
    }
    const component = componentProps(name, attributes, at, this.at(start), this.ctx, this.out);
    return ok && component ? { type: "component", component } : null;
  }

  /** Inline content: adjacent texts are joined before masking, so a number split by the parser is masked whole. */
  inlines(nodes: readonly Node[], depth: number): PageInline[] {
    const out: PageInline[] = [];
    let text: string | null = null;
    let at: number | undefined;
    const flush = () => {
      if (text !== null) out.push({ type: "text", text: this.plain(text, at) });
      text = null;
    };
    for (const node of nodes) {
      if (node.type === "text") {
        if (text === null) at = node.position?.start.offset;
        text = (text ?? "") + (node.value ?? "");
        continue;
      }
      flush();
      const inline = this.inline(node, depth);
      if (Array.isArray(inline)) out.push(...inline);
      else if (inline) out.push(inline);
    }
    flush();
    return out;
  }

  private inline(node: Node, depth: number): PageInline | PageInline[] | null {
    const offset = node.position?.start.offset;
    if (this.deep(node, depth)) return null;
    const children = () => this.inlines(node.children ?? [], depth + 1);
    switch (node.type) {
      case "strong":
      case "emphasis":
      case "delete":
        return { type: node.type, children: children() };
      case "inlineCode":
        return { type: "code", text: this.plain(node.value ?? "", offset) };
      case "break":
        return { type: "break" };
      case "link": {
        const href = this.target(node.url ?? "", offset);
        return href === null ? children() : { type: "link", href, children: children() };
      }
      case "linkReference": {
        const href = this.definitions.get(node.identifier ?? "");
        return href === null || href === undefined
          ? children()
          : { type: "link", href, children: children() };
      }
      case "image": {
        const src = this.target(node.url ?? "", offset);
        return src === null
          ? null
          : { type: "image", src, alt: this.plain(node.alt ?? "", offset) };
      }
      case "imageReference": {
        const src = this.definitions.get(node.identifier ?? "");
        return src === null || src === undefined
          ? null
          : { type: "image", src, alt: this.plain(node.alt ?? "", offset) };
      }
      case "mdxTextExpression":
        if (!onlyComments(node.value ?? ""))
          this.report(
            "page/code",
            offset,
            `页面中不能写 { } 表达式（“{${snippet(node.value ?? "")}}”）`,
          );
        return null;
      case "mdxJsxTextElement": {
        const name = node.name ?? null;
        if (isComponentName(name)) {
          this.report(
            "page/syntax",
            offset,
            `组件 <${name}> 要单独成段：前后各空一行，不能写在一段文字中间`,
          );
          this.content(node.children ?? [], depth + 1);
        } else this.element(node, depth);
        return null;
      }
      default:
        this.report("page/syntax", offset, `页面中不能使用这种写法（${node.type}）`);
        return null;
    }
  }
}

/** Block (flow) node types; the rest is inline (phrasing) content. */
const FLOW = new Set([
  "heading",
  "paragraph",
  "list",
  "blockquote",
  "table",
  "code",
  "thematicBreak",
  "definition",
  "yaml",
  "toml",
  "mdxjsEsm",
  "mdxFlowExpression",
  "mdxJsxFlowElement",
]);

const FRONT_MATTER_KEYS = new Set(["title"]);

/** The front matter's title (masked), undefined when there is none, null after a problem. */
function frontMatterTitle(
  file: string,
  text: string,
  base: number,
  node: Node,
  out: Diagnostic[],
): string | null | undefined {
  // The front matter opens the page (line 1 is `---`): parse its lines where they stand, so that
  // positions are the page's.
  const value = node.value ?? "";
  if (value.trim() === "") return undefined;
  const count = value.split("\n").length;
  const padded = ["", ...text.split("\n").slice(1, 1 + count)].join("\n");
  const src = parseYamlFile(file, padded);
  const shift = (p: SourcePosition | null): SourcePosition | null =>
    p && base && p.line === 1 ? { ...p, col: p.col + base } : p;
  if (src.diagnostics.length > 0 || src.value === undefined) {
    for (const d of src.diagnostics)
      out.push(
        makeDiagnostic("page/syntax", {
          position: shift(d.position),
          path: "",
          detail: `头信息（--- 之间）有误：${d.message}`,
        }),
      );
    return null;
  }
  const data = src.value;
  if (data === null) return undefined;
  if (typeof data !== "object" || Array.isArray(data)) {
    out.push(
      makeDiagnostic("page/syntax", {
        position: shift(src.locate([])),
        path: "",
        detail: "头信息（--- 之间）应写成“title: 页面标题”",
      }),
    );
    return null;
  }
  let ok = true;
  for (const key of Object.keys(data)) {
    if (FRONT_MATTER_KEYS.has(key)) continue;
    ok = false;
    out.push(
      makeDiagnostic("page/syntax", {
        position: shift(src.locate([key], "key")),
        path: key,
        detail: `头信息中不认识的字段 ${key}（只能写 title）`,
      }),
    );
  }
  const title = (data as Record<string, unknown>).title;
  if (title === undefined || title === null) return ok ? undefined : null;
  if (typeof title !== "string" || title.trim() === "") {
    out.push(
      makeDiagnostic("page/syntax", {
        position: shift(src.locate(["title"])),
        path: "title",
        detail: "title 应为页面标题（文字）",
      }),
    );
    return null;
  }
  const masked = maskPersonal(title.trim());
  const url = fetchingUrl(masked);
  if (url !== null) {
    out.push(
      makeDiagnostic("page/url", {
        position: shift(src.locate(["title"])),
        path: "title",
        detail: fetchingDetail(url),
      }),
    );
    return null;
  }
  return ok ? masked : null;
}

/**
 * Block quotes nested this deep are refused before parsing: the parser's time grows with the
 * square of the depth (100,000 levels: 4 s). Shallower excess is refused after parsing.
 */
const QUOTE_BOMB = /^(?:[ \t]*>){1000}/m;

const stem = (file: string) => file.replace(/^pages\//, "").replace(/\.mdx$/, "");

/** One page: its title and blocks, or null after reporting its problems. */
export function readPage(
  file: string,
  raw: string,
  ctx: PageContext,
  out: Diagnostic[],
): Omit<Page, "slug"> | null {
  const base = raw.startsWith("\uFEFF") ? 1 : 0;
  const text = raw.slice(base);
  const lines = new LineIndex(raw);
  const before = out.length;
  const syntax = (position: SourcePosition, detail: string) =>
    out.push(makeDiagnostic("page/syntax", { position, path: "", detail }));

  const bomb = QUOTE_BOMB.exec(text);
  if (bomb) {
    syntax({ file, ...lines.locate(bomb.index + base) }, `嵌套超过 ${MAX_NESTING} 层`);
    return null;
  }
  let root: Node;
  try {
    root = mdxToMdast(text, { features: { gfm: { footnotes: false } } }) as unknown as Node;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const m = /^(\d+):(\d+):\s*(.*?)\s*(?:\([a-z-]+:[a-z-]+\))?$/s.exec(message);
    const line = m ? Number(m[1]) : 1;
    const col = m ? Number(m[2]) + (line === 1 ? base : 0) : 1;
    syntax({ file, line, col }, syntaxMessage(m ? (m[3] as string) : message));
    return null;
  }

  const reader = new PageReader(file, text, base, lines, ctx, out);
  let children = root.children ?? [];
  let title: string | null | undefined;
  const first = children[0];
  if (first?.type === "yaml") {
    title = frontMatterTitle(file, text, base, first, out);
    children = children.slice(1);
  } else if (first?.type === "toml") {
    reader.report("page/syntax", 0, "头信息只能用 YAML（写在两行 --- 之间），不能用 +++");
    children = children.slice(1);
  } else if (/^---[ \t]*\r?$/m.test(text.split("\n")[0] ?? "")) {
    reader.report("page/syntax", 0, "头信息没有结束：title 等字段后面要有一行 ---");
  }
  reader.collectDefinitions(root);
  const blocks = reader.blocks(children, 0, true);
  if (out.length > before) return null;
  return { file, title: title ?? stem(file), blocks };
}

/** Every page of `files` (path → text), with slugs; diagnostics into `out`. */
export function validatePages(
  files: ReadonlyMap<string, string>,
  ctx: PageContext,
  out: Diagnostic[],
): Page[] {
  const read: Omit<Page, "slug">[] = [];
  const names: string[] = [];
  for (const [file, text] of files) {
    if (classify(file)?.kind !== "page") continue;
    names.push(stem(file));
    const page = readPage(file, text, ctx, out);
    if (page) read.push(page);
  }
  const assigned = pageSlugs(names);
  const slugs = new Map(names.map((name, i) => [name, assigned[i] as string]));
  return read.map((p) => ({ ...p, slug: slugs.get(stem(p.file)) as string }));
}
