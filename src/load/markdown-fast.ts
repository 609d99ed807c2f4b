// A fast reader for the Markdown our templates write: ATX headings, paragraphs (one may open
// with emphasis or strong), GFM tables, fenced code blocks, backslash escapes of ASCII
// punctuation and `<br>`. It gives exactly the tree micromark gives (load/markdown.ts),
// positions included, or null for any text with anything else in it (other emphasis, links,
// lists, entities, indentation, tabs, trailing spaces…), which micromark then reads whole. It refuses rather than guesses: every line must be one of
// the few shapes below, else the text is not ours to read.
import type { AlignType, Code, Heading, Html, Paragraph, PhrasingContent } from "mdast";
import type { Root, RootContent, Table, TableCell, TableRow, Text } from "mdast";

interface Point {
  line: number;
  column: number;
  offset: number;
}

/** Characters that refuse a text anywhere: tab, CR, NUL and BOM (micromark rewrites them). */
const REFUSED_ANYWHERE = /[\t\r\0\ufeff]/;
/** Characters that refuse a line outside fenced code (emphasis, code, links, entities…). */
const REFUSED_INLINE = /[*_`[&]/;
/** ASCII punctuation: what a backslash escapes. `|` is left out (tables treat `\|` apart). */
const ESCAPABLE = /[!"#$%'()*+,\-./:;<=>?@[\\\]^_`{}~&]/;
const HEADING = /^(#{1,6}) (?=[^ ])(.*[^ #])$/;
const FENCE_OPEN = /^```([A-Za-z0-9-]*)$/;
/** A line that might close (or open) a fence: micromark would read it as more than text. */
const FENCE_LIKE = /^ {0,3}(?:`{3,}|~{3,})/;
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
const DELIMITER_ROW = /^\|(?: *:?-+:? *\|)+$/;
/** A line a paragraph may hold: none of these start another block or continue one. */
const PARAGRAPH_LINE = /^(?![ #>\-+*=_~<|:[`]|\d{1,9}[.)]).*[^ \\]$/;

/** The mdast micromark would give for `text`, or null when the text is not in the subset. */
export function fastMarkdown(text: string): Root | null {
  if (REFUSED_ANYWHERE.test(text)) return null;
  const starts: number[] = [0];
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) starts.push(i + 1);
  const lineCount = starts.length;
  const endOf = (l: number) => (l + 1 < lineCount ? (starts[l + 1] as number) - 1 : text.length);
  const lineOf = (l: number) => text.slice(starts[l], endOf(l));
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
  while (l < lineCount) {
    const line = lineOf(l);
    const start = starts[l] as number;
    if (line === "") {
      l++;
      continue;
    }
    const fence = FENCE_OPEN.exec(line);
    if (fence) {
      let close = l + 1;
      while (close < lineCount && lineOf(close) !== "```") {
        if (FENCE_LIKE.test(lineOf(close))) return null;
        close++;
      }
      if (close >= lineCount) return null;
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
    const lead = LEADING_EMPHASIS.exec(line);
    if (!lead && REFUSED_INLINE.test(line)) return null;
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
    if (lead ? !AFTER_EMPHASIS.test(text.slice(after, endOf(l))) : !PARAGRAPH_LINE.test(line))
      return null;
    let last = l;
    for (;;) {
      const next = last + 1 < lineCount ? lineOf(last + 1) : "";
      if (next === "" || next[0] === "#" || next.startsWith("```")) break;
      if (REFUSED_INLINE.test(next) || !PARAGRAPH_LINE.test(next)) return null;
      last++;
    }
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
    children.push({
      type: "paragraph",
      children: kids,
      position: span(l, start, last, endOf(last)),
    } as Paragraph);
    l = last + 1;
  }
  return {
    type: "root",
    children,
    position: span(0, 0, lineCount - 1, text.length),
  };

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
    if (REFUSED_INLINE.test(line) || line.includes("\\|")) return null;
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
