// Diagnostics → the text a clerk reads: `file:line:col  code  path  message`, the source line
// with a caret under the offending value (and under the first occurrence of a duplicate), and a
// hint. In a workbook the place is `file 信访事项!C12` and the frame shows the row's cells.
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.ts";
import { ContentTexts } from "../load/content-texts.ts";
import { cellReference, sheetRow } from "../load/sheet-text.ts";
import { printable } from "../text/printable.ts";
import { charWidth, displayWidth } from "./text-width.ts";

export interface FormatOptions {
  /** Prefix for file paths, e.g. `content/`, so paths are clickable from the working folder. */
  prefix?: string;
  /** Source texts by content-relative path, for the code frame. */
  texts?: ReadonlyMap<string, string>;
  /** Treat warnings as errors (`--strict`). */
  strict?: boolean;
  /** One line per diagnostic: no code frame, no hint. */
  compact?: boolean;
}

const splitCache = new WeakMap<ReadonlyMap<string, string>, Map<string, string[]>>();

/** Line `line` (1-based) of a file, splitting each text once per map of texts. */
function sourceLine(texts: ReadonlyMap<string, string>, file: string, line: number): string | null {
  let byFile = splitCache.get(texts);
  if (!byFile) splitCache.set(texts, (byFile = new Map()));
  let lines = byFile.get(file);
  if (!lines) {
    const text = texts.get(file);
    if (text === undefined) return null;
    byFile.set(file, (lines = text.split("\n")));
  }
  const l = lines[line - 1];
  if (l === undefined) return null;
  return printable(l.endsWith("\r") ? l.slice(0, -1) : l);
}

/** Widest source text a code frame shows, in terminal columns (CJK characters take two). */
export const FRAME_WIDTH = 120;
const CUT = "…";

/**
 * The part of a source line a code frame shows, and the column of the caret under it: the whole
 * line when it fits in `width` columns, else a window around `col` (1-based, UTF-16 units) with
 * … where the line was cut. Work is bounded by `width`, not by the line's length, so a 50 MB
 * line costs no more than a short one.
 */
export function frameSource(
  line: string,
  col: number,
  width = FRAME_WIDTH,
): { text: string; caret: number } {
  const at = Math.min(Math.max(0, col - 1), line.length);
  let whole = 0;
  for (let i = 0; i < line.length && whole <= width;) {
    const cp = line.codePointAt(i) as number;
    whole += charWidth(cp);
    i += cp > 0xffff ? 2 : 1;
  }
  if (whole <= width) return { text: line, caret: displayWidth(line.slice(0, at)) };

  const room = width - 2 * CUT.length;
  let from = at;
  let to = at;
  let used = 0;
  /** Takes characters before the window while they fit in `limit` columns. */
  const back = (limit: number) => {
    while (from > 0) {
      const low = line.charCodeAt(from - 1);
      const pair = from >= 2 && low >= 0xdc00 && low <= 0xdfff;
      const start = pair && (line.charCodeAt(from - 2) & 0xfc00) === 0xd800 ? from - 2 : from - 1;
      const w = charWidth(line.codePointAt(start) as number);
      if (used + w > limit) return;
      used += w;
      from = start;
    }
  };
  back(Math.floor(room / 2));
  while (to < line.length) {
    const cp = line.codePointAt(to) as number;
    const w = charWidth(cp);
    if (used + w > room) break;
    used += w;
    to += cp > 0xffff ? 2 : 1;
  }
  back(room); // what the line's end left over goes before the caret
  const head = from > 0 ? CUT : "";
  const tail = to < line.length ? CUT : "";
  return {
    text: `${head}${line.slice(from, to)}${tail}`,
    caret: displayWidth(head) + displayWidth(line.slice(from, at)),
  };
}

const CELL_SEPARATOR = " │ ";

/**
 * A worksheet row as a frame: its cells from column A separated by │, a caret under the cell at
 * `at` (nothing when the row holds nothing or is not in the texts).
 */
