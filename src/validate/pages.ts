// validate/pages: office pages (pages/<name>.mdx) → page data, or diagnostics at the offending
// line and column. A page is content, not code: front matter (`title`), Markdown, and the site's
// components with literal props. The page is parsed with MDX's grammar (satteri's mdast, so `{`
// and `<` mean what they mean in MDX) and never compiled or run: whatever is outside that subset
// — import/export, {expressions}, HTML elements, unknown components, event or spread attributes,
// javascript:/data: URLs — is reported here, and what is accepted becomes plain data that the
// site renders with its own escaping code. Every text is masked (ID and mobile numbers) here.
import { mdxToMdast } from "satteri";
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { PageSyntax } from "../diagnostics/codes/pages.ts";
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.ts";
import { classify } from "../load/index.ts";
import { LineIndex } from "../load/line-index.ts";
import { maskPersonal } from "../text/mask.ts";
import type { Page } from "./content.ts";
import type { ComponentContext } from "./page-components.ts";
import { frontMatterTitle } from "./page-front-matter.ts";
import { MAX_NESTING, PageReader } from "./page-reader.ts";
import type { MdastNode } from "./page-reader.ts";
import { pageSlugs } from "./page-slugs.ts";

export { MAX_NESTING };

export type PageContext = ComponentContext;

/** What satteri's parse errors (`3:1: Unexpected … (mdx-jsx:…)`) mean (the catalog words them). */
function syntaxProblem(message: string): PageSyntax {
  const closing =
    /Unexpected closing tag `([^`]*)`, expected corresponding closing tag for `([^`]*)`/.exec(
      message,
    );
  if (closing)
    return {
      problem: "closing-mismatch",
      closing: closing[1] as string,
      opening: closing[2] as string,
    };
  if (/Unexpected closing tag/.test(message)) return { problem: "closing-unopened" };
  const open = /Expected a closing tag for `([^`]*)`/.exec(message);
  if (open) return { problem: "unclosed-tag", tag: open[1] as string };
  if (/closing brace for `\{`/.test(message)) return { problem: "unclosed-brace" };
  if (/before name/.test(message) && /comment/.test(message)) return { problem: "html-comment" };
  if (/after `<`/.test(message)) return { problem: "incomplete-tag" };
  return { problem: "parser", said: maskPersonal(message) };
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
  const syntax = (position: SourcePosition, params: PageSyntax) =>
    out.push(makeDiagnostic("page/syntax", { position, path: "", params }));

  const bomb = QUOTE_BOMB.exec(text);
  if (bomb) {
    syntax({ file, ...lines.locate(bomb.index + base) }, { problem: "nesting", max: MAX_NESTING });
    return null;
  }
  let root: MdastNode;
  try {
    root = mdxToMdast(text, { features: { gfm: { footnotes: false } } }) as unknown as MdastNode;
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const m = /^(\d+):(\d+):\s*(.*?)\s*(?:\([a-z-]+:[a-z-]+\))?$/s.exec(message);
    const line = m ? Number(m[1]) : 1;
    const col = m ? Number(m[2]) + (line === 1 ? base : 0) : 1;
    syntax({ file, line, col }, syntaxProblem(m ? (m[3] as string) : message));
    return null;
  }

  const reader = new PageReader(file, text, base, lines, ctx, out);
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
