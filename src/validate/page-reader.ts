// An office page's mdast (load/markdown.ts, MDX grammar) → page data: Markdown blocks and inlines, the
// site's components with their checked props. Everything else — import/export, {expressions},
// HTML elements, unknown components, javascript:/data: URLs — is reported at its line and column
// and left out. Every text is masked (ID and mobile numbers) as it enters the data.
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { DiagnosticArgs, DiagnosticCode, ParamsOf } from "../diagnostics/catalog.ts";
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.ts";
import type { LineIndex } from "../load/line-index.ts";
import { maskPersonal } from "../text/mask.ts";
import type { PageAlign, PageBlock, PageInline, PageListItem } from "./content.ts";
import { componentProps, isComponentName } from "./page-components.ts";
import type { ComponentContext, JsxAttribute } from "./page-components.ts";
import { refusedScheme } from "./page-links.ts";

/** Containers (lists, quotes, emphasis …) nested deeper than this are refused. */
export const MAX_NESTING = 32;

/** A node of the page's mdast, as far as this module reads it. */
export interface MdastNode {
  type: string;
  position?: { start: { offset?: number } } | undefined;
  children?: MdastNode[];
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
export const snippet = (code: string) => {
  const line = maskPersonal(code.trim().split("\n")[0] ?? "");
  return line.length > 40 ? `${line.slice(0, 40)}…` : line;
};

export class PageReader {
  private readonly file: string;
  /** 1 when the page starts with a byte order mark (the parser's offsets start after it). */
  private readonly base: number;
  private readonly lines: LineIndex;
  private readonly ctx: ComponentContext;
  private readonly out: Diagnostic[];
  private readonly definitions = new Map<string, string | null>();
  private nestingReported = false;
  /** Offset of the first node nested deeper than MAX_NESTING, once one is met. */
  tooDeepAt: number | undefined;

  constructor(
    file: string,
    base: number,
    lines: LineIndex,
    ctx: ComponentContext,
    out: Diagnostic[],
  ) {
    this.file = file;
    this.base = base;
    this.lines = lines;
    this.ctx = ctx;
    this.out = out;
  }

  at(offset: number | undefined): SourcePosition {
    return { file: this.file, ...this.lines.locate((offset ?? 0) + this.base) };
  }

  /** `{…}` holds JavaScript: refused, unless it is only a comment (dropped). */
  private expression(value: string, offset: number | undefined): void {
    if (!onlyComments(value))
      this.report("page/code", offset, { problem: "expression", snippet: snippet(value) });
  }

  report<C extends Extract<DiagnosticCode, `page/${string}`>>(
    code: C,
    offset: number | undefined,
    params: ParamsOf<C>,
  ): void {
    const args = { position: this.at(offset), path: "", params } as DiagnosticArgs<C>;
    this.out.push(makeDiagnostic(code, args));
  }

  private deep(node: MdastNode, depth: number): boolean {
    if (depth <= MAX_NESTING) return false;
    if (!this.nestingReported)
      this.report("page/syntax", node.position?.start.offset, {
        problem: "nesting",
        max: MAX_NESTING,
      });
    this.nestingReported = true;
    this.tooDeepAt ??= node.position?.start.offset ?? 0;
    return true;
  }

  /** A link or image target: reported when refused (null then), masked otherwise. */
  private target(url: string, offset: number | undefined): string | null {
    const scheme = refusedScheme(url);
    if (scheme === null) return maskPersonal(url);
    this.report("page/url", offset, {
      scheme,
      target: snippet(url.replace(/[\t\n\r]/g, "")),
    });
    return null;
  }

  /** Link reference definitions (`[a]: /units/`), each checked; the first of a label counts. */
  collectDefinitions(node: MdastNode): void {
    const stack = [node];
    while (stack.length) {
      const n = stack.pop() as MdastNode;
      if (n.type === "definition" && n.identifier !== undefined) {
        const target = this.target(n.url ?? "", n.position?.start.offset);
        if (!this.definitions.has(n.identifier)) this.definitions.set(n.identifier, target);
      }
      if (n.children) stack.push(...[...n.children].reverse());
    }
  }

