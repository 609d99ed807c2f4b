// Markdown → mdast with source positions: the one Markdown parser (micromark), for document bodies
// (doc/from-markdown) and for office pages (validate/pages). Like load/yaml.ts it turns source text
// into a tree and evaluates nothing; what the tree may contain is for its readers to decide.
//
// Both grammars are CommonMark with GFM tables and CJK-friendly emphasis: `**` opens and closes
// next to Chinese punctuation and Han characters (`**1.坚持依法按政策办事。**严格执行` is bold,
// where plain CommonMark prints the asterisks). Office pages add MDX (import/export, {…} and
// JSX, read by acorn to find where they end, never run), YAML/TOML front matter, strikethrough
// (CJK-friendly too), task lists and bare links (www., https://).
import { createRequire } from "node:module";
import type { Nodes, Root } from "mdast";
import type * as FromMarkdown from "mdast-util-from-markdown";
import type * as Frontmatter from "mdast-util-frontmatter";
import type * as AutolinkMdast from "mdast-util-gfm-autolink-literal";
import type * as StrikethroughMdast from "mdast-util-gfm-strikethrough";
import type * as TableMdast from "mdast-util-gfm-table";
import type * as TaskListMdast from "mdast-util-gfm-task-list-item";
import type * as MdxMdast from "mdast-util-mdx";
import type * as CjkFriendly from "micromark-extension-cjk-friendly";
import type * as CjkStrikethrough from "micromark-extension-cjk-friendly-gfm-strikethrough";
import type * as FrontmatterSyntax from "micromark-extension-frontmatter";
import type * as Autolink from "micromark-extension-gfm-autolink-literal";
import type * as Table from "micromark-extension-gfm-table";
import type * as TaskList from "micromark-extension-gfm-task-list-item";
import type * as Mdxjs from "micromark-extension-mdxjs";
import type { Construct, Extension, Point } from "micromark-util-types";
import { fastMarkdown, fastMdx } from "./markdown-fast.ts";

// The parser and its extensions are loaded on first use (about 0.1 s), not when this module
// is: `score` and `stats` validate content without ever parsing Markdown. The packages are
// plain ES modules, which Node's require loads synchronously.
const require = createRequire(import.meta.url);

interface DocumentGrammar {
  fromMarkdown: typeof FromMarkdown.fromMarkdown;
  gfmTable: typeof Table.gfmTable;
  gfmTableFromMarkdown: typeof TableMdast.gfmTableFromMarkdown;
  cjkFriendlyExtension: typeof CjkFriendly.cjkFriendlyExtension;
}

interface PageGrammar extends DocumentGrammar {
  mdxjs: typeof Mdxjs.mdxjs;
  mdxFromMarkdown: typeof MdxMdast.mdxFromMarkdown;
  frontmatter: typeof FrontmatterSyntax.frontmatter;
  frontmatterFromMarkdown: typeof Frontmatter.frontmatterFromMarkdown;
  gfmAutolinkLiteral: typeof Autolink.gfmAutolinkLiteral;
  gfmAutolinkLiteralFromMarkdown: typeof AutolinkMdast.gfmAutolinkLiteralFromMarkdown;
  gfmTaskListItem: typeof TaskList.gfmTaskListItem;
  gfmTaskListItemFromMarkdown: typeof TaskListMdast.gfmTaskListItemFromMarkdown;
  gfmStrikethroughCjkFriendly: typeof CjkStrikethrough.gfmStrikethroughCjkFriendly;
  gfmStrikethroughFromMarkdown: typeof StrikethroughMdast.gfmStrikethroughFromMarkdown;
}

let documentGrammar: DocumentGrammar | undefined;
let pageGrammar: PageGrammar | undefined;

function documents(): DocumentGrammar {
  documentGrammar ??= {
    fromMarkdown: (require("mdast-util-from-markdown") as typeof FromMarkdown).fromMarkdown,
    gfmTable: (require("micromark-extension-gfm-table") as typeof Table).gfmTable,
    gfmTableFromMarkdown: (require("mdast-util-gfm-table") as typeof TableMdast)
      .gfmTableFromMarkdown,
    cjkFriendlyExtension: (require("micromark-extension-cjk-friendly") as typeof CjkFriendly)
      .cjkFriendlyExtension,
  };
  return documentGrammar;
}

