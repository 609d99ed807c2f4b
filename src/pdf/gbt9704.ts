// GB/T 9704-2012 page geometry in points (1 pt = 1/72 in), from ../shared/GBT9704.md.
// Layout coordinates have their origin at the top-left corner of the page, y growing downwards.

export const MM = 72 / 25.4;
export const mm = (v: number): number => v * MM;
export const toMm = (pt: number): number => pt / MM;

export const PAGE_WIDTH = mm(210);
export const PAGE_HEIGHT = mm(297);

/** The text block (版心): 156 × 225 mm, 37 mm from the top, 28 mm from the left. */
export const BLOCK_LEFT = mm(28);
export const BLOCK_TOP = mm(37);
export const BLOCK_WIDTH = mm(156);
export const BLOCK_HEIGHT = mm(225);
export const BLOCK_RIGHT = BLOCK_LEFT + BLOCK_WIDTH;
export const BLOCK_BOTTOM = BLOCK_TOP + BLOCK_HEIGHT;

export const CHARS_PER_LINE = 28;
export const LINES_PER_PAGE = 22;
/** One 字: the grid's character pitch, 156 mm ÷ 28 = 5.571 mm. */
export const CHAR = BLOCK_WIDTH / CHARS_PER_LINE;
/** Line pitch: 225 mm ÷ 22 = 10.227 mm. */
export const LINE = BLOCK_HEIGHT / LINES_PER_PAGE;

/** 字号 in points. */
export const SIZE = { 二号: 22, 三号: 16, 四号: 14, 小四: 12, 五号: 10.5 } as const;

/** The em box of CJK fonts: its top edge is 0.88 em above the baseline. */
export const EM_ASCENT = 0.88;

export const RED = [0.9, 0, 0] as const;
export const BLACK = [0, 0, 0] as const;

/** 发文机关标志: top edge 35 mm below the top of the text block. */
export const MARK_TOP = BLOCK_TOP + mm(35);
/** Separator: 4 mm below the 发文字号; red, as wide as the text block. */
export const SEPARATOR_GAP = mm(4);
export const SEPARATOR_WIDTH = mm(0.5);
/**
 * 信函格式 (§10.1): the 标志's top edge 30 mm below the top of the page; a red double rule (thick
 * over thin) 4 mm below it and another (thin over thick) 20 mm above the bottom of the page, both
 * 170 mm long and centred. The standard states no thicknesses: 1 mm and 0.35 mm, 0.8 mm apart.
 */
export const LETTER_MARK_TOP = mm(30);
export const LETTER_RULE_GAP = mm(4);
export const LETTER_RULE_LEFT = (PAGE_WIDTH - mm(170)) / 2;
export const LETTER_RULE_RIGHT = LETTER_RULE_LEFT + mm(170);
export const LETTER_RULE_THICK = mm(1);
export const LETTER_RULE_THIN = mm(0.35);
export const LETTER_RULE_SPACE = mm(0.8);
/** The outer edge of the lower double rule: 20 mm above the bottom of the page. */
export const LETTER_FOOT_RULE_BOTTOM = PAGE_HEIGHT - mm(20);
/** 发文字号 (and 份号 …) below the first double rule: 7/8 of a 3号 character's height. */
export const LETTER_NUMBER_GAP = (7 / 8) * SIZE.三号;
/** 版记 rules: first and last 0.35 mm, the ones between 0.25 mm. */
export const RULE_HEAVY = mm(0.35);
export const RULE_LIGHT = mm(0.25);
/** Page number, 4号: the top of its 一字线 (the dash's ink) 7 mm below the text block. */
export const PAGE_NUMBER_TOP = BLOCK_BOTTOM + mm(7);

/** The landscape frame a wide table is set in: the text block turned a quarter. */
export const LANDSCAPE_WIDTH = BLOCK_HEIGHT;
export const LANDSCAPE_HEIGHT = BLOCK_WIDTH;
