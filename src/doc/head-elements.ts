// The lines above a document's 发文机关标志 (GB/T 9704 §7.2.1–7.2.3): 份号, 密级 with its 保密期限,
// 紧急程度 — in this order, each only when the document has it. Every output sets them alike:
// 份号 in 仿宋, the other two in 黑体.
import type { DocMeta } from "./types.ts";

export interface HeadElement {
  text: string;
  /** 黑体 (密级, 紧急程度), else 仿宋 (份号). */
  hei: boolean;
  /** What it is, for problem locations. */
  where: "份号" | "密级" | "紧急程度";
}

export function headElements(meta: DocMeta): HeadElement[] {
  const out: HeadElement[] = [];
  if (meta.copy) out.push({ text: meta.copy, hei: false, where: "份号" });
  if (meta.secret)
    out.push({
      text: `${meta.secret.level}${meta.secret.term ? `★${meta.secret.term}` : ""}`,
      hei: true,
      where: "密级",
    });
  if (meta.urgency) out.push({ text: meta.urgency, hei: true, where: "紧急程度" });
  return out;
}