function pages(): PageGrammar {
  pageGrammar ??= {
    ...documents(),
    mdxjs: (require("micromark-extension-mdxjs") as typeof Mdxjs).mdxjs,
    mdxFromMarkdown: (require("mdast-util-mdx") as typeof MdxMdast).mdxFromMarkdown,
    frontmatter: (require("micromark-extension-frontmatter") as typeof FrontmatterSyntax)
      .frontmatter,
    frontmatterFromMarkdown: (require("mdast-util-frontmatter") as typeof Frontmatter)
      .frontmatterFromMarkdown,
    gfmAutolinkLiteral: (require("micromark-extension-gfm-autolink-literal") as typeof Autolink)
      .gfmAutolinkLiteral,
    gfmAutolinkLiteralFromMarkdown: (
      require("mdast-util-gfm-autolink-literal") as typeof AutolinkMdast
    ).gfmAutolinkLiteralFromMarkdown,
    gfmTaskListItem: (require("micromark-extension-gfm-task-list-item") as typeof TaskList)
      .gfmTaskListItem,
    gfmTaskListItemFromMarkdown: (require("mdast-util-gfm-task-list-item") as typeof TaskListMdast)
      .gfmTaskListItemFromMarkdown,
    gfmStrikethroughCjkFriendly: (
      require("micromark-extension-cjk-friendly-gfm-strikethrough") as typeof CjkStrikethrough
    ).gfmStrikethroughCjkFriendly,
    gfmStrikethroughFromMarkdown: (
      require("mdast-util-gfm-strikethrough") as typeof StrikethroughMdast
    ).gfmStrikethroughFromMarkdown,
  };
  return pageGrammar;
}

export type { Root } from "mdast";

/** Where and why an office page is not MDX. */
export interface MdxSyntaxError {
  /** Offset in the text (UTF-16 units) of what failed. */
  offset: number;
  /** The parser's words (English). */
  reason: string;
  /** What failed: `tag` (a JSX tag), `esm` (import/export), `expression` ({…}) or `other`. */
  kind: "tag" | "esm" | "expression" | "other";
}

/**
 * A document body (templates' output): CommonMark, GFM tables, CJK-friendly emphasis. Text made
 * only of what templates write is read by load/markdown-fast (the same tree, several times
 * faster); anything else by micromark.
 */
export function parseMarkdown(text: string): Root {
  return fastMarkdown(text) ?? parseMarkdownWithMicromark(text);
}

/** parseMarkdown by micromark alone, whatever the text (the reference of the fast reader). */
export function parseMarkdownWithMicromark(text: string): Root {
  const { fromMarkdown, gfmTable, gfmTableFromMarkdown, cjkFriendlyExtension } = documents();
  return fromMarkdown(text, {
    extensions: [gfmTable(), cjkFriendlyExtension()],
    mdastExtensions: [gfmTableFromMarkdown()],
  });
}

/**
 * An office page: the document grammar plus MDX, front matter, strikethrough, task lists and
 * bare links. A paragraph that holds only components and {…} (and spaces) is read as those blocks,
 * as MDX compilers do (`<A>text</A>` on one line is a block, not a sentence). A syntax error is
 * placed at the start of the tag, expression or import that fails, where a reader looks for it.
 */
export function parseMdx(
  text: string,
): { root: Root; error: null } | { root: null; error: MdxSyntaxError } {
  // A page of plain Markdown (headings, paragraphs, lists, links, tables) is read by
  // load/markdown-fast, which gives the same tree without loading the parser.
  const fast = fastMdx(text);
  return fast ? { root: fast, error: null } : parseMdxWithMicromark(text);
}

/** parseMdx by micromark alone, whatever the text (the reference of the fast reader). */
export function parseMdxWithMicromark(
  text: string,
): { root: Root; error: null } | { root: null; error: MdxSyntaxError } {
  const g = pages();
  let started: Point | null = null;
  const mdx = tracked(g.mdxjs(), (point) => (started = point));
  try {
    const root = g.fromMarkdown(text, {
      extensions: [
        mdx,
        g.frontmatter(FRONT_MATTER),
        g.gfmTable(),
        g.gfmAutolinkLiteral(),
        g.gfmTaskListItem(),
        g.cjkFriendlyExtension(),
        g.gfmStrikethroughCjkFriendly(),
      ],
      mdastExtensions: [
        g.mdxFromMarkdown(),
        g.frontmatterFromMarkdown(FRONT_MATTER),
        g.gfmTableFromMarkdown(),
        g.gfmAutolinkLiteralFromMarkdown(),
        g.gfmTaskListItemFromMarkdown(),
        g.gfmStrikethroughFromMarkdown(),
      ],
    });
    unravel(root);
    return { root, error: null };
  } catch (e) {
    return { root: null, error: placeError(text, e, started) };
  }
}

