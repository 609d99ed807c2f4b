// Doc: the one document tree every output shares (site page, PDF, DOCX). Plain JSON, a closed
// union of blocks: renderers switch on `type` with an exhaustive `never` default, so a new block
// type fails to compile until every output handles it.

import type { DocFormat } from "../../schemas/index.ts";
import type { DocKind } from "../text/kinds.ts";
import type { Drawing } from "./drawing.ts";

// Kinds and their names are shared wording (text/kinds.ts); re-exported for the outputs.
export type { DocKind } from "../text/kinds.ts";
export type { DocFormat } from "../../schemas/index.ts";
export { DOC_KIND_NAMES } from "../text/kinds.ts";

export type Inline =
  | { type: "text"; text: string }
  | { type: "strong"; children: Inline[] }
  | { type: "emphasis"; children: Inline[] }
  | { type: "link"; href: string; children: Inline[] }
  | { type: "break" };

export type Align = "left" | "center" | "right";

export interface TableColumn {
  title: string;
  align: Align;
}

export interface SignatureParty {
  /** 甲方 / 乙方; absent for a single issuing office. */
  role?: string;
  /** The organisation: 青禾镇人民政府, 东山村. */
  name: string;
  /** Who signs for it (负责人签字 line), when the document has one. */
  signer?: string;
}

export type Block =
  /** Headings carry their own numbering text (一、 （一） 1. （1）): level 1 黑体, 2 楷体, 3–4 仿宋. */
  | { type: "heading"; level: 1 | 2 | 3 | 4; content: Inline[] }
  /** Body text; first line indented two characters unless `indent` is false. */
  | { type: "paragraph"; content: Inline[]; align?: Align; indent?: boolean }
  | { type: "list"; ordered: boolean; items: Inline[][] }
  /** Rows are cells of inline content; `totals` rows close the table (合计). */
  | {
      type: "table";
      caption?: string;
      columns: TableColumn[];
      rows: Inline[][][];
      totals?: Inline[][][];
      landscape?: boolean;
    }
  /** Signature block: one party (署名 + 成文日期) or two (甲方/乙方 for agreements). */
  | { type: "signature"; parties: SignatureParty[]; date: string; seal: boolean }
  /**
   * The lines a form is signed on (考评人（签字）： … 日期：), kept together: each row's fields
   * one grid line, a second field in the middle of the line.
   */
  | { type: "signLines"; rows: string[][] }
  /** A chart as data (drawing.ts), its caption (图1 …) below it and its content in words. */
  | { type: "figure"; drawing: Drawing; caption: string; alt: string }
  | { type: "pageBreak" };

/** GB/T 9704 header and footer elements; every one is optional except the title and date. */
export interface DocMeta {
  id: string;
  kind: DocKind;
  year: number;
  title: string;
  /** 成文日期, YYYY-MM-DD. */
  date: string;
  /**
   * 文件格式 (red 标志 and separator, 版记 between rules), 信函格式 (red double rules, 发文字号 flush
   * right, no 印发机关 in the 版记) or none (not a 公文: the title first, no 版记).
   */
  format: DocFormat;
  /** 发文机关标志: 青禾镇人民政府文件 (文件格式), 青禾镇信访工作领导小组办公室 (信函格式). */
  issuerMark?: string;
  /** 发文机关 (署名 and PDF Author). */
  issuer?: string;
  /** 发文字号, e.g. 青政发〔2025〕7号. */
  number?: string;
  /** 签发人 (upward documents). */
  signer?: string;
  /** 份号, six digits. */
  copy?: string;
  /** 密级 and 保密期限. */
  secret?: { level: "秘密" | "机密" | "绝密"; term?: string };
  urgency?: "特急" | "加急";
  /** 主送机关. */
  recipients?: string;
  /** 附注, printed in （） after the date. */
  note?: string;
  /** 抄送. */
  cc?: string[];
  /** 印发机关 and 印发日期 (版记). */
  printer?: string;
  printDate?: string;
  /** The unit a per-unit document belongs to (agreements, scoring sheets). */
  unit?: string;
  /** A short description (site listings, PDF Subject). */
  subject?: string;
}

export interface Attachment {
  /** 附件1 … */
  label: string;
  title: string;
  body: Block[];
}

export interface Doc {
  meta: DocMeta;
  body: Block[];
  attachments: Attachment[];
}

/** Whether a document carries a 密级: it is never published (the build names it, held back). */
export const isClassified = (doc: Doc): boolean => Boolean(doc.meta.secret);
