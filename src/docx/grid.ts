// GB/T 9704-2012 in Word's units: twentieths of a point (twips) for the page, the margins and the
// document grid; the numbers come from the PDF's geometry (pdf/gbt9704.ts), one source for both.
import {
  BLOCK_HEIGHT,
  BLOCK_LEFT,
  BLOCK_TOP,
  BLOCK_WIDTH,
  CHARS_PER_LINE,
  LINES_PER_PAGE,
  PAGE_HEIGHT,
  PAGE_WIDTH,
  SIZE,
} from "../pdf/gbt9704.ts";

/** Points to twips (1/20 pt), rounded to whole twips. */
export const twips = (pt: number): number => Math.round(pt * 20);

/** A4 in twips: 11906 × 16838, as Word writes it. */
export const PAGE = { width: twips(PAGE_WIDTH), height: twips(PAGE_HEIGHT) } as const;

/** Margins: top 37 mm, left (binding) 28 mm, right 26 mm, bottom 35 mm. */
export const MARGIN = {
  top: twips(BLOCK_TOP),
  left: twips(BLOCK_LEFT),
  right: twips(PAGE_WIDTH - BLOCK_LEFT - BLOCK_WIDTH),
  bottom: twips(PAGE_HEIGHT - BLOCK_TOP - BLOCK_HEIGHT),
} as const;

/** The text block's width as Word computes it from the page and the rounded margins. */
export const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;
/** The text block's height (the width of a landscape page's block). */
export const TEXT_HEIGHT = PAGE.height - MARGIN.top - MARGIN.bottom;

/**
 * Line pitch (w:linePitch): 225 mm ÷ 22, rounded down so 22 lines fit (579 twips = 28.95 pt, the
 * value of the offices' own 公文 templates).
 */
export const LINE_PITCH = Math.floor(TEXT_HEIGHT / LINES_PER_PAGE);

/** Body size: 3号, in points. The grid's character pitch is set against it. */
export const BODY_SIZE = SIZE.三号;

/**
 * Character spacing of 3号 text (w:spacing in the run properties, twips) so that 28 characters
 * fill a line: 156 mm ÷ 28 = 15.79 pt a character, 16 pt glyphs set 0.25 pt tighter (-5).
 *
 * Not a character grid (w:docGrid linesAndChars with w:charSpace -842, what the offices' Word
 * templates have): LibreOffice 7.4 gives every character two grid cells once the pitch is smaller
 * than the font (any negative charSpace), 14 characters a line. The line grid stays (22 lines);
 * the 28 characters come from the spacing, which Word, WPS and LibreOffice all honour.
 */
export const CHAR_SPACING = Math.floor(TEXT_WIDTH / CHARS_PER_LINE - BODY_SIZE * 20);

/** One 字 (one grid character) in twips. */
export const CHAR_TWIPS = Math.floor(TEXT_WIDTH / CHARS_PER_LINE);
