// TrueType subsetter for PDF embedding (FontFile2 of a CIDFontType2 with CIDToGIDMap /Identity).
// Glyphs are renumbered densely in the order given (0 stays .notdef; components of composite
// glyphs are appended). Written with the long `loca` format and every glyph record padded to a
// multiple of 4 bytes, so no glyph can be shifted: the corruption of stock @pdf-lib/fontkit
// (short loca with odd-length records, see DESIGN.md "Known traps") cannot happen here.
import {
  ARG_1_AND_2_ARE_WORDS,
  MORE_COMPONENTS,
  WE_HAVE_AN_X_AND_Y_SCALE,
  WE_HAVE_A_SCALE,
  WE_HAVE_A_TWO_BY_TWO,
} from "./truetype.ts";
import type { TrueTypeFont } from "./truetype.ts";

export interface Subset {
  /** The subset font program. */
  bytes: Uint8Array;
  /** Original glyph id of each new glyph id. */
  oldIds: number[];
}

/** Offsets of the glyph index of each component of a composite glyph record. */
function componentOffsets(record: Uint8Array): number[] {
  const out: number[] = [];
  const view = new DataView(record.buffer, record.byteOffset, record.byteLength);
  if (record.length < 10 || view.getInt16(0) >= 0) return out;
  let p = 10;
  for (;;) {
    const flags = view.getUint16(p);
    out.push(p + 2);
    p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) p += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) p += 8;
    if (!(flags & MORE_COMPONENTS) || p + 4 > record.length) return out;
  }
}

/** The table checksum: the sum of big-endian 32-bit words over `length` bytes padded to 4. */
function checksum(bytes: Uint8Array, offset: number, length: number): number {
  // each byte lane summed apart (exact in a double), weighed and folded into 32 bits at the end
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  let b3 = 0;
  const end = offset + ((length + 3) & ~3);
  for (let i = offset; i < end; i += 4) {
    b0 += bytes[i] as number;
    b1 += bytes[i + 1] as number;
    b2 += bytes[i + 2] as number;
    b3 += bytes[i + 3] as number;
  }
  return (b0 * 0x1000000 + b1 * 0x10000 + b2 * 0x100 + b3) % 0x100000000;
}

/** Whether a glyf record is a composite glyph (a negative number of contours). */
const isComposite = (record: Uint8Array) => record.length >= 10 && (record[0] as number) >= 0x80;

function cmapTable(unicodes: ReadonlyMap<number, number>): Uint8Array {
  // code point and glyph packed in one number, sorted as numbers (code points are unique)
  const packed = new Float64Array(unicodes.size);
  let at = 0;
  for (const [cp, gid] of unicodes) packed[at++] = cp * 0x10000 + gid;
  packed.sort();
  const cpAt = (i: number) => Math.floor((packed[i] as number) / 0x10000);
  const gidAt = (i: number) => (packed[i] as number) % 0x10000;
  // the code points up to U+FFFE come first
  let bmp = 0;
  while (bmp < packed.length && cpAt(bmp) <= 0xfffe) bmp++;
  // format 4: one segment per code point, plus the closing 0xFFFF segment
  const segs = bmp + 1;
  const f4len = 16 + 8 * segs;
  const f12len = 16 + 12 * packed.length;
  const out = new Uint8Array(4 + 16 + f4len + f12len);
  const v = new DataView(out.buffer);
  v.setUint16(2, 2);
  v.setUint16(4, 3);
  v.setUint16(6, 1);
  v.setUint32(8, 20);
  v.setUint16(12, 3);
  v.setUint16(14, 10);
  v.setUint32(16, 20 + f4len);
  let o = 20;
  v.setUint16(o, 4);
  v.setUint16(o + 2, f4len);
  v.setUint16(o + 6, segs * 2);
  let sr = 1;
  let es = 0;
  while (sr * 2 <= segs) {
    sr *= 2;
    es++;
  }
  v.setUint16(o + 8, sr * 2);
  v.setUint16(o + 10, es);
  v.setUint16(o + 12, segs * 2 - sr * 2);
  const ends = o + 14;
  const starts = ends + 2 * segs + 2;
  const deltas = starts + 2 * segs;
  for (let i = 0; i < bmp; i++) {
    const cp = cpAt(i);
    v.setUint16(ends + 2 * i, cp);
    v.setUint16(starts + 2 * i, cp);
    v.setUint16(deltas + 2 * i, (gidAt(i) - cp) & 0xffff);
  }
  v.setUint16(ends + 2 * bmp, 0xffff);
  v.setUint16(starts + 2 * bmp, 0xffff);
  v.setUint16(deltas + 2 * bmp, 1);
  o = 20 + f4len;
  v.setUint16(o, 12);
  v.setUint32(o + 4, f12len);
  v.setUint32(o + 12, packed.length);
  for (let i = 0; i < packed.length; i++) {
    v.setUint32(o + 16 + 12 * i, cpAt(i));
    v.setUint32(o + 20 + 12 * i, cpAt(i));
    v.setUint32(o + 24 + 12 * i, gidAt(i));
  }
  return out;
}

