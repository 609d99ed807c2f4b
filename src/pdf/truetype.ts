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

/** Reads `length` bytes at `offset` of the font file. */
export type ByteSource = (offset: number, length: number) => Uint8Array;

export interface TrueTypeFont {
  unitsPerEm: number;
  numGlyphs: number;
  /** hhea ascender/descender, in font units. */
  ascent: number;
  descent: number;
  capHeight: number;
  bbox: [number, number, number, number];
  italicAngle: number;
  postScriptName: string;
  numberOfHMetrics: number;
  /** Glyph id of a code point, 0 when the font lacks it. */
  glyphOf(codePoint: number): number;
  /** Advance width and left side bearing of a glyph, in font units. */
  advanceOf(gid: number): number;
  lsbOf(gid: number): number;
  /** The glyph's record in `glyf` (empty for blank glyphs). */
  glyph(gid: number): Uint8Array;
  /** A copy of a whole table other than glyf, or null when the font has none. */
  table(tag: string): Uint8Array | null;
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

/** Parses a font held in memory. Throws FontFormatError for anything it cannot subset. */
export function parseTrueType(input: Uint8Array): TrueTypeFont {
  let data = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (data.length >= 4 && tag(new DataView(data.buffer, data.byteOffset), 0) === "wOFF")
    data = unwoff(data);
  return readTrueType((offset, length) => data.subarray(offset, offset + length), data.length);
}

/**
 * Reads a font through `read`: the table directory and the small tables at once, glyph records
 * only when asked for — a 15 MiB CJK font costs well under 1 MiB of reading to set type with.
 */
export function readTrueType(read: ByteSource, size: number): TrueTypeFont {
  if (size < 12) throw new FontFormatError("文件太短，不是字体文件");
  const first = read(0, Math.min(size, 16));
  const firstView = new DataView(first.buffer, first.byteOffset, first.byteLength);
  const magic = tag(firstView, 0);
  if (magic === "wOFF") throw new FontFormatError("WOFF 字体须先读入内存");
  if (magic === "wOF2") throw new FontFormatError("不支持 WOFF2 字体，请使用 TrueType（.ttf）文件");
  const start = magic === "ttcf" ? firstView.getUint32(12) : 0;
  const dirHead = read(start, 12);
  let view = new DataView(dirHead.buffer, dirHead.byteOffset, dirHead.byteLength);
  const version = view.getUint32(0);
  if (version === 0x4f54544f)
    throw new FontFormatError("这是 CFF 轮廓的 OpenType 字体（.otf），请使用 TrueType（.ttf）文件");
  if (version !== 0x00010000 && version !== 0x74727565)
    throw new FontFormatError("不是 TrueType 字体文件");
  const numTables = view.getUint16(4);
  const dir = read(start + 12, 16 * numTables);
  view = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const o = 16 * i;
    tables.set(tag(view, o), { offset: view.getUint32(o + 8), length: view.getUint32(o + 12) });
  }
  for (const t of ["head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf"])
    if (!tables.has(t)) throw new FontFormatError(`字体缺少 ${t} 表（需要 TrueType 轮廓）`);
  // the tables typesetting and subsetting use; glyph records are read one by one when needed
  const NEEDED = [
    "head",
    "hhea",
    "maxp",
    "hmtx",
    "loca",
    "cmap",
    "OS/2",
    "post",
    "name",
    "cvt ",
    "fpgm",
    "prep",
  ];
  const small = [...tables].filter(([t]) => NEEDED.includes(t));
  const glyfRec = tables.get("glyf") as TableRecord;
  const bytesOf = new Map<string, Uint8Array>();
  for (const [t, r] of small) bytesOf.set(t, read(r.offset, r.length));
  const all = new Uint8Array(small.reduce((s, [, r]) => s + ((r.length + 3) & ~3), 0));
  const at = new Map<string, number>();
  let pos = 0;
  for (const [t] of small) {
    const b = bytesOf.get(t) as Uint8Array;
    all.set(b, pos);
    at.set(t, pos);
    pos += (b.length + 3) & ~3;
  }
  view = new DataView(all.buffer);
  const offsetOf = (t: string) => at.get(t) as number;
  const head = offsetOf("head");
  const hhea = offsetOf("hhea");
  const unitsPerEm = view.getUint16(head + 18);
  const bbox: [number, number, number, number] = [
    view.getInt16(head + 36),
    view.getInt16(head + 38),
    view.getInt16(head + 40),
    view.getInt16(head + 42),
  ];
  const indexToLocFormat = view.getInt16(head + 50);
  const numGlyphs = view.getUint16(offsetOf("maxp") + 4);
  const numberOfHMetrics = view.getUint16(hhea + 34);
  const ascent = view.getInt16(hhea + 4);
  const descent = view.getInt16(hhea + 6);
  const os2 = at.get("OS/2");
  const capHeight =
    os2 !== undefined && view.getUint16(os2) >= 2 && (bytesOf.get("OS/2")?.length ?? 0) >= 90
      ? view.getInt16(os2 + 88)
      : Math.round(ascent * 0.7);
  const post = at.get("post");
  const italicAngle = post !== undefined ? view.getInt32(post + 4) / 65536 : 0;

  const glyphOf = cmapLookup(view, offsetOf("cmap"));
  const hmtx = offsetOf("hmtx");
  const loca = offsetOf("loca");
  const name = at.get("name");
  const lastAdvance = view.getUint16(hmtx + 4 * (numberOfHMetrics - 1));
  // glyph records read so far (a document set uses a few thousand at most)
  const records = new Map<number, Uint8Array>();
  const range = (gid: number): [number, number] => {
    if (gid >= numGlyphs) return [0, 0];
    const a =
      indexToLocFormat === 0 ? view.getUint16(loca + 2 * gid) * 2 : view.getUint32(loca + 4 * gid);
    const b =
      indexToLocFormat === 0
        ? view.getUint16(loca + 2 * gid + 2) * 2
        : view.getUint32(loca + 4 * gid + 4);
    return [a, Math.max(a, b)];
  };
  return {
    unitsPerEm,
    numGlyphs,
    ascent,
    descent,
    capHeight,
    bbox,
    italicAngle,
    postScriptName: name !== undefined ? readPostScriptName(view, name) : "Font",
    numberOfHMetrics,
    glyphOf,
    advanceOf(gid) {
      return gid < numberOfHMetrics ? view.getUint16(hmtx + 4 * gid) : lastAdvance;
    },
    lsbOf(gid) {
      return gid < numberOfHMetrics
        ? view.getInt16(hmtx + 4 * gid + 2)
        : view.getInt16(hmtx + 4 * numberOfHMetrics + 2 * (gid - numberOfHMetrics));
    },
    glyph(gid) {
      let rec = records.get(gid);
      if (!rec) {
        const [a, b] = range(gid);
        rec = b > a ? read(glyfRec.offset + a, b - a) : new Uint8Array(0);
        records.set(gid, rec);
      }
      return rec;
    },
    table(t) {
      const b = bytesOf.get(t);
      return b ? b.slice() : null;
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

function readPostScriptName(view: DataView, name: number): string {
  const count = view.getUint16(name + 2);
  const strings = name + view.getUint16(name + 4);
  for (let i = 0; i < count; i++) {
    const o = name + 6 + 12 * i;
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
