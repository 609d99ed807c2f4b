// validate/pages: office pages (pages/<name>.mdx) → page data, or diagnostics at the offending
// line and column. A page is content, not code: front matter (`title`), Markdown, and the site's
// components with literal props. The page is parsed with MDX's grammar (load/markdown.ts, so `{`
// and `<` mean what they mean in MDX) and never compiled or run: whatever is outside that subset
// — import/export, {expressions}, HTML elements, unknown components, event or spread attributes,
// javascript:/data: URLs — is reported here, and what is accepted becomes plain data that the
// site renders with its own escaping code. Every text is masked (ID and mobile numbers) here.
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { PageSyntax } from "../diagnostics/codes/pages.ts";
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.ts";
import { classify } from "../load/index.ts";
import { LineIndex } from "../load/line-index.ts";
import { deepNestingLine, markdownLimit, parseMdx } from "../load/markdown.ts";
import type { MdxSyntaxError } from "../load/markdown.ts";
import { maskPersonal } from "../text/mask.ts";
import type { Page } from "./content.ts";
import type { ComponentContext } from "./page-components.ts";
import { frontMatterTitle } from "./page-front-matter.ts";
import { MAX_NESTING, PageReader } from "./page-reader.ts";
import type { MdastNode } from "./page-reader.ts";
import { pageSlugs } from "./page-slugs.ts";

export { MAX_NESTING };

export type PageContext = ComponentContext;

/** What the parser's errors (`Unexpected … in name, expected …`) mean (the catalog words them). */
function syntaxProblem({ reason, kind }: MdxSyntaxError): PageSyntax {
  const closing =
    /Unexpected closing tag `([^`]*)`, expected corresponding closing tag for `([^`]*)`/.exec(
      reason,
    );
  if (closing)
    return {
      problem: "closing-mismatch",
      closing: closing[1] as string,
      opening: closing[2] as string,
    };
  if (/expected an open tag first/.test(reason)) return { problem: "closing-unopened" };
  const open = /Expected a closing tag for `([^`]*)`/.exec(reason);
  if (open) return { problem: "unclosed-tag", tag: open[1] as string };
  if (/closing brace for `\{`/.test(reason)) return { problem: "unclosed-brace" };
  if (/before name/.test(reason) && /comment/.test(reason)) return { problem: "html-comment" };
  if (/lazy line/.test(reason)) return { problem: "lazy-line" };
  if (kind === "tag") return { problem: "incomplete-tag" };
  return { problem: "parser", said: maskPersonal(reason) };
}

/**
 * Containers (block quotes, list items) nested this deep are refused before parsing, at the line
 * that opens them: the parser's time grows faster than the square of the depth (a 10 KB line of
 * `- - - …` takes seconds). Shallower excess is refused after parsing, at the node.
 */
const NESTING_BOMB = 2 * MAX_NESTING;

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
  const syntax = (position: SourcePosition, params: PageSyntax) =>
    out.push(makeDiagnostic("page/syntax", { position, path: "", params }));

  const bomb = deepNestingLine(text, NESTING_BOMB);
  if (bomb !== null) {
    // Not parsed whole: the lines before the bomb name the first place that nests too deep.
    const head = new PageReader(file, base, lines, ctx, []);
    const prefix = parseMdx(text.slice(0, bomb)).root;
    if (prefix) head.blocks(prefix.children as MdastNode[], 0, true);
    const at = head.tooDeepAt ?? bomb;
    syntax({ file, ...lines.locate(at + base) }, { problem: "nesting", max: MAX_NESTING });
    return null;
  }
  const marks = markdownLimit(text);
  if (marks?.kind === "emphasis") {
    syntax({ file, ...lines.locate(marks.offset + base) }, { problem: "emphasis", max: marks.max });
    return null;
  }
  const reader = new PageReader(file, base, lines, ctx, out);
  const parsed = parseMdx(text);
  if (parsed.error) {
    const { offset, kind } = parsed.error;
    // import/export that is not even JavaScript is refused as the import/export it is.
    if (kind === "esm")
      reader.blocks(
        [{ type: "mdxjsEsm", value: text.slice(offset), position: { start: { offset } } }],
        0,
        true,
      );
    else reader.report("page/syntax", offset, syntaxProblem(parsed.error));
    return null;
  }
  const root = parsed.root as MdastNode;

  let children = root.children ?? [];
  let title: string | null | undefined;
  const first = children[0];
  if (first?.type === "yaml") {
    title = frontMatterTitle(file, text, first.value ?? "", out);
    children = children.slice(1);
  } else if (first?.type === "toml") {
    reader.report("page/syntax", 0, { problem: "front-matter-toml" });
    children = children.slice(1);
  } else if (/^---[ \t]*\r?$/m.test(text.split("\n")[0] ?? "")) {
    reader.report("page/syntax", 0, { problem: "front-matter-unclosed" });
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
  for (const file of files.keys()) {
    if (classify(file)?.kind !== "page") continue;
    names.push(stem(file));
    const page = readPage(file, files.get(file) as string, ctx, out);
    if (page) read.push(page);
  }
  const assigned = pageSlugs(names);
  const slugs = new Map(names.map((name, i) => [name, assigned[i] as string]));
  return read.map((p) => ({ ...p, slug: slugs.get(stem(p.file)) as string }));
}
