// A fast reader for the Markdown our templates write: ATX headings, paragraphs (one may open
// with emphasis or strong), GFM tables, fenced code blocks, backslash escapes of ASCII
// punctuation and `<br>`. It gives exactly the tree micromark gives (load/markdown.ts),
// positions included, or null for any text with anything else in it (other emphasis, links,
// lists, entities, indentation, tabs, trailing spaces…), which micromark then reads whole. It refuses rather than guesses: every line must be one of
// the few shapes below, else the text is not ours to read.
//
// Office pages (MDX, `fastMdx`) are read alike, with what a plain page adds: YAML front matter,
// lists of one-line items (`- …`, `1. …`, an item may open with emphasis), inline links
// `[text](/path)` and components on lines of their own with literal props (`<ScoreTable
// year={2025} />`, with the estree MDX gives the integer). A page with any other `<`, `{` or `}`,
// import/export, strikethrough (`~`) or what GFM would turn into a link (www., ://, @) is
// refused whole. Then `check` of a plain office never loads the Markdown packages.
import type { AlignType, Code, Heading, Html, Link, List, ListItem, Paragraph } from "mdast";
import type { PhrasingContent, Root, RootContent, Table, TableCell, TableRow, Text } from "mdast";
import type { Yaml } from "mdast";
import type { MdxJsxAttribute, MdxJsxAttributeValueExpression } from "mdast-util-mdx-jsx";
import type { MdxJsxFlowElement } from "mdast-util-mdx-jsx";

interface Point {
  line: number;
  column: number;
  offset: number;
}

