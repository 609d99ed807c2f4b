// A Doc as the sections of a Word document: 版头, title, 主送机关, body (附件说明 before the
// signature), 附注, attachments and the 版记, each section with its page, grid, headers and
// footers. The layout the PDF decided (where the 版记 goes, each table's size and orientation)
// makes the Word file break where the PDF does.
import type { Block, Doc } from "../doc/types.ts";
import { attachment, attachmentNote, block, runs, text } from "./blocks.ts";
import type { Piece, SectionStart, WordTables } from "./blocks.ts";
import { LINE_PITCH, MARGIN, PAGE } from "./grid.ts";
import {
  FOOTER,
  colophon,
  fileHead,
  letterHead,
  letterPage,
  mmTwips,
  noFooter,
  pageNumber,
} from "./head.ts";
import { STYLE, exactly } from "./styles.ts";
import { paragraph } from "./wml.ts";
import type { BodyChild, Paragraph, SectionProps } from "./wml.ts";

/**
 * What the PDF's layout decided, so the Word file breaks where the PDF does: where the 版记 went
 * (on the page the text ends on, or a page of its own) and each table's size and orientation
 * (keyed by its block). Without it: the 版记 on a page of its own, tables in 4号 upright.
 */
export interface WordLayout {
  colophon: "with-body" | "own-page" | null;
  tables: WordTables;
}

/** The paragraphs of a header or footer, by the pages it is on. */
export interface Stories {
  default?: Paragraph[];
  first?: Paragraph[];
  even?: Paragraph[];
}

export interface WordSection {
  props: SectionProps;
  headers: Stories;
  footers: Stories;
  children: BodyChild[];
}

const isStart = (p: Piece): p is SectionStart => "section" in p;

/** Header distance from the top edge: where 信函格式's 标志 starts, 30 mm down. */
const HEADER = mmTwips(30);

/** The body of the document: 版头, title, 主送机关, body (附件说明 before the signature), 附注, attachments. */
function content(doc: Doc, layout: WordLayout | undefined): Piece[] {
  const m = doc.meta;
  const head = m.format === "letter" && m.issuerMark ? letterHead(m) : fileHead(m);
  const out: Piece[] = [
    ...head.before,
    paragraph(
      {
        style: STYLE.title,
        ...(head.titleSpace ? { spacing: exactly(LINE_PITCH, head.titleSpace, LINE_PITCH) } : {}),
      },
      runs(text(m.title)),
    ),
  ];
  if (m.recipients)
    out.push(
      paragraph(
        { style: STYLE.recipients },
        runs(text(/[：:]$/.test(m.recipients) ? m.recipients : `${m.recipients}：`)),
      ),
    );
  const sig = doc.body.findIndex((b) => b.type === "signature");
  const before = sig < 0 ? doc.body : doc.body.slice(0, sig);
  const after = sig < 0 ? [] : doc.body.slice(sig);
  const blocks = (bs: readonly Block[]) => bs.flatMap((b) => block(b, layout?.tables));
  out.push(...blocks(before), ...attachmentNote(doc), ...blocks(after));
  if (m.note) out.push(paragraph({}, runs(text(`（${m.note}）`))));
  out.push(...doc.attachments.flatMap((a) => attachment(a, layout?.tables)));
  return out;
}

type Orientation = "portrait" | "landscape";

/** Section properties: A4 upright or turned, GB/T 9704 margins, the 22-line grid. */
function sectionProperties(
  orientation: Orientation,
  options: { type?: SectionProps["type"]; titlePage?: boolean } = {},
): SectionProps {
  const upright = orientation === "portrait";
  return {
    orientation,
    ...(options.type ? { type: options.type } : {}),
    ...(options.titlePage ? { titlePage: true } : {}),
    // upright; a turned page swaps them
    page: { width: PAGE.width, height: PAGE.height },
    // a turned page keeps the upright page's text block turned a quarter: 225 × 156 mm
    margin: upright
      ? { ...MARGIN, header: HEADER, footer: FOOTER, gutter: 0 }
      : {
          top: MARGIN.left,
          bottom: MARGIN.right,
          left: MARGIN.top,
          right: MARGIN.bottom,
          header: HEADER,
          footer: FOOTER,
          gutter: 0,
        },
    // a line grid; the 28 characters a line come from CHAR_SPACING (grid.ts says why)
    linePitch: LINE_PITCH,
  };
}

/**
 * The sections: the text (turned sections for landscape tables), then, when the 版记 goes on a
 * page of its own, a section that starts on the next even page (信函格式: the next page) with
 * no page numbers, the 版记 at its foot.
 */
export function wordSections(doc: Doc, layout: WordLayout | undefined): WordSection[] {
  const m = doc.meta;
  const letter = m.format === "letter" && m.issuerMark ? letterPage(m.issuerMark) : null;
  const out: WordSection[] = [];
  let children: BodyChild[] = [];
  let orientation: Orientation = "portrait";
  let pendingType: SectionProps["type"];
  const close = (footers?: Stories) => {
    const first = out.length === 0;
    out.push({
      props: sectionProperties(orientation, {
        ...(pendingType ? { type: pendingType } : {}),
        ...(first && letter ? { titlePage: true } : {}),
      }),
      headers: first && letter ? { first: letter.header } : {},
      footers:
        footers ??
        (first
          ? {
              default: pageNumber("odd"),
              ...(letter ? { first: letter.footer } : {}),
              even: pageNumber("even"),
            }
          : {}),
      children,
    });
    children = [];
  };
  for (const piece of content(doc, layout)) {
    if (!isStart(piece)) {
      children.push(piece);
      continue;
    }
    close();
    orientation = piece.section;
    pendingType = "nextPage";
  }
  const foot = colophon(m);
  // the frame's anchor: a paragraph one point high, so it never takes a line
  const anchor = () => paragraph({ style: STYLE.rule });
  if (foot && (layout?.colophon ?? "own-page") === "with-body") {
    children.push(foot, anchor());
    close();
  } else if (foot) {
    close();
    orientation = "portrait";
    pendingType = m.format === "letter" ? "nextPage" : "evenPage";
    // a paragraph first: LibreOffice loses the page break of a section that starts with a table
    children.push(anchor(), foot, anchor());
    close({ default: noFooter(), even: noFooter() });
  } else close();
  return out;
}
