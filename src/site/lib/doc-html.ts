// Doc → semantic HTML for a document page. Pure: a Doc and the base path in, a string out.
// Every text is escaped here (it arrives masked, like all content text); the markup around it is
// ours. Links to other hosts are not made links (the site is offline); internal links (`/…`) get
// the base path.
// Class names (`gw-…`, 公文) are what the stylesheet lays out after GB/T 9704.
import type { Align, Attachment, Block, Doc, Inline, SignatureParty } from "../../doc/types.ts";
import { zhDate } from "../../text/zh.ts";
import { drawingSvg } from "./drawing-svg.ts";
import { h, hWords } from "./html.ts";
import { link } from "./urls.ts";

export interface DocHtmlOptions {
  /** Site base path, e.g. `/` or `/xinfang/`. */
  base: string;
}

/**
 * An internal link target with the base path, or null for anything that would leave the site or
 * run: any scheme (`https:`, `javascript:` …), `//host`, and a leading backslash (browsers read
 * `/\host` as `//host`). Read as browsers read it: tabs and line breaks anywhere and control
 * characters and spaces around it do not count (` java\tscript:` has a scheme).
 */
export function internalHref(href: string, base: string): string | null {
  const cleaned = href.replace(/[\t\n\r]/g, "").replace(/^[\s\p{Cc}]+|[\s\p{Cc}]+$/gu, "");
  if (cleaned === "") return null;
  if (cleaned.startsWith("#")) return cleaned;
  if (/^[a-z][a-z0-9+.-]*:/i.test(cleaned) || /^(?:\\|[/\\]{2})/.test(cleaned)) return null;
  if (cleaned.startsWith("/")) return link(base, cleaned);
  return cleaned;
}

export function inlinesToHtml(inlines: readonly Inline[], options: DocHtmlOptions): string {
  return inlines.map((i) => inlineToHtml(i, options)).join("");
}

function inlineToHtml(inline: Inline, options: DocHtmlOptions): string {
  switch (inline.type) {
    case "text":
      return h(inline.text);
    case "strong":
      return `<strong>${inlinesToHtml(inline.children, options)}</strong>`;
    case "emphasis":
      return `<em>${inlinesToHtml(inline.children, options)}</em>`;
    case "link": {
      const inner = inlinesToHtml(inline.children, options);
      const href = internalHref(inline.href, options.base);
      return href === null
        ? `<span class="gw-external">${inner}</span>`
        : `<a href="${h(href)}">${inner}</a>`;
    }
    case "break":
      return "<br>";
    default: {
      const never: never = inline;
      throw new Error(`unknown inline ${JSON.stringify(never)}`);
    }
  }
}

const alignClass = (align: Align | undefined) =>
  align && align !== "left" ? ` class="al-${align}"` : "";

/**
 * Classes of a table cell: its column's alignment, and how it may wrap — short codes, dates and
 * numbers (no Chinese) stay on one line; long ones (file:line sources) may break anywhere, so
 * the Chinese columns keep their width.
 */
function cellClass(content: Inline[], align: Align | undefined): string {
  const classes: string[] = [];
  if (align && align !== "left") classes.push(`al-${align}`);
  const text = plainText(content);
  if (text !== "" && !/[\u3000-\u9fff\uff00-\uffef]/.test(text))
    classes.push(text.length <= 16 ? "gw-nowrap" : "gw-breakall");
  return classes.length ? ` class="${classes.join(" ")}"` : "";
}

function tableToHtml(block: Extract<Block, { type: "table" }>, options: DocHtmlOptions): string {
  const cell = (content: Inline[], col: number) =>
    `<td${cellClass(content, block.columns[col]?.align)}>${inlinesToHtml(content, options)}</td>`;
  const row = (cells: Inline[][]) => `<tr>${cells.map((c, i) => cell(c, i)).join("")}</tr>`;
  const head = `<thead data-search-ignore><tr>${block.columns
    .map((c) => `<th scope="col"${alignClass(c.align)}>${h(c.title)}</th>`)
    .join("")}</tr></thead>`;
  const body = `<tbody>${block.rows.map(row).join("")}</tbody>`;
  const foot = block.totals?.length ? `<tfoot>${block.totals.map(row).join("")}</tfoot>` : "";
  const caption = block.caption ? `<caption>${h(block.caption)}</caption>` : "";
  const cls = block.landscape ? "gw-table gw-landscape" : "gw-table";
  return `<div class="${cls}"><table>${caption}${head}${body}${foot}</table></div>`;
}