/** Characters that refuse a text anywhere: tab, CR, NUL and BOM (micromark rewrites them). */
const REFUSED_ANYWHERE = /[\t\r\0\ufeff]/;
/** Characters that refuse a line outside fenced code (emphasis, code, links, entities…). */
const REFUSED_INLINE = /[*_`[&]/;
/** The same on a page, where `[` may open a link (inline() reads it, or refuses the text). */
const REFUSED_INLINE_MDX = /[*_`&]/;
/**
 * What refuses a page anywhere: strikethrough (`~`), what GFM reads as a bare link (www., ://,
 * mailto:, xmpp:, e-mail addresses) and import/export.
 */
const REFUSED_MDX = /[~@]|www\.|:\/\/|mailto:|xmpp:|^(?:import|export)\b/im;
/** What only a component's line may hold on a page: JSX and expressions. */
const JSX_CHARACTERS = /[<{}]/;
/**
 * A component on a line of its own, closed there, with literal props: `<ScoreTable year={2025}
 * />`, `<DocumentList kind="通报" />` (strings without quotes, entities or braces; integers).
 */
const JSX_LINE =
  /^<[A-Z][A-Za-z0-9]*(?: [a-z][A-Za-z0-9]*=(?:"[^"&<>{}\\]*"|\{(?:0|[1-9]\d{0,14})\}))* \/>$/;
const JSX_ATTRIBUTE = / ([a-z][A-Za-z0-9]*)=(?:"([^"]*)"|\{(\d+)\})/g;
/** A list item of a page: `- ` or `1. ` (up to nine digits) before its text, on one line. */
const LIST_ITEM = /^(?:(-)|(\d{1,9})\.) (?=[^ ])/;
/** What a link's destination may hold: no spaces, brackets, quotes, escapes or controls. */
const LINK_URL = /^[^\s()<>[\]\\"'`\p{Cc}]+$/u;
/** ASCII punctuation: what a backslash escapes. `|` is left out (tables treat `\|` apart). */
const ESCAPABLE = /[!"#$%'()*+,\-./:;<=>?@[\\\]^_`{}~&]/;
const HEADING = /^(#{1,6}) (?=[^ ])(.*[^ #])$/;
const FENCE_OPEN = /^```([A-Za-z0-9-]*)$/;
/**
 * A line that might close (or open) a fence: micromark would read it as more than text. Searched
 * for through a text (a match counts only at the start of a line, see firstLineLike).
 */
const FENCE_LIKE_IN_TEXT = /^ {0,3}(?:`{3,}|~{3,})/gm;
/**
 * Emphasis (`*…*`) or strong (`**…**`) opening a paragraph, as captions and phase names are:
 * `**表1 …**`, `*（一）动员部署阶段*（2025年…）`. The opening mark is at the line's start before
 * no whitespace; the closing one follows a letter or a digit, or ends the line after anything
 * but whitespace. Both then flank the text by CommonMark's rules and by the CJK-friendly ones
 * alike, and with no other `*` or `_` in the paragraph they pair with each other.
 */
const LEADING_EMPHASIS =
  /^(?:(\*\*?)((?!\s)[^*_`[&]*[\p{L}\p{N}])\1|(\*\*?)((?!\s)[^*_`[&]*[^\s*_`[&\\])\3$)/u;
/** The rest of a paragraph's first line after its leading emphasis. */
const AFTER_EMPHASIS = /^[^*_`[&]*(?<![ \\])$/;
/** The same on a page, where it may hold links. */
const AFTER_EMPHASIS_MDX = /^[^*_`&]*(?<![ \\])$/;
const DELIMITER_ROW = /^\|(?: *:?-+:? *\|)+$/;
/** A line a paragraph may hold: none of these start another block or continue one. */
const PARAGRAPH_LINE = /^(?![ #>\-+*=_~<|:[`]|\d{1,9}[.)]).*[^ \\]$/;

/** The mdast parseMdx gives for an office page's `text`, or null when it is not in the subset. */
export function fastMdx(text: string): Root | null {
  if (REFUSED_MDX.test(text)) return null;
  for (let at = 0; at < text.length;) {
    let end = text.indexOf("\n", at);
    if (end < 0) end = text.length;
    const line = text.slice(at, end);
    if (JSX_CHARACTERS.test(line) && !JSX_LINE.test(line)) return null;
    at = end + 1;
  }
  return readFast(text, true);
}

/** The mdast micromark would give for `text`, or null when the text is not in the subset. */
export function fastMarkdown(text: string): Root | null {
  return readFast(text, false);
}

/** A document body's tree, or with `mdx` a page's that fastMdx has screened; or null. */
function readFast(text: string, mdx: boolean): Root | null {
  if (REFUSED_ANYWHERE.test(text)) return null;
  const refusedInline = mdx ? REFUSED_INLINE_MDX : REFUSED_INLINE;
  const afterEmphasis = mdx ? AFTER_EMPHASIS_MDX : AFTER_EMPHASIS;
  const starts: number[] = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  const lineCount = starts.length;
  const endOf = (l: number) => (l + 1 < lineCount ? (starts[l + 1] as number) - 1 : text.length);
  const lineOf = (l: number) => text.slice(starts[l], endOf(l));
  /**
   * The first line from line `from` on at whose start `pattern` (global, multiline) matches, or
   * -1. A match after a character other than a newline (`^` also matches after U+2028) is not
   * at a line's start.
   */
  const firstLineLike = (pattern: RegExp, from: number): number => {
    pattern.lastIndex = from < lineCount ? (starts[from] as number) : text.length;
    for (let m = pattern.exec(text); m; m = pattern.exec(text)) {
      if (m.index === 0 || text.charCodeAt(m.index - 1) === 10) {
        let lo = from;
        let hi = lineCount - 1;
        while (lo < hi) {
          const mid = (lo + hi + 1) >> 1;
          if ((starts[mid] as number) <= m.index) lo = mid;
          else hi = mid - 1;
        }
        return lo;
      }
      pattern.lastIndex = m.index + 1;
    }
    return -1;
  };
  /** The point of an offset on line `l` (1-based line; columns are UTF-16 units, no tabs). */
  const at = (l: number, offset: number): Point => ({
    line: l + 1,
    column: offset - (starts[l] as number) + 1,
    offset,
  });
  const span = (l1: number, o1: number, l2: number, o2: number) => ({
    start: at(l1, o1),
    end: at(l2, o2),
  });

  /** Inline content of text[from, to) on lines l.. (line breaks inside), or null. */
  const inline = (l: number, from: number, to: number): PhrasingContent[] | null => {
    const out: PhrasingContent[] = [];
    let value = "";
    let runStart = from;
    let runLine = l;
    let line = l;
    let piece = from;
    const flush = (end: number) => {
      value += text.slice(piece, end);
      if (value !== "")
        out.push({ type: "text", value, position: span(runLine, runStart, line, end) } as Text);
      value = "";
    };
    for (let i = from; i < to; i++) {
      const c = text.charCodeAt(i);
      if (c === 10 /* \n */) {
        line++;
      } else if (c === 92 /* \ */) {
        const next = text[i + 1] ?? "";
        if (i + 1 >= to || !ESCAPABLE.test(next)) return null;
        value += text.slice(piece, i) + next;
        piece = i + 2;
        i++;
      } else if (c === 91 /* [ */ && mdx) {
        // only on a page (elsewhere the line was refused): `[text](url)` on one line
        const close = text.indexOf("](", i + 1);
        const end = close < 0 ? -1 : text.indexOf(")", close + 2);
        if (end < 0 || end >= to || text.charCodeAt(i - 1) === 33 /* ! (an image) */) return null;
        const label = text.slice(i + 1, close);
        const url = text.slice(close + 2, end);
        if (label === "" || /[[\]\n\\]/.test(label) || !LINK_URL.test(url)) return null;
        const kids = inline(line, i + 1, close);
        if (!kids) return null;
        flush(i);
        out.push({
          type: "link",
          title: null,
          url,
          children: kids,
          position: span(line, i, line, end + 1),
        } as Link);
        piece = runStart = end + 1;
        runLine = line;
        i = end;
      } else if (c === 60 /* < */) {
        if (!text.startsWith("<br>", i) || i + 4 > to) return null;
        flush(i);
        out.push({ type: "html", value: "<br>", position: span(line, i, line, i + 4) } as Html);
        piece = runStart = i + 4;
        runLine = line;
        i += 3;
      }
    }
    flush(to);
    return out;
  };

  const children: RootContent[] = [];
  let l = 0;
  if (mdx && text.startsWith("---")) {
    // YAML front matter: `---` lines around it, the first at the very start
    if (lineOf(0) !== "---") return null;
    let close = 1;
    while (close < lineCount && lineOf(close) !== "---") close++;
    if (close >= lineCount) return null;
    children.push({
      type: "yaml",
      value: close > 1 ? text.slice(starts[1], endOf(close - 1)) : "",
      position: span(0, 0, close, endOf(close)),
    } as Yaml);
    l = close + 1;
  }
  while (l < lineCount) {
    const line = lineOf(l);
    const start = starts[l] as number;
    if (line === "") {
      l++;
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      // The first line after it that looks like a fence must close it: one search through the
      // text, not a test of every line (a chart's block is a thousand lines).
      const close = firstLineLike(FENCE_LIKE_IN_TEXT, l + 1);
      if (close < 0 || lineOf(close) !== "```") return null;
      const value = close > l + 1 ? text.slice(starts[l + 1], endOf(close - 1)) : "";
      children.push({
        type: "code",
        lang: fence[1] || null,
        meta: null,
        value,
        position: span(l, start, close, endOf(close)),
      } as Code);
      l = close + 1;
      continue;
    }
    if (mdx && line[0] === "<") {
      // a component (fastMdx checked its shape), between blank lines
      if ((l > 0 && lineOf(l - 1) !== "") || (l + 1 < lineCount && lineOf(l + 1) !== ""))
        return null;
      children.push(component(l));
      l++;
      continue;
    }
    if (mdx && LIST_ITEM.test(line)) {
      const list = readList(l);
      if (!list) return null;
      children.push(list.node);
      l = list.next;
      continue;
    }
    const lead = LEADING_EMPHASIS.exec(line);
    if (!lead && refusedInline.test(line)) return null;
    if (line[0] === "#") {
      const depth = HEADING.exec(line)?.[1]?.length;
      if (depth === undefined) return null;
      const kids = inline(l, start + depth + 1, endOf(l));
      if (!kids) return null;
      children.push({
        type: "heading",
        depth,
        children: kids,
        position: span(l, start, l, endOf(l)),
      } as Heading);
      l++;
      continue;
    }
    if (line[0] === "|") {
      const table = readTable(l);
      if (!table) return null;
      children.push(table.node);
      l = table.next;
      continue;
    }
    // A paragraph: this line and the ones after it up to a blank line, a heading or a fence.
    const after = start + (lead?.[0].length ?? 0);
    if (lead ? !afterEmphasis.test(text.slice(after, endOf(l))) : !PARAGRAPH_LINE.test(line))
      return null;
    let last = l;
    for (;;) {
      const next = last + 1 < lineCount ? lineOf(last + 1) : "";
      if (next === "" || next[0] === "#" || next.startsWith("```")) break;
      if (refusedInline.test(next) || !PARAGRAPH_LINE.test(next)) return null;
      last++;
    }
    const paragraph = paragraphAt(l, start, lead, last);
    if (!paragraph) return null;
    children.push(paragraph);
    l = last + 1;
  }
  return {
    type: "root",
    children,
    position: span(0, 0, lineCount - 1, text.length),
  };

  /**
   * The paragraph of lines l..last from offset `start` on line l, which opens with the emphasis
   * `lead` matched there (if any).
   */
  function paragraphAt(
    l: number,
    start: number,
    lead: RegExpExecArray | null,
    last: number,
  ): Paragraph | null {
    const after = start + (lead?.[0].length ?? 0);
    const kids = inline(l, after, endOf(last));
    if (!kids) return null;
    if (lead) {
      const mark = (lead[1] ?? lead[3] ?? "").length;
      const inner = inline(l, start + mark, after - mark);
      if (!inner) return null;
      kids.unshift({
        type: mark === 2 ? "strong" : "emphasis",
        children: inner,
        position: span(l, start, l, after),
      } as PhrasingContent);
    }
    return { type: "paragraph", children: kids, position: span(l, start, last, endOf(last)) };
  }

  /**
   * A page's list from its first item at line `l`: items of the same kind (`-`, or numbers with
   * `.`) on consecutive lines, each one line of paragraph text; then a blank line (or the end)
   * and no further item of the kind, which would make one loose list of both.
   */
  function readList(l: number): { node: List; next: number } | null {
    const first = LIST_ITEM.exec(lineOf(l)) as RegExpExecArray;
    const ordered = first[2] !== undefined;
    const items: ListItem[] = [];
    let r = l;
    for (; r < lineCount; r++) {
      const line = lineOf(r);
      const m = LIST_ITEM.exec(line);
      if (!m || (m[2] !== undefined) !== ordered) break;
      const start = starts[r] as number;
      const from = start + m[0].length;
      const content = line.slice(m[0].length);
      const lead = LEADING_EMPHASIS.exec(content);
      if (
        lead
          ? !AFTER_EMPHASIS_MDX.test(content.slice(lead[0].length))
          : REFUSED_INLINE_MDX.test(content) || !PARAGRAPH_LINE.test(content)
      )
        return null;
      const paragraph = paragraphAt(r, from, lead, r);
      if (!paragraph) return null;
      items.push({
        type: "listItem",
        spread: false,
        checked: null,
        children: [paragraph],
        position: span(r, start, r, endOf(r)),
      });
    }
    if (r < lineCount && lineOf(r) !== "") return null; // a lazy line, or another kind of item
    let after = r;
    while (after < lineCount && lineOf(after) === "") after++;
    const more = after < lineCount ? LIST_ITEM.exec(lineOf(after)) : null;
    if (more && (more[2] !== undefined) === ordered) return null;
    return {
      node: {
        type: "list",
        ordered,
        start: ordered ? Number(first[2]) : null,
        spread: false,
        children: items,
        position: span(l, starts[l] as number, r - 1, endOf(r - 1)),
      },
      next: r,
    };
  }

  /** The component on line `l`, its props as MDX gives them (an integer's with its estree). */
  function component(l: number): MdxJsxFlowElement {
    const line = lineOf(l);
    const start = starts[l] as number;
    const attributes: MdxJsxAttribute[] = [];
    for (const m of line.matchAll(JSX_ATTRIBUTE)) {
      const from = start + (m.index as number) + 1;
      const to = start + (m.index as number) + m[0].length;
      const name = m[1] as string;
      let value: MdxJsxAttribute["value"];
      if (m[2] !== undefined) value = m[2];
      else {
        const raw = m[3] as string;
        const offset = to - 1 - raw.length;
        const column = offset - start; // estree columns count from 0
        const where = () => ({
          start: offset,
          end: offset + raw.length,
          loc: {
            start: { line: l + 1, column, offset },
            end: { line: l + 1, column: column + raw.length, offset: offset + raw.length },
          },
        });
        const range = () => [offset, offset + raw.length];
        const literal = { type: "Literal", ...where(), value: Number(raw), raw, range: range() };
        const statement = { type: "ExpressionStatement", expression: literal, ...where() };
        const { loc } = where();
        value = {
          type: "mdxJsxAttributeValueExpression",
          value: raw,
          data: {
            estree: {
              type: "Program",
              start: offset,
              end: offset + raw.length,
              body: [{ ...statement, range: range() }],
              sourceType: "module",
              comments: [],
              loc,
              range: range(),
            },
          },
        } as unknown as MdxJsxAttributeValueExpression;
      }
      attributes.push({ type: "mdxJsxAttribute", name, value, position: span(l, from, l, to) });
    }
    return {
      type: "mdxJsxFlowElement",
      name: (/^<([A-Za-z0-9]+)/.exec(line) as RegExpExecArray)[1] as string,
      attributes,
      children: [],
      position: span(l, start, l, endOf(l)),
    };
  }

  /** A table from its head row at line `l`: every row `| … |`, ended by a blank line. */
  function readTable(l: number): { node: Table; next: number } | null {
    const delimiter = l + 1 < lineCount ? lineOf(l + 1) : "";
    if (!DELIMITER_ROW.test(delimiter)) return null;
    const align: AlignType[] = delimiter
      .slice(1, -1)
      .split("|")
      .map((d) => {
        const t = d.trim();
        const left = t.startsWith(":");
        const right = t.endsWith(":");
        return left && right ? "center" : left ? "left" : right ? "right" : null;
      });
    const rows: TableRow[] = [];
    let r = l;
    for (; r < lineCount && lineOf(r) !== ""; r = r === l ? l + 2 : r + 1) {
      const row = readRow(r, align.length);
      if (!row) return null;
      rows.push(row);
    }
    return {
      node: {
        type: "table",
        align,
        children: rows,
        position: span(l, starts[l] as number, r - 1, endOf(r - 1)),
      },
      next: r,
    };
  }

  /** A row of exactly `count` cells, each from its pipe to the next (the last one's included). */
  function readRow(r: number, count: number): TableRow | null {
    const line = lineOf(r);
    if (line[0] !== "|" || !line.endsWith("|") || line.length < 2) return null;
    if (refusedInline.test(line) || line.includes("\\|")) return null;
    const start = starts[r] as number;
    const end = endOf(r);
    const cells: TableCell[] = [];
    let pipe = start;
    while (pipe < end - 1) {
      const next = text.indexOf("|", pipe + 1);
      let from = pipe + 1;
      let to = next;
      while (from < to && text[from] === " ") from++;
      while (to > from && text[to - 1] === " ") to--;
      const kids = inline(r, from, to);
      if (!kids) return null;
      const cellEnd = next === end - 1 ? end : next;
      cells.push({ type: "tableCell", children: kids, position: span(r, pipe, r, cellEnd) });
      pipe = next;
    }
    if (cells.length !== count) return null;
    return { type: "tableRow", children: cells, position: span(r, start, r, end) };
  }
}
