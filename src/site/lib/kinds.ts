// Document kinds as the site names them: the id (`notice`), the full Chinese name (考评结果通报)
// or its short name (通报) all select the same kind.
import { DOC_KIND_NAMES } from "../../doc/types.ts";
import type { DocKind } from "../../doc/types.ts";

/** Kinds in the order the site lists them. */
export const DOC_KINDS: readonly DocKind[] = [
  "notice",
  "plan",
  "agreement",
  "scoring-sheet",
  "report",
];

export const DOC_KIND_SHORT: Record<DocKind, string> = {
  plan: "方案",
  agreement: "责任书",
  "scoring-sheet": "得分表",
  notice: "通报",
  report: "总结",
};

/** The kind named by `name` (id, Chinese name or short name), or null. */
export function resolveKind(name: string): DocKind | null {
  const n = name.trim();
  for (const kind of DOC_KINDS) {
    if (n === kind || n === DOC_KIND_NAMES[kind] || n === DOC_KIND_SHORT[kind]) return kind;
  }
  return null;
}