const FRONT_MATTER: ("yaml" | "toml")[] = ["yaml", "toml"];

/** `ext` with `onStart` told where each of its constructs (a tag, an expression, ESM) begins. */
function tracked(ext: Extension, onStart: (point: Point) => void): Extension {
  const wrap = (c: Construct): Construct => ({
    ...c,
    tokenize(effects, ok, nok) {
      onStart(this.now());
      return c.tokenize.call(this, effects, ok, nok);
    },
  });
  const map = (m: Extension["flow"]) =>
    m &&
    Object.fromEntries(
      Object.entries(m).map(([code, cs]) => [
        code,
        Array.isArray(cs) ? cs.map(wrap) : wrap(cs as Construct),
      ]),
    );
  return { ...ext, flow: map(ext.flow), text: map(ext.text) };
}

/** The error of a failed parse, placed where a reader looks for the fault. */
function placeError(text: string, e: unknown, started: Point | null): MdxSyntaxError {
  const m = (e ?? {}) as {
    line?: number | null;
    column?: number | null;
    reason?: string;
    message?: string;
    source?: string | null;
    ruleId?: string | null;
  };
  const reason = m.reason ?? m.message ?? String(e);
  const source = m.source ?? "";
  const at = (offset: number, kind: MdxSyntaxError["kind"]) => ({ offset, reason, kind });
  // Tokenizer errors (a tag or an expression that does not end, ESM that is not JavaScript):
  // at the start of the failing construct, past its indentation. Errors of acorn inside an
  // expression keep acorn's place (the token it could not read).
  const esm = source === "micromark-extension-mdxjs-esm";
  if (
    started &&
    (esm || (/^micromark-extension-mdx-(jsx|expression)$/.test(source) && m.ruleId !== "acorn"))
  ) {
    let offset = started.offset;
    while (text[offset] === " " || text[offset] === "\t") offset++;
    return at(offset, esm ? "esm" : text[offset] === "<" ? "tag" : "expression");
  }
  // A tag left open: at the opening tag the message names.
  const open = /^Expected a closing tag for `[^`]*` \((\d+):(\d+)/.exec(reason);
  if (open) return at(offsetOf(text, Number(open[1]), Number(open[2])), "tag");
  const offset = offsetOf(text, m.line ?? 1, m.column ?? 1);
  // A closing tag that closes nothing or holds more than its name: at its `<`.
  if (/in closing tag|expected an open tag first/.test(reason)) {
    const lt = text.lastIndexOf("<", offset);
    if (lt >= 0 && !text.slice(lt, offset).includes("\n")) return at(lt, "tag");
  }
  return at(offset, source.includes("jsx") ? "tag" : "other");
}

/** The offset of a 1-based line and column (UTF-16 units, as the parser counts). */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = text.indexOf("\n", offset);
    if (next < 0) break;
    offset = next + 1;
  }
  return Math.min(text.length, offset + column - 1);
}

const INLINE_TO_FLOW: Record<string, string> = {
  mdxJsxTextElement: "mdxJsxFlowElement",
  mdxTextExpression: "mdxFlowExpression",
};

/** Paragraphs of only components and expressions become those blocks (MDX's "unravel"). */
function unravel(root: Root): void {
  const stack: Nodes[] = [root];
  while (stack.length) {
    const node = stack.pop() as Nodes;
    if (!("children" in node)) continue;
    const children = node.children as Nodes[];
    for (let i = 0; i < children.length; i++) {
      const child = children[i] as Nodes;
      if (child.type === "paragraph") {
        const kids = child.children as Nodes[];
        const only = kids.every(
          (k) => k.type in INLINE_TO_FLOW || (k.type === "text" && /^[\t\n\r ]*$/.test(k.value)),
        );
        if (only && kids.some((k) => k.type in INLINE_TO_FLOW)) {
          const blocks = kids.filter((k) => k.type in INLINE_TO_FLOW);
          for (const b of blocks) (b as { type: string }).type = INLINE_TO_FLOW[b.type] as string;
          children.splice(i, 1, ...blocks);
          i += blocks.length - 1;
          stack.push(...blocks);
          continue;
        }
      }
      stack.push(child);
    }
  }
}

const THEMATIC_BREAK = /^[ \t]*([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
/** A fenced code block at column 0 (always top-level) opens; one closes it at 0–3 spaces. */
const OPEN_FENCE = /^(?:(`{3,})[^`]*|(~{3,}).*)$/;
const CLOSE_FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*$/;

/**
 * The offset of the first line that may open its `limit`-th nested container (block quote or
 * list item), or null. micromark's time grows faster than the square of the nesting (a 10 KB
 * line of `- - - …` takes seconds), so a reader refuses such text before parsing it. The bound
 * is never below the true nesting: a line opens at most one container per marker at its start,
 * inside at most the deepest nesting of the lines before it; fenced code at column 0 is skipped.
 */
export function deepNestingLine(text: string, limit: number): number | null {
  let deepest = 0;
  let fence: string | null = null;
  for (let start = 0; start < text.length;) {
    const end = text.indexOf("\n", start);
    const line = text.slice(start, end < 0 ? text.length : end).replace(/\r$/, "");
    if (fence !== null) {
      const close = CLOSE_FENCE.exec(line)?.[1];
      if (close !== undefined && close[0] === fence[0] && close.length >= fence.length)
        fence = null;
    } else if (OPEN_FENCE.test(line)) {
      const open = OPEN_FENCE.exec(line);
      fence = open?.[1] ?? open?.[2] ?? null;
    } else if (!THEMATIC_BREAK.test(line)) {
      const marker = /[ \t]*(?:>|(?:[-+*]|\d{1,9}[.)])(?=[ \t]|$))/y;
      let markers = 0;
      while (marker.test(line)) markers++;
      // Container markers (`>`, `-`, `+`, `*`, `1.`, `1)`, each before a space) at the line's start.
      if (markers > 0) {
        deepest = Math.max(deepest, Math.min(deepest + markers, markers + indentOf(line) / 2));
        if (deepest >= limit) return start;
      }
    }
    if (end < 0) break;
    start = end + 1;
  }
  return null;
}

/** Columns of whitespace among a line's container markers (a tab counts as four). */
function indentOf(line: string): number {
  let columns = 0;
  for (const c of line) {
    if (c === " ") columns++;
    else if (c === "\t") columns += 4;
    else if (!/[>\-+*.)0-9]/.test(c)) break;
  }
  return columns;
}

/** Containers (block quotes, list items) a Markdown text may nest (see deepNestingLine). */
export const MAX_MARKDOWN_NESTING = 64;

/**
 * Emphasis marks (`*`, `_`) one paragraph may hold: matching them costs the parser time that
 * grows with the square of their number (10 KB of `*a` takes half a second, 100 KB a minute).
 * Office text uses a handful per paragraph.
 */
export const MAX_EMPHASIS_MARKS = 1000;

export interface MarkdownLimit {
  /** Offset in the text where the limit is passed. */
  offset: number;
  kind: "nesting" | "emphasis";
  max: number;
}

/**
 * Where Markdown written by an office passes a limit that bounds the parser's work, or null:
 * containers nested too deep (a line that may open the 64th), or a paragraph with too many
 * emphasis marks (at its first mark). Run before parsing text nobody has checked.
 */
export function markdownLimit(text: string): MarkdownLimit | null {
  const deep = deepNestingLine(text, MAX_MARKDOWN_NESTING);
  if (deep !== null) return { offset: deep, kind: "nesting", max: MAX_MARKDOWN_NESTING };
  let first = -1;
  let marks = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 /* * */ || c === 95 /* _ */) {
      if (marks === 0) first = i;
      if (++marks > MAX_EMPHASIS_MARKS)
        return { offset: first, kind: "emphasis", max: MAX_EMPHASIS_MARKS };
    } else if (c === 10 && blankLineAfter(text, i)) marks = 0;
  }
  return null;
}

/** Whether the line after the line break at `i` is blank (a paragraph ends there). */
function blankLineAfter(text: string, i: number): boolean {
  let j = i + 1;
  while (j < text.length && (text[j] === " " || text[j] === "\t" || text[j] === "\r")) j++;
  return j >= text.length || text[j] === "\n";
}
