// TrueType reader: just what typesetting and subsetting need (cmap, advances, glyph records),
// read lazily from the file's bytes so a 15 MiB CJK font costs a table directory to open.
// Accepts .ttf (glyf outlines), the first face of a .ttc, and WOFF 1.0 (zlib tables); refuses
// CFF-flavoured OpenType with a message, since subsetting it is out of scope.
import { inflateSync } from "node:zlib";

export class FontFormatError extends Error {}

export interface TableRecord {
  offset: number;
  length: number;
}

export interface TrueTypeFont {
  /** The sfnt bytes (WOFF is unpacked to sfnt). */
  data: Uint8Array;
  view: DataView;
  tables: Map<string, TableRecord>;
  unitsPerEm: number;
  numGlyphs: number;
  /** hhea ascender/descender, in font units. */
  ascent: number;
  descent: number;
  capHeight: number;
  bbox: [number, number, number, number];
  italicAngle: number;
  postScriptName: string;
  /** 0 = short loca offsets (÷2), 1 = long. */
  indexToLocFormat: number;
  numberOfHMetrics: number;
  /** Glyph id of a code point, 0 when the font lacks it. */
  glyphOf(codePoint: number): number;
  /** Advance width of a glyph in font units. */
  advanceOf(gid: number): number;
  /** [start, end) of the glyph's record inside `glyf` (absolute offsets into `data`). */
  glyphRange(gid: number): [number, number];
}

function tag(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

function unwoff(bytes: Uint8Array): Uint8Array {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flavor = v.getUint32(4);
  const numTables = v.getUint16(12);
  const entries: { tag: string; data: Uint8Array }[] = [];
  for (let i = 0; i < numTables; i++) {
    const o = 44 + 20 * i;
    const offset = v.getUint32(o + 4);
    const compLength = v.getUint32(o + 8);
    const origLength = v.getUint32(o + 12);
    const raw = bytes.subarray(offset, offset + compLength);
    entries.push({
      tag: tag(v, o),
      data: compLength < origLength ? new Uint8Array(inflateSync(raw)) : raw,
    });
  }
  let size = 12 + 16 * numTables;
  for (const e of entries) size += (e.data.length + 3) & ~3;
  const out = new Uint8Array(size);
  const w = new DataView(out.buffer);
  w.setUint32(0, flavor);
  w.setUint16(4, numTables);
  let pos = 12 + 16 * numTables;
  entries.forEach((e, i) => {
    const o = 12 + 16 * i;
    for (let k = 0; k < 4; k++) w.setUint8(o + k, e.tag.charCodeAt(k));
    w.setUint32(o + 8, pos);
    w.setUint32(o + 12, e.data.length);
    out.set(e.data, pos);
    pos += (e.data.length + 3) & ~3;
  });
  return out;
}

/** Parses a font file's bytes. Throws FontFormatError for anything it cannot subset. */
export function parseTrueType(input: Uint8Array): TrueTypeFont {
  // A plain Uint8Array view (a Node Buffer's slice() would not copy).
  let data = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  let view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  if (data.length < 12) throw new FontFormatError("文件太短，不是字体文件");
  let start = 0;
  const magic = tag(view, 0);
  if (magic === "wOFF") {
    data = unwoff(data);
    view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  } else if (magic === "wOF2") {
    throw new FontFormatError("不支持 WOFF2 字体，请使用 TrueType（.ttf）文件");
  } else if (magic === "ttcf") {
    start = view.getUint32(12);
  }
  const version = view.getUint32(start);
  if (version === 0x4f54544f)
    throw new FontFormatError("这是 CFF 轮廓的 OpenType 字体（.otf），请使用 TrueType（.ttf）文件");
  if (version !== 0x00010000 && version !== 0x74727565)
    throw new FontFormatError("不是 TrueType 字体文件");
  const numTables = view.getUint16(start + 4);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const o = start + 12 + 16 * i;
    tables.set(tag(view, o), { offset: view.getUint32(o + 8), length: view.getUint32(o + 12) });
  }
  for (const t of ["head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf"])
    if (!tables.has(t)) throw new FontFormatError(`字体缺少 ${t} 表（需要 TrueType 轮廓）`);
  const at = (t: string) => (tables.get(t) as TableRecord).offset;
  const head = at("head");
  const hhea = at("hhea");
  const unitsPerEm = view.getUint16(head + 18);
  const bbox: [number, number, number, number] = [
    view.getInt16(head + 36),
    view.getInt16(head + 38),
    view.getInt16(head + 40),
    view.getInt16(head + 42),
  ];
  const indexToLocFormat = view.getInt16(head + 50);
  const numGlyphs = view.getUint16(at("maxp") + 4);
  const numberOfHMetrics = view.getUint16(hhea + 34);
  const ascent = view.getInt16(hhea + 4);
  const descent = view.getInt16(hhea + 6);
  const os2 = tables.get("OS/2");
  const capHeight =
    os2 && view.getUint16(os2.offset) >= 2 && os2.length >= 90
      ? view.getInt16(os2.offset + 88)
      : Math.round(ascent * 0.7);
  const post = tables.get("post");
  const italicAngle = post ? view.getInt32(post.offset + 4) / 65536 : 0;

  const glyphOf = cmapLookup(view, at("cmap"));
  const hmtx = at("hmtx");
  const loca = at("loca");
  const glyf = at("glyf");
  const lastAdvance = view.getUint16(hmtx + 4 * (numberOfHMetrics - 1));
  return {
    data,
    view,
    tables,
    unitsPerEm,
    numGlyphs,
    ascent,
    descent,
    capHeight,
    bbox,
    italicAngle,
    postScriptName: readPostScriptName(view, tables.get("name")),
    indexToLocFormat,
    numberOfHMetrics,
    glyphOf,
    advanceOf(gid) {
      return gid < numberOfHMetrics ? view.getUint16(hmtx + 4 * gid) : lastAdvance;
    },
    glyphRange(gid) {
      if (gid >= numGlyphs) return [glyf, glyf];
      const a =
        indexToLocFormat === 0
          ? view.getUint16(loca + 2 * gid) * 2
          : view.getUint32(loca + 4 * gid);
      const b =
        indexToLocFormat === 0
          ? view.getUint16(loca + 2 * gid + 2) * 2
          : view.getUint32(loca + 4 * gid + 4);
      return [glyf + a, glyf + Math.max(a, b)];
    },
  };
}

