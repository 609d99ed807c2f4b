// The common face of a parsed content file (YAML or CSV): its value and a way back to positions.
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.ts";
import { LineIndex } from "./line-index.ts";

export type PathKey = string | number;

export interface SourceFile {
  /** Path relative to the content folder, forward slashes. */
  file: string;
  /** The parsed value; undefined when the file could not be parsed at all. */
  value: unknown;
  /** Problems found while parsing (syntax, duplicate keys). */
  diagnostics: Diagnostic[];
  lines: LineIndex;
  /**
   * Position of the node at `path` (of its key when `at` is "key"); where the path leaves the
   * document, the deepest node that exists — so a missing field points at its parent.
   */
  locate(path: readonly PathKey[], at?: "value" | "key"): SourcePosition;
  /** 1-based line of item `index` of a sequence that belongs to `value`; 0 when unknown. */
  itemLine(array: readonly unknown[], index: number): number;
  /**
   * A table (CSV, a workbook's sheet): positions follow from the record's index alone, never from
   * the record objects, so a checked record may take the place of the parsed one.
   */
  tabular?: true;
}

/**
 * Given by validate to the table readers (CSV, a workbook's sheet) for one ledger's rows: the
 * record as validate would make of the row as read, when it can say so at once, else null (the
 * row is then kept as read). A large ledger is then never held as read, only as records.
 */
export type Refine = (
  row: Record<string, unknown>,
  /**
   * The row was made by its sheet's row maker (LedgerSheet.row): every field of the record, in the
   * record's order, no other key. Refine may then complete it in place and return it.
   */
  made?: boolean,
) => unknown;

/**
 * Where the `index`-th character of the string value at `path` stands in the file `text` of
 * `src`: inside a block scalar (`|`, `>`) the value is its lines without their common indent.
 */
export function locateInValue(
  src: SourceFile,
  text: string,
  path: readonly PathKey[],
  index: number,
): SourcePosition {
  const at = src.locate(path);
  const lines = text.split("\n");
  const previous = (lines[at.line - 2] ?? "").replace(/\s+#.*$/, "").trimEnd();
  if (/:\s*[|>][-+0-9]*$/.test(previous)) {
    const indent = /^ */.exec(lines[at.line - 1] ?? "")?.[0].length ?? 0;
    let rest = index;
    for (let l = at.line; l <= lines.length; l++) {
      const content = (lines[l - 1] ?? "").slice(indent);
      if (rest <= content.length) return { file: src.file, line: l, col: indent + rest + 1 };
      rest -= content.length + 1;
    }
  }
  return { file: src.file, line: at.line, col: at.col + index };
}

/** The string at `path` of a parsed file's value as written, or null. */
export function stringAt(value: unknown, path: readonly PathKey[]): string | null {
  let v = value;
  for (const k of path) {
    if (v === null || typeof v !== "object") return null;
    v = (v as Record<string, unknown>)[String(k)];
  }
  return typeof v === "string" ? v : null;
}

/** The first place `needle` occurs in the texts, looking in `first` before the other files. */
export function findInTexts(
  texts: ReadonlyMap<string, string>,
  needle: string,
  first: string | null,
): SourcePosition | null {
  const files = [...(first ? [first] : []), ...[...texts.keys()].filter((f) => f !== first)];
  for (const file of files) {
    const source = texts.get(file) ?? "";
    const at = source.indexOf(needle);
    if (at >= 0) return { file, ...new LineIndex(source).locate(at) };
  }
  return null;
}