function partyToHtml(party: SignatureParty, two: boolean): string {
  const role = party.role ? `<span class="gw-role">${h(party.role)}：</span>` : "";
  const name = `<p class="gw-party-name">${role}${h(party.name)}</p>`;
  const signer =
    party.signer !== undefined || two
      ? `<p class="gw-signer">负责人（签字）：${party.signer ? h(party.signer) : '<span class="gw-blank"></span>'}</p>`
      : "";
  return `<div class="gw-party">${name}${signer}</div>`;
}

function signatureToHtml(block: Extract<Block, { type: "signature" }>): string {
  const two = block.parties.length > 1;
  const parties = block.parties.map((p) => partyToHtml(p, two)).join("");
  const cls = `gw-signature ${two ? "gw-signature-parties" : "gw-signature-single"}${block.seal ? " gw-seal" : ""}`;
  return `<div class="${cls}"><div class="gw-parties">${parties}</div><p class="gw-date">${h(zhDate(block.date))}</p></div>`;
}

function figureToHtml(block: Extract<Block, { type: "figure" }>): string {
  // Inline, so it prints as vectors and its text is selectable; written from the drawing's data
  // (drawing-svg.ts), so nothing in it can run or fetch.
  const svg = drawingSvg(block.drawing, {
    className: "gw-svg",
    access: { label: block.alt },
    fontFamily: "serif",
  });
  return `<figure class="gw-figure">${svg}<figcaption>${h(block.caption)}</figcaption></figure>`;
}

export function blockToHtml(block: Block, options: DocHtmlOptions): string {
  switch (block.type) {
    case "heading": {
      const tag = `h${block.level + 1}`;
      return `<${tag} class="gw-h${block.level}">${inlinesToHtml(block.content, options)}</${tag}>`;
    }
    case "paragraph": {
      const classes = [block.indent === false ? "gw-p gw-noindent" : "gw-p"];
      if (block.align && block.align !== "left") classes.push(`al-${block.align}`);
      return `<p class="${classes.join(" ")}">${inlinesToHtml(block.content, options)}</p>`;
    }
    case "list": {
      const tag = block.ordered ? "ol" : "ul";
      const items = block.items.map((i) => `<li>${inlinesToHtml(i, options)}</li>`).join("");
      return `<${tag} class="gw-list">${items}</${tag}>`;
    }
    case "table":
      return tableToHtml(block, options);
    case "signature":
      return signatureToHtml(block);
    case "signLines":
      return `<div class="gw-signlines">${block.rows
        .map((r) => `<p>${r.map((c) => `<span>${h(c)}</span>`).join("")}</p>`)
        .join("")}</div>`;
    case "figure":
      return figureToHtml(block);
    case "pageBreak":
      return '<div class="gw-page-break" aria-hidden="true"></div>';
    default: {
      const never: never = block;
      throw new Error(`unknown block ${JSON.stringify(never)}`);
    }
  }
}

export function blocksToHtml(blocks: readonly Block[], options: DocHtmlOptions): string {
  return blocks.map((b) => blockToHtml(b, options)).join("\n");
}

/** The text of inline content, without markup. */
function plainText(inlines: readonly Inline[]): string {
  return inlines
    .map((i) => (i.type === "text" ? i.text : i.type === "break" ? "" : plainText(i.children)))
    .join("");
}

/** 附件说明: `附件：1．标题` lines, placed before the signature as GB/T 9704 has it. */
function attachmentNote(attachments: readonly Attachment[]): string {
  if (attachments.length === 0) return "";
  const one = attachments.length === 1;
  const lines = attachments.map((a, i) => {
    const label = i === 0 ? "附件：" : "";
    const num = one ? "" : `${i + 1}．`;
    return `<p class="gw-attachment-note${i === 0 ? "" : " gw-attachment-note-more"}">${label}${num}${h(a.title)}</p>`;
  });
  return `<div class="gw-attachment-notes">${lines.join("")}</div>`;
}

/**
 * The 版头 as the document's format has it: 文件格式 (the red 标志, 发文字号 centred or beside the
 * 签发人, a red line), 信函格式 (the 标志, a red double rule, the 发文字号 on the right), or none —
 * then only the 份号 and 紧急程度, if any, stand above the title.
 */
