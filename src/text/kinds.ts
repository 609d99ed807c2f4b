// Document kinds and their Chinese names, shared by every stage: the id (`notice`), the full
// name (考评结果通报) and the short name (通报) all name the same kind. Office pages select
// documents by any of the three (`<DocumentList kind="通报" />`), checked in validate/pages.

export type DocKind = "plan" | "agreement" | "scoring-sheet" | "notice" | "report";

export const DOC_KIND_NAMES: Record<DocKind, string> = {
  plan: "工作方案",
  agreement: "目标责任书",
  "scoring-sheet": "考评得分表",
  notice: "考评结果通报",
  report: "工作总结",
};

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
