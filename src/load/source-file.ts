// The common face of a parsed content file (YAML or CSV): its value and a way back to positions.
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.ts";
import type { LineIndex } from "./line-index.ts";

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
}