function rowFrame(at: SourcePosition, texts: ReadonlyMap<string, string>): string[] {
  // A workbook read from the content folder is looked up in its rows, not searched as text.
  const sheet = texts instanceof ContentTexts ? texts.sheet(at.file) : undefined;
  const text = sheet ? undefined : texts.get(at.file);
  const cells = sheet
    ? sheet.cellsOfRow(at.line)
    : text === undefined
      ? null
      : sheetRow(text, at.line);
  if (cells === null) return [];
  while (cells.length < at.col) cells.push("");
  let col = 1;
  const shown = cells.map((c, i) => {
    const cell = printable(c.replace(/[\t\r\n]+/g, " "));
    if (i < at.col - 1) col += cell.length + CELL_SEPARATOR.length;
    return cell;
  });
  const num = String(at.line);
  const { text: line, caret } = frameSource(shown.join(CELL_SEPARATOR), col);
  return [`  ${num} | ${line}`, `  ${" ".repeat(num.length)} | ${" ".repeat(caret)}^`];
}

/** The source line at `at` with a caret under its column (nothing when there is no such line). */
function codeFrame(at: SourcePosition, texts: ReadonlyMap<string, string>): string[] {
  if (at.sheet !== undefined) return rowFrame(at, texts);
  const src = sourceLine(texts, at.file, at.line);
  if (src === null || !/\S/.test(src)) return [];
  const num = String(at.line);
  const { text, caret } = frameSource(src, at.col);
  return [`  ${num} | ${text}`, `  ${" ".repeat(num.length)} | ${" ".repeat(caret)}^`];
}

/** `file:line:col`, or in a workbook `file 信访事项!C12` (sheet, column and row as Excel names them). */
const placeOf = (at: SourcePosition, prefix: string) =>
  at.sheet !== undefined
    ? `${prefix}${at.file} ${cellReference(at.sheet, at.line, at.col)}`
    : `${prefix}${at.file}:${at.line}:${at.col}`;

/**
 * One diagnostic: `file:line:col  code  path  错误：message`, the code frame, then — when the
 * diagnostic involves a second place (the first occurrence of a duplicate) — that place as
 * `  首次出现：file:line:col` with its own frame, and the hint.
 */
export function formatDiagnostic(d: Diagnostic, options: FormatOptions = {}): string {
  const prefix = options.prefix ?? "";
  const where = d.position ? placeOf(d.position, prefix) : prefix || ".";
  const severity = d.severity === "error" || options.strict ? "错误" : "警告";
  const lines = [`${where}  ${d.code}  ${d.path ? `${d.path}  ` : ""}${severity}：${d.message}`];
  if (options.compact) return lines[0] as string;
  if (d.position && options.texts) lines.push(...codeFrame(d.position, options.texts));
  if (d.related) {
    lines.push(`  ${d.related.note}：${placeOf(d.related.position, prefix)}`);
    if (options.texts) lines.push(...codeFrame(d.related.position, options.texts));
  }
  lines.push(`  提示：${d.hint}`);
  return lines.join("\n");
}

export function summarise(diagnostics: readonly Diagnostic[], strict = false): string {
  const errors = diagnostics.filter((d) => d.severity === "error" || strict).length;
  const warnings = diagnostics.length - errors;
  if (errors === 0 && warnings === 0) return "检查通过，没有发现问题。";
  const parts: string[] = [];
  if (errors) parts.push(`${errors} 个错误`);
  if (warnings) parts.push(`${warnings} 个警告`);
  const files = new Set(diagnostics.map((d) => d.position?.file ?? "")).size;
  return `共发现 ${parts.join("、")}，涉及 ${files} 个文件。${errors ? "请修改后重新运行。" : ""}`;
}

/**
 * Errors in full; warnings one line each and at most `maxWarnings` of them (the rest counted),
 * for commands whose main output is something else.
 */
export function formatProblems(
  diagnostics: readonly Diagnostic[],
  options: FormatOptions,
  maxWarnings = 10,
): string {
  const out: string[] = [];
  let shown = 0;
  let hidden = 0;
  for (const d of diagnostics) {
    const isError = d.severity === "error" || options.strict;
    if (isError) out.push(`${formatDiagnostic(d, options)}\n`);
    else if (shown < maxWarnings) {
      out.push(formatDiagnostic(d, { ...options, compact: true }));
      shown++;
    } else hidden++;
  }
  if (hidden) out.push(`……另有 ${hidden} 个警告，运行 xinfang check 查看全部。`);
  return out.length ? `${out.join("\n")}\n` : "";
}
