// One entry of the catalog: a code's severity, the message it makes from the facts the place
// that raises it passes (its params), and the hint — fixed, or chosen by those facts.
import type { Severity, SourcePosition } from "../diagnostic.ts";

export interface Entry<P> {
  severity: Severity;
  /** The message from the facts; `here` is where the diagnostic stands (for “第 3 行” wording). */
  message: (params: P, here: SourcePosition | null) => string;
  hint: string | ((params: P) => string);
  /** A second place the diagnostic points at, taken from the facts, and what that place is. */
  related?: { at: (params: P) => SourcePosition | null; note: string };
}

/** Declares an entry whose facts have the type `P` (none when `P` is left out). */
export function entry<P = Record<never, never>>(e: Entry<P>): Entry<P> {
  return e;
}

/** Items joined the way the messages list them: 甲、乙、丙 (“无” when there are none). */
export const listed = (items: readonly (string | number)[]): string => items.join("、") || "无";