  /** An HTML element or unknown component: refused; its content is still checked. */
  private element(node: MdastNode, depth: number): void {
    const name = node.name;
    const offset = node.position?.start.offset;
    if (name === null || name === undefined)
      this.report("page/html", offset, { problem: "fragment" });
    else if (/^[a-z]/.test(name) || /[.:-]/.test(name))
      this.report("page/html", offset, { problem: "tag", tag: name });
    else this.report("page/html", offset, { problem: "component", tag: name });
    this.content(node.children ?? [], depth + 1);
  }

  /** The content of a refused element or of a component: checked for further problems only. */
  private content(nodes: readonly MdastNode[], depth: number): void {
    for (const node of nodes) {
      if (FLOW.has(node.type)) this.block(node, depth, false);
      else this.inlines([node], depth);
    }
  }

  /** The page's blocks; components only at the top level (`top`). */
  blocks(nodes: readonly MdastNode[], depth: number, top: boolean): PageBlock[] {
    const out: PageBlock[] = [];
    for (const node of nodes) {
      const block = this.block(node, depth, top);
      if (block) out.push(block);
    }
    return out;
  }

  private block(node: MdastNode, depth: number, top: boolean): PageBlock | null {
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
        return { type: "code", text: maskPersonal(node.value ?? "") };
      case "thematicBreak":
        return { type: "rule" };
      case "definition":
        return null;
      case "yaml":
      case "toml":
        this.report("page/syntax", offset, { problem: "front-matter-misplaced" });
        return null;
      case "mdxjsEsm":
        this.report("page/code", offset, {
          problem: "import-export",
          snippet: snippet(node.value ?? ""),
        });
        return null;
      case "mdxFlowExpression":
        this.expression(node.value ?? "", offset);
        return null;
      case "mdxJsxFlowElement": {
        const name = node.name ?? null;
        if (!isComponentName(name)) {
          this.element(node, depth);
          return null;
        }
        if (!top) {
          this.report("page/syntax", offset, {
            problem: "component-placement",
            component: name,
            placement: "nested",
          });
          return null;
        }
        return this.component(node, name, depth);
      }
      default:
        this.report("page/syntax", offset, { problem: "construct", construct: node.type });
        return null;
    }
  }

  private component(
    node: MdastNode,
    name: "ScoreTable" | "RankChart" | "DocumentList",
    depth: number,
  ): PageBlock | null {
    const start = node.position?.start.offset ?? 0;
    const attributes = node.attributes ?? [];
    const at = (i: number) => this.at(attributes[i]?.position?.start.offset ?? start);
    const children = node.children ?? [];
    let ok = true;
    if (children.length > 0) {
      ok = false;
      this.report("page/prop", start, { component: name, problem: "children" });
      this.content(children, depth + 1);
    }
    const component = componentProps(name, attributes, at, this.at(start), this.ctx, this.out);
    return ok && component ? { type: "component", component } : null;
  }

  /** Inline content: adjacent texts are joined before masking, so a number split by the parser is masked whole. */
  inlines(nodes: readonly MdastNode[], depth: number): PageInline[] {
    const out: PageInline[] = [];
    let text: string | null = null;
    const flush = () => {
      if (text !== null) out.push({ type: "text", text: maskPersonal(text) });
      text = null;
    };
    for (const node of nodes) {
      if (node.type === "text") {
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

  private inline(node: MdastNode, depth: number): PageInline | PageInline[] | null {
    const offset = node.position?.start.offset;
    if (this.deep(node, depth)) return null;
    const children = () => this.inlines(node.children ?? [], depth + 1);
    switch (node.type) {
      case "strong":
      case "emphasis":
      case "delete":
        return { type: node.type, children: children() };
      case "inlineCode":
        return { type: "code", text: maskPersonal(node.value ?? "") };
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
        return src === null ? null : { type: "image", src, alt: maskPersonal(node.alt ?? "") };
      }
      case "imageReference": {
        const src = this.definitions.get(node.identifier ?? "");
        return src === null || src === undefined
          ? null
          : { type: "image", src, alt: maskPersonal(node.alt ?? "") };
      }
      case "mdxTextExpression":
        this.expression(node.value ?? "", offset);
        return null;
      case "mdxJsxTextElement": {
        const name = node.name ?? null;
        if (isComponentName(name)) {
          this.report("page/syntax", offset, {
            problem: "component-placement",
            component: name,
            placement: "inline",
          });
          this.content(node.children ?? [], depth + 1);
        } else this.element(node, depth);
        return null;
      }
      default:
        this.report("page/syntax", offset, { problem: "construct", construct: node.type });
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