/**
 * Subsets `font` to .notdef plus `glyphs` (original ids, in the order they get new ids 1, 2, …)
 * and their components. `unicodes` maps code points to new glyph ids for the subset's cmap.
 */
export function subsetFont(
  font: TrueTypeFont,
  glyphs: readonly number[],
  unicodes: ReadonlyMap<number, number> = new Map(),
): Subset {
  const oldIds = [0];
  const newId = new Map<number, number>([[0, 0]]);
  const add = (g: number) => {
    if (!newId.has(g)) {
      newId.set(g, oldIds.length);
      oldIds.push(g);
    }
  };
  for (const g of glyphs) add(g);
  const records: Uint8Array[] = [];
  for (let i = 0; i < oldIds.length; i++) {
    const rec = font.glyph(oldIds[i] as number);
    records.push(rec);
    if (!isComposite(rec)) continue;
    const v = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
    for (const off of componentOffsets(rec)) add(v.getUint16(off));
  }

  // loca (long): each glyf record padded to 4 bytes
  const loca = new Uint8Array(4 * (oldIds.length + 1));
  const locaView = new DataView(loca.buffer);
  let glyfLength = 0;
  records.forEach((rec, i) => {
    locaView.setUint32(4 * i, glyfLength);
    glyfLength += (rec.length + 3) & ~3;
  });
  locaView.setUint32(4 * oldIds.length, glyfLength);
  /** glyf, written straight into the file at `at`, components renumbered. */
  const writeGlyf = (out: Uint8Array, at: number) => {
    const view = new DataView(out.buffer, out.byteOffset, out.byteLength);
    let pos = at;
    for (const rec of records) {
      out.set(rec, pos);
      if (isComposite(rec)) {
        const v = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
        for (const off of componentOffsets(rec))
          view.setUint16(pos + off, newId.get(v.getUint16(off)) ?? 0);
      }
      pos += (rec.length + 3) & ~3;
    }
  };

  // hmtx: a full metric for every glyph
  const hmtx = new Uint8Array(4 * oldIds.length);
  const hmtxView = new DataView(hmtx.buffer);
  oldIds.forEach((g, i) => {
    hmtxView.setUint16(4 * i, font.advanceOf(g));
    hmtxView.setInt16(4 * i + 2, font.lsbOf(g));
  });

  const copy = (t: string): Uint8Array | null => font.table(t);
  const head = copy("head") as Uint8Array;
  const headView = new DataView(head.buffer);
  headView.setUint32(8, 0);
  headView.setInt16(50, 1);
  const hhea = copy("hhea") as Uint8Array;
  new DataView(hhea.buffer).setUint16(34, oldIds.length);
  const maxp = copy("maxp") as Uint8Array;
  new DataView(maxp.buffer).setUint16(4, oldIds.length);
  const post = new Uint8Array(32);
  const postSrc = copy("post");
  if (postSrc) post.set(postSrc.subarray(0, 32));
  new DataView(post.buffer).setUint32(0, 0x00030000);

  // glyf stands for itself by its length (written in place), every other table by its bytes
  const all: [string, Uint8Array | number | null][] = [
    ["OS/2", copy("OS/2")],
    ["cmap", cmapTable(unicodes)],
    ["cvt ", copy("cvt ")],
    ["fpgm", copy("fpgm")],
    ["glyf", glyfLength],
    ["head", head],
    ["hhea", hhea],
    ["hmtx", hmtx],
    ["loca", loca],
    ["maxp", maxp],
    ["post", post],
    ["prep", copy("prep")],
  ];
  const tables = all.filter((t): t is [string, Uint8Array | number] => t[1] !== null);
  const lengthOf = (t: Uint8Array | number) => (typeof t === "number" ? t : t.length);

  const n = tables.length;
  let size = 12 + 16 * n;
  for (const [, t] of tables) size += (lengthOf(t) + 3) & ~3;
  const out = new Uint8Array(size);
  const w = new DataView(out.buffer);
  w.setUint32(0, 0x00010000);
  w.setUint16(4, n);
  let sr = 1;
  let es = 0;
  while (sr * 2 <= n) {
    sr *= 2;
    es++;
  }
  w.setUint16(6, sr * 16);
  w.setUint16(8, es);
  w.setUint16(10, n * 16 - sr * 16);
  let off = 12 + 16 * n;
  let headOffset = 0;
  // the whole file's checksum: the tables' (each padded with zeros) and the directory's
  let sum = 0;
  tables.forEach(([name, t], i) => {
    const rec = 12 + 16 * i;
    for (let k = 0; k < 4; k++) w.setUint8(rec + k, name.charCodeAt(k));
    if (typeof t === "number") writeGlyf(out, off);
    else out.set(t, off);
    const length = lengthOf(t);
    const tableSum = checksum(out, off, length);
    sum += tableSum;
    w.setUint32(rec + 4, tableSum);
    w.setUint32(rec + 8, off);
    w.setUint32(rec + 12, length);
    if (name === "head") headOffset = off;
    off += (length + 3) & ~3;
  });
  sum += checksum(out, 0, 12 + 16 * n);
  w.setUint32(headOffset + 8, (0xb1b0afba - (sum % 0x100000000)) >>> 0);
  return { bytes: out, oldIds };
}