/** A code point → glyph function from the best Unicode cmap subtable (format 12, else 4). */
function cmapLookup(view: DataView, cmap: number): (cp: number) => number {
  const n = view.getUint16(cmap + 2);
  let f12 = -1;
  let f4 = -1;
  for (let i = 0; i < n; i++) {
    const platform = view.getUint16(cmap + 4 + 8 * i);
    const encoding = view.getUint16(cmap + 6 + 8 * i);
    const sub = cmap + view.getUint32(cmap + 8 + 8 * i);
    const format = view.getUint16(sub);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode) continue;
    if (format === 12 && f12 < 0) f12 = sub;
    if (format === 4 && f4 < 0) f4 = sub;
  }
  if (f12 >= 0) {
    const groups = view.getUint32(f12 + 12);
    const base = f12 + 16;
    return (cp) => {
      let lo = 0;
      let hi = groups - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const o = base + 12 * mid;
        const s = view.getUint32(o);
        if (cp < s) hi = mid - 1;
        else if (cp > view.getUint32(o + 4)) lo = mid + 1;
        else return view.getUint32(o + 8) + (cp - s);
      }
      return 0;
    };
  }
  if (f4 >= 0) {
    const segX2 = view.getUint16(f4 + 6);
    const ends = f4 + 14;
    const starts = ends + segX2 + 2;
    const deltas = starts + segX2;
    const ranges = deltas + segX2;
    return (cp) => {
      if (cp > 0xffff) return 0;
      let lo = 0;
      let hi = segX2 / 2 - 1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        const end = view.getUint16(ends + 2 * mid);
        if (cp > end) {
          lo = mid + 1;
          continue;
        }
        const s = view.getUint16(starts + 2 * mid);
        if (cp < s) {
          hi = mid - 1;
          continue;
        }
        const delta = view.getInt16(deltas + 2 * mid);
        const ro = view.getUint16(ranges + 2 * mid);
        if (ro === 0) return (cp + delta) & 0xffff;
        const g = view.getUint16(ranges + 2 * mid + ro + 2 * (cp - s));
        return g === 0 ? 0 : (g + delta) & 0xffff;
      }
      return 0;
    };
  }
  throw new FontFormatError("字体没有 Unicode 字符映射表（cmap）");
}

function readPostScriptName(view: DataView, name: TableRecord | undefined): string {
  if (!name) return "Font";
  const count = view.getUint16(name.offset + 2);
  const strings = name.offset + view.getUint16(name.offset + 4);
  for (let i = 0; i < count; i++) {
    const o = name.offset + 6 + 12 * i;
    if (view.getUint16(o + 6) !== 6) continue;
    const platform = view.getUint16(o);
    const length = view.getUint16(o + 8);
    const start = strings + view.getUint16(o + 10);
    let s = "";
    if (platform === 1)
      for (let k = 0; k < length; k++) s += String.fromCharCode(view.getUint8(start + k));
    else
      for (let k = 0; k + 1 < length; k += 2) s += String.fromCharCode(view.getUint16(start + k));
    s = s.replace(/[^A-Za-z0-9_.-]/g, "");
    if (s) return s;
  }
  return "Font";
}
