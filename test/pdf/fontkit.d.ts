// The part of fontkit's API the glyph-integrity test uses (fontkit ships no types).
declare module "fontkit" {
  export interface Glyph {
    id: number;
    advanceWidth: number;
    path: { toSVG(): string; commands: unknown[] };
    bbox: { minX: number; minY: number; maxX: number; maxY: number };
  }
  export interface Font {
    numGlyphs: number;
    unitsPerEm: number;
    characterSet: number[];
    getGlyph(id: number): Glyph;
    glyphForCodePoint(cp: number): Glyph;
    head: { indexToLocFormat: number };
  }
  export function create(buffer: Buffer): Font;
}