function headerHtml(doc: Doc): string {
  const m = doc.meta;
  const parts: string[] = [];
  const top: string[] = [];
  if (m.copy) top.push(`<span class="gw-copy">${h(m.copy)}</span>`);
  if (m.urgency) top.push(`<span class="gw-urgency">${h(m.urgency)}</span>`);
  const topLine = top.length ? `<p class="gw-top">${top.join("")}</p>` : "";
  const mark = m.format === "none" ? undefined : m.issuerMark;
  const number = m.number ? `<span class="gw-number">${h(m.number)}</span>` : "";
  if (m.format === "letter" && mark) {
    parts.push(`<p class="gw-mark">${hWords(mark)}</p>`, '<hr class="gw-doubleline">');
    if (topLine || number) parts.push(`<div class="gw-letter-line">${topLine}${number}</div>`);
    return `<header class="gw-head gw-head-letter" data-search-ignore>${parts.join("")}</header>`;
  }
  if (topLine) parts.push(topLine);
  if (mark) parts.push(`<p class="gw-mark">${hWords(mark)}</p>`);
  if (m.format !== "none" && (m.number || m.signer)) {
    const signer = m.signer
      ? `<span class="gw-issuer-signer">签发人：<span class="gw-signer-name">${h(m.signer)}</span></span>`
      : "";
    parts.push(
      `<p class="gw-number-line${m.signer ? " gw-with-signer" : ""}">${number}${signer}</p>`,
    );
  }
  if (mark) parts.push('<hr class="gw-redline">');
  if (!parts.length) return "";
  return `<header class="gw-head gw-head-${m.format === "none" ? "none" : "file"}" data-search-ignore>${parts.join("")}</header>`;
}

/**
 * The 版记: 抄送, 印发机关 and 印发日期 between rules (文件格式); only the 抄送, without rules (信函格式);
 * nothing for a document without 版头.
 */
function colophonHtml(doc: Doc): string {
  const m = doc.meta;
  if (m.format === "none") return "";
  const lines: string[] = [];
  if (m.cc?.length) lines.push(`<p class="gw-cc">抄送：${m.cc.map(h).join("，")}。</p>`);
  if (m.format === "file" && (m.printer || m.printDate)) {
    lines.push(
      `<p class="gw-printer"><span>${h(m.printer)}</span><span>${m.printDate ? `${h(zhDate(m.printDate))}印发` : ""}</span></p>`,
    );
  }
  const cls = m.format === "letter" ? "gw-colophon gw-colophon-letter" : "gw-colophon";
  return lines.length ? `<footer class="${cls}" data-search-ignore>${lines.join("")}</footer>` : "";
}

/** The whole document: 版头, title, 主送, body (附件说明 before the signature), 附注, attachments, 版记. */
export function docToHtml(doc: Doc, options: DocHtmlOptions): string {
  const m = doc.meta;
  const out: string[] = [
    `<article class="gw" data-kind="${h(m.kind)}" data-format="${h(m.format)}">`,
    headerHtml(doc),
  ];
  out.push(`<h1 class="gw-title">${hWords(m.title)}</h1>`);
  if (m.recipients) out.push(`<p class="gw-recipients">${h(m.recipients)}：</p>`);
  // The templates may write the 附件说明 into the body themselves; then it is not repeated.
  const noted = doc.body.some(
    (b) => b.type === "paragraph" && /^附件[：:]/.test(plainText(b.content).trim()),
  );
  const note = noted ? "" : attachmentNote(doc.attachments);
  const sig = doc.body.findIndex((b) => b.type === "signature");
  const before = sig < 0 ? doc.body : doc.body.slice(0, sig);
  const after = sig < 0 ? [] : doc.body.slice(sig);
  out.push(`<div class="gw-body">`, blocksToHtml(before, options), note);
  out.push(blocksToHtml(after, options));
  if (m.note) out.push(`<p class="gw-note">（${h(m.note)}）</p>`);
  out.push("</div>");
  doc.attachments.forEach((a, i) => {
    out.push(
      `<section class="gw-attachment" id="attachment-${i + 1}">`,
      `<p class="gw-attachment-label">${h(a.label)}</p>`,
      `<h2 class="gw-attachment-title">${hWords(a.title)}</h2>`,
      blocksToHtml(a.body, options),
      "</section>",
    );
  });
  out.push(colophonHtml(doc), "</article>");
  return out.filter((s) => s !== "").join("\n");
}
