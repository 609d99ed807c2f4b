// TrueType reader: just what typesetting and subsetting need (cmap, advances, glyph records),
// read lazily from the file's bytes so a 15 MiB CJK font costs a table directory to open.
// Accepts .ttf (glyf outlines), the first face of a .ttc, and WOFF 1.0 (zlib tables, each read
// and inflated when first used); refuses CFF-flavoured OpenType with a message, since subsetting
// it is out of scope.
// node:zlib is taken when a WOFF table is first inflated: a font read from its unpacked copy
// (font-cache.ts) or a TrueType file never needs it.
const zlib = () => process.getBuiltinModule("node:zlib");

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
  /** The full name, in Chinese when the font has one (仿宋_GB2312, 霞鹜文楷), for people. */
  fullName: string;
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
  /**
   * Inflates the glyph records of a WOFF file on a worker thread, so that a process can do other
   * work meanwhile (nothing to do for TrueType). Never rejects: a failure is left to glyph().
   */
  preload(): Promise<void>;
}

function tag(view: DataView, offset: number): string {
  return String.fromCharCode(
    view.getUint8(offset),
    view.getUint8(offset + 1),
    view.getUint8(offset + 2),
    view.getUint8(offset + 3),
  );
}

/** Largest font program accepted (a CJK TrueType font is 10–30 MiB; collections up to ~100). */
export const MAX_FONT_BYTES = 256 * 1024 * 1024;

/**
 * Where the unpacked form of a WOFF font (the sfnt it holds, every table inflated) is kept
 * between processes (font-cache.ts), so that a later process reads glyph records from it one by
 * one instead of reading and inflating the whole glyf table again.
 */
export interface UnpackedStore {
  /** A reader of a kept unpacked font of `size` bytes beginning with `directory`, or null. */
  find(directory: Uint8Array, size: number): ByteSource | null;
  /** Called once when glyf has been inflated: `parts()` are the unpacked font's bytes, in order. */
  keep(parts: () => Uint8Array[]): void;
}

/**
 * A WOFF 1.0 file, read through `read`, as the sfnt it holds: the table directory is rebuilt at
 * once, each table is read and inflated on its first use. Setting type reads cmap and hmtx (a few
 * milliseconds); only subsetting or verifying glyphs reads and inflates glyf (15 MiB for a CJK
 * font, ~80 ms), once. `inflatedGlyf` is called once glyf is inflated.
 */
export function woffSource(
  read: ByteSource,
  fileSize: number,
  inflatedGlyf: (parts: () => Uint8Array[]) => void = () => {},
): {
  read: ByteSource;
  size: number;
  /** The rebuilt table directory (the unpacked font's first bytes). */
  directory: Uint8Array;
  preload(tag: string): Promise<void>;
} {
  if (fileSize < 44) throw new FontFormatError("WOFF 文件头不完整");
  const header = read(0, 44);
  let v = new DataView(header.buffer, header.byteOffset, header.byteLength);
  const flavor = v.getUint32(4);
  // TrueType, or CFF for readTrueType to refuse with its own words; never a WOFF or collection
  if (flavor !== 0x00010000 && flavor !== 0x74727565 && flavor !== 0x4f54544f)
    throw new FontFormatError("WOFF 文件中不是 TrueType 字体");
  const numTables = v.getUint16(12);
  if (44 + 20 * numTables > fileSize) throw new FontFormatError("WOFF 表目录超出文件末尾");
  const directory = read(44, 20 * numTables);
  v = new DataView(directory.buffer, directory.byteOffset, directory.byteLength);
  interface Entry {
    tag: string;
    /** Where the table's compressed bytes are in the file, and how many. */
    offset: number;
    packed: number;
    /** Where the table sits in the sfnt, and its length there. */
    at: number;
    length: number;
    data: Uint8Array | null;
    /** The inflation under way off the main thread (preload), shared by every caller. */
    pending: Promise<void> | null;
  }
  const entries: Entry[] = [];
  let size = 12 + 16 * numTables;
  for (let i = 0; i < numTables; i++) {
    const o = 20 * i;
    const offset = v.getUint32(o + 4);
    const packed = v.getUint32(o + 8);
    const length = v.getUint32(o + 12);
    if (offset + packed > fileSize || packed > length)
      throw new FontFormatError("WOFF 表的长度或位置不正确");
    entries.push({ tag: tag(v, o), offset, packed, at: size, length, data: null, pending: null });
    size += (length + 3) & ~3;
    if (size > MAX_FONT_BYTES) throw new FontFormatError("WOFF 表的长度或位置不正确");
  }
  const head = new Uint8Array(12 + 16 * numTables);
  const w = new DataView(head.buffer);
  w.setUint32(0, flavor);
  w.setUint16(4, numTables);
  entries.forEach((e, i) => {
    const o = 12 + 16 * i;
    for (let k = 0; k < 4; k++) w.setUint8(o + k, e.tag.charCodeAt(k));
    w.setUint32(o + 8, e.at);
    w.setUint32(o + 12, e.length);
  });
  const inflated = (e: Entry): Uint8Array => {
    if (e.data) return e.data;
    const raw = read(e.offset, e.packed);
    let data = raw;
    if (e.packed < e.length) {
      try {
        const out = zlib().inflateSync(raw, {
          maxOutputLength: e.length,
          chunkSize: Math.max(64, e.length),
        });
        data = new Uint8Array(out.buffer, out.byteOffset, out.byteLength);
      } catch {
        throw new FontFormatError(`WOFF 的 ${e.tag.trim()} 表无法解压`);
      }
      if (data.length !== e.length)
        throw new FontFormatError(`WOFF 的 ${e.tag.trim()} 表解压后的长度不对`);
    }
    e.data = data;
    if (e.tag === "glyf") inflatedGlyf(parts);
    return data;
  };
  /** The unpacked font: the directory, then each table (inflated now if not yet) padded to 4. */
  const parts = (): Uint8Array[] => {
    const out: Uint8Array[] = [head];
    for (const e of entries) {
      out.push(inflated(e));
      if (e.length & 3) out.push(new Uint8Array(4 - (e.length & 3)));
    }
    return out;
  };
  const source: ByteSource = (offset, length) => {
    if (offset + length <= head.length) return head.subarray(offset, offset + length);
    // reads never straddle tables: each is one table, or one glyph record inside glyf
    const e = entries.find((t) => offset >= t.at && offset + length <= t.at + t.length);
    if (!e) throw new FontFormatError("WOFF 表的长度或位置不正确");
    return inflated(e).subarray(offset - e.at, offset - e.at + length);
  };
  /** The same inflation as a first read of the table, off the main thread. */
  const preload = (t: string): Promise<void> => {
    const e = entries.find((x) => x.tag === t);
    if (!e || e.data || e.packed >= e.length) return Promise.resolve();
    if (e.pending) return e.pending;
    let raw: Uint8Array;
    try {
      raw = read(e.offset, e.packed);
    } catch {
      return Promise.resolve();
    }
    e.pending = new Promise((done) =>
      // one output chunk the table's size: no concatenation, no copy
      zlib().inflate(
        raw,
        { maxOutputLength: e.length, chunkSize: Math.max(64, e.length) },
        (error, data) => {
          // a plain Uint8Array view (Buffer's slice() would share bytes where callers expect a copy)
          if (!error && data.length === e.length && !e.data) {
            e.data = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
            if (e.tag === "glyf") inflatedGlyf(parts);
          }
          e.pending = null;
          done();
        },
      ),
    );
    return e.pending;
  };
  return { read: source, size, directory: head, preload };
}

/** Parses a font held in memory. Throws FontFormatError for anything it cannot subset. */
export function parseTrueType(input: Uint8Array): TrueTypeFont {
  const data = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const read: ByteSource = (offset, length) => data.subarray(offset, offset + length);
  return readTrueType(read, data.length);
}

/** The tables other than glyf that typesetting and subsetting use (table() gives no other). */
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

/**
 * Reads a font through `read`: the table directory, the small tables and cmap at once, the
 * advances and glyph offsets when first used, glyph records only when asked for — a 15 MiB CJK
 * font costs well under 1 MiB of reading to set type with, and ~30 KB to look characters up in.
 * Every offset the reader will ever follow is checked here or where it is read, so a damaged
 * file ends in a FontFormatError (never a RangeError, never a wrong glyph). A WOFF font is read
 * from its unpacked form kept in `store` when there is one, and offered to it once inflated.
 */
export function readTrueType(read: ByteSource, size: number, store?: UnpackedStore): TrueTypeFont {
  if (size < 12) throw new FontFormatError("文件太短，不是字体文件");
  const first = read(0, Math.min(size, 16));
  const firstView = new DataView(first.buffer, first.byteOffset, first.byteLength);
  const magic = tag(firstView, 0);
  if (magic === "wOFF") {
    const woff = woffSource(read, size, store && ((parts) => store.keep(parts)));
    const unpacked = store?.find(woff.directory, woff.size);
    if (unpacked) return readTrueType(unpacked, woff.size);
    // the glyph records, their offsets and the advances: what typesetting reads
    const preload = () =>
      Promise.all(["glyf", "loca", "hmtx"].map((t) => woff.preload(t))).then(() => {});
    return { ...readTrueType(woff.read, woff.size), preload };
  }
  if (magic === "wOF2") throw new FontFormatError("不支持 WOFF2 字体，请使用 TrueType（.ttf）文件");
  if (magic === "ttcf" && size < 16) throw new FontFormatError("字体集合文件头不完整");
  const start = magic === "ttcf" ? firstView.getUint32(12) : 0;
  if (start + 12 > size) throw new FontFormatError("字体集合中的第一个字体超出文件末尾");
  const dirHead = read(start, 12);
  let view = new DataView(dirHead.buffer, dirHead.byteOffset, dirHead.byteLength);
  const version = view.getUint32(0);
  if (version === 0x4f54544f)
    throw new FontFormatError("这是 CFF 轮廓的 OpenType 字体（.otf），请使用 TrueType（.ttf）文件");
  if (version !== 0x00010000 && version !== 0x74727565)
    throw new FontFormatError("不是 TrueType 字体文件");
  const numTables = view.getUint16(4);
  if (start + 12 + 16 * numTables > size) throw new FontFormatError("字体的表目录超出文件末尾");
  const dir = read(start + 12, 16 * numTables);
  view = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const tables = new Map<string, TableRecord>();
  for (let i = 0; i < numTables; i++) {
    const o = 16 * i;
    const record = { offset: view.getUint32(o + 8), length: view.getUint32(o + 12) };
    if (record.offset + record.length > size)
      throw new FontFormatError(`字体文件不完整：${tag(view, o).trim()} 表超出文件末尾`);
    tables.set(tag(view, o), record);
  }
  for (const t of ["head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf"])
    if (!tables.has(t)) throw new FontFormatError(`字体缺少 ${t} 表（需要 TrueType 轮廓）`);
  // The tables typesetting and subsetting use, each read when first needed, straight into a
  // buffer of its own (glyph records one by one). Opening a font reads its small tables and cmap
  // only: `check` looks characters up and never needs the advances (hmtx) or the glyph offsets
  // (loca), some 250 KB each for a CJK font, which typesetting reads on its first glyph.
  const glyfRec = tables.get("glyf") as TableRecord;
  const bytesOf = new Map<string, Uint8Array>();
  const bytes = (t: string): Uint8Array | null => {
    let b = bytesOf.get(t);
    if (b === undefined) {
      const r = tables.get(t);
      if (r === undefined) return null;
      b = read(r.offset, r.length);
      bytesOf.set(t, b);
    }
    return b;
  };
  const viewOf = (t: string): DataView => {
    const b = bytes(t) as Uint8Array;
    return new DataView(b.buffer, b.byteOffset, b.byteLength);
  };
  const lengthOf = (t: string) => tables.get(t)?.length ?? 0;
  const need = (t: string, n: number) => {
    if (lengthOf(t) < n) throw new FontFormatError(`字体的 ${t} 表不完整`);
  };
  need("head", 54);
  need("hhea", 36);
  need("maxp", 6);
  need("cmap", 4);
  const head = viewOf("head");
  const hhea = viewOf("hhea");
  const unitsPerEm = head.getUint16(18);
  if (unitsPerEm < 16 || unitsPerEm > 16384)
    throw new FontFormatError(`字体的 unitsPerEm 不正确（${unitsPerEm}）`);
  const bbox: [number, number, number, number] = [
    head.getInt16(36),
    head.getInt16(38),
    head.getInt16(40),
    head.getInt16(42),
  ];
  const indexToLocFormat = head.getInt16(50);
  if (indexToLocFormat !== 0 && indexToLocFormat !== 1)
    throw new FontFormatError("字体的 loca 表格式不正确");
  const numGlyphs = viewOf("maxp").getUint16(4);
  const numberOfHMetrics = hhea.getUint16(34);
  if (numGlyphs < 1 || numberOfHMetrics < 1 || numberOfHMetrics > numGlyphs)
    throw new FontFormatError("字体的字形数或度量数不正确");
  need("hmtx", 4 * numberOfHMetrics + 2 * (numGlyphs - numberOfHMetrics));
  need("loca", (numGlyphs + 1) * (indexToLocFormat === 0 ? 2 : 4));
  const ascent = hhea.getInt16(4);
  const descent = hhea.getInt16(6);
  const os2 = lengthOf("OS/2") >= 90 ? viewOf("OS/2") : null;
  const capHeight =
    os2 !== null && os2.getUint16(0) >= 2 ? os2.getInt16(88) : Math.round(ascent * 0.7);
  // italicAngle is all of post that is needed here (a font with glyph names has a big one)
  const postRec = tables.get("post");
  const postHead = postRec !== undefined && postRec.length >= 8 ? read(postRec.offset, 8) : null;
  const italicAngle = postHead
    ? new DataView(postHead.buffer, postHead.byteOffset, 8).getInt32(4) / 65536
    : 0;

  const glyphOf = cmapLookup(viewOf("cmap"), 0, lengthOf("cmap"));
  let hmtx: DataView | undefined;
  let lastAdvance = 0;
  const metrics = (): DataView => {
    if (hmtx === undefined) {
      hmtx = viewOf("hmtx");
      lastAdvance = hmtx.getUint16(4 * (numberOfHMetrics - 1));
    }
    return hmtx;
  };
  let loca: DataView | undefined;
  const locaAt = (gid: number): number => {
    loca ??= viewOf("loca");
    return indexToLocFormat === 0 ? loca.getUint16(2 * gid) * 2 : loca.getUint32(4 * gid);
  };
  // glyph records read so far (a document set uses a few thousand at most)
  const records = new Map<number, Uint8Array>();
  // A glyph record must lie inside glyf, after the one before it: checked as each is read, not
  // all when the font is opened (30,000 entries a CJK font, ~3 ms of every cold start for each of
  // the four shipped fonts). verifyGlyphs reads every record in order, so an office's own font is
  // refused for the same entry with the same message as by a check of all of them up front.
  const range = (gid: number): [number, number] => {
    if (gid >= numGlyphs) return [0, 0];
    const a = locaAt(gid);
    const b = locaAt(gid + 1);
    if (a > glyfRec.length) throw new FontFormatError(`字体的 loca 表不正确（第 ${gid} 项）`);
    if (b < a || b > glyfRec.length)
      throw new FontFormatError(`字体的 loca 表不正确（第 ${gid + 1} 项）`);
    return [a, b];
  };
  let postScriptName = "Font";
  let fullName = "";
  if (tables.has("name")) {
    const name = viewOf("name");
    try {
      postScriptName = readPostScriptName(name, 0, lengthOf("name"));
    } catch {
      postScriptName = "Font";
    }
    try {
      fullName = readFullName(name, 0, lengthOf("name"));
    } catch {
      fullName = "";
    }
  }
  if (!fullName) fullName = postScriptName;
  return {
    unitsPerEm,
    numGlyphs,
    ascent,
    descent,
    capHeight,
    bbox,
    italicAngle,
    postScriptName,
    fullName,
    numberOfHMetrics,
    glyphOf,
    advanceOf(gid) {
      if (gid >= numGlyphs) return 0;
      const h = metrics();
      return gid < numberOfHMetrics ? h.getUint16(4 * gid) : lastAdvance;
    },
    lsbOf(gid) {
      if (gid >= numGlyphs) return 0;
      const h = metrics();
      return gid < numberOfHMetrics
        ? h.getInt16(4 * gid + 2)
        : h.getInt16(4 * numberOfHMetrics + 2 * (gid - numberOfHMetrics));
    },
    glyph(gid) {
      let rec = records.get(gid);
      if (!rec) {
        const [a, b] = range(gid);
        rec = b > a ? read(glyfRec.offset + a, b - a) : new Uint8Array(0);
        const problem = glyphProblem(rec, numGlyphs);
        if (problem) throw new FontFormatError(`第 ${gid} 号字形的数据已损坏（${problem}）`);
        records.set(gid, rec);
      }
      return rec;
    },
    table(t) {
      if (!NEEDED.includes(t)) return null;
      return bytes(t)?.slice() ?? null;
    },
    preload: () => Promise.resolve(),
  };
}

/**
 * Reads every table of `font` and checks every glyph record (for an office's own font files,
 * once, so a damaged table or outline is found by `check` rather than half-way through a build).
 */
export function verifyGlyphs(font: TrueTypeFont): void {
  // and every table that opening the font leaves unread (advances, glyph offsets, instructions …)
  for (const t of NEEDED) font.table(t);
  for (let gid = 0; gid < font.numGlyphs; gid++) font.glyph(gid);
}

/** Composite glyph component flags (glyf table). */
export const ARG_1_AND_2_ARE_WORDS = 0x0001;
export const WE_HAVE_A_SCALE = 0x0008;
export const MORE_COMPONENTS = 0x0020;
export const WE_HAVE_AN_X_AND_Y_SCALE = 0x0040;
export const WE_HAVE_A_TWO_BY_TWO = 0x0080;
const WE_HAVE_INSTRUCTIONS = 0x0100;

/** What is wrong with a glyf record's structure (lengths, counts, component ids), or null. */
export function glyphProblem(rec: Uint8Array, numGlyphs: number): string | null {
  if (rec.length === 0) return null;
  if (rec.length < 10) return "记录太短";
  const v = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
  const contours = v.getInt16(0);
  if (contours >= 0) {
    let p = 10 + 2 * contours;
    if (p + 2 > rec.length) return "轮廓数超出记录";
    let points = 0;
    for (let i = 0; i < contours; i++) {
      const end = v.getUint16(10 + 2 * i) + 1;
      if (end < points) return "轮廓终点顺序不对";
      points = end;
    }
    p += 2 + v.getUint16(p);
    let xBytes = 0;
    let yBytes = 0;
    for (let n = 0; n < points;) {
      if (p >= rec.length) return "点的标志超出记录";
      const flag = v.getUint8(p++);
      let repeat = 1;
      if (flag & 8) {
        if (p >= rec.length) return "点的标志超出记录";
        repeat += v.getUint8(p++);
      }
      if (n + repeat > points) return "点的标志多于点数";
      xBytes += repeat * (flag & 2 ? 1 : flag & 16 ? 0 : 2);
      yBytes += repeat * (flag & 4 ? 1 : flag & 32 ? 0 : 2);
      n += repeat;
    }
    return p + xBytes + yBytes > rec.length ? "坐标超出记录" : null;
  }
  let p = 10;
  let flags: number;
  do {
    if (p + 4 > rec.length) return "组件超出记录";
    flags = v.getUint16(p);
    if (v.getUint16(p + 2) >= numGlyphs) return "组件引用了不存在的字形";
    p += 4 + (flags & ARG_1_AND_2_ARE_WORDS ? 4 : 2);
    if (flags & WE_HAVE_A_SCALE) p += 2;
    else if (flags & WE_HAVE_AN_X_AND_Y_SCALE) p += 4;
    else if (flags & WE_HAVE_A_TWO_BY_TWO) p += 8;
    if (p > rec.length) return "组件超出记录";
  } while (flags & MORE_COMPONENTS);
  if (flags & WE_HAVE_INSTRUCTIONS) {
    if (p + 2 > rec.length) return "指令超出记录";
    p += 2 + v.getUint16(p);
  }
  return p > rec.length ? "指令超出记录" : null;
}

/**
 * A code point → glyph function from the best Unicode cmap subtable (format 12, else 4). Every
 * subtable is checked against the table's length; a lookup that would leave it finds no glyph.
 */
function cmapLookup(view: DataView, cmap: number, length: number): (cp: number) => number {
  const n = view.getUint16(cmap + 2);
  if (4 + 8 * n > length) throw new FontFormatError("字体的 cmap 表不完整");
  const end = cmap + length;
  let f12 = -1;
  let f4 = -1;
  for (let i = 0; i < n; i++) {
    const platform = view.getUint16(cmap + 4 + 8 * i);
    const encoding = view.getUint16(cmap + 6 + 8 * i);
    const sub = cmap + view.getUint32(cmap + 8 + 8 * i);
    const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
    if (!unicode || sub + 2 > end) continue;
    const format = view.getUint16(sub);
    if (
      format === 12 &&
      f12 < 0 &&
      sub + 16 <= end &&
      sub + 16 + 12 * view.getUint32(sub + 12) <= end
    )
      f12 = sub;
    if (format === 4 && f4 < 0 && sub + 14 <= end) {
      const segX2 = view.getUint16(sub + 6);
      if (segX2 > 0 && segX2 % 2 === 0 && sub + 16 + 4 * segX2 <= end) f4 = sub;
    }
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
        const segEnd = view.getUint16(ends + 2 * mid);
        if (cp > segEnd) {
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
        const at = ranges + 2 * mid + ro + 2 * (cp - s);
        if (at + 2 > end) return 0;
        const g = view.getUint16(at);
        return g === 0 ? 0 : (g + delta) & 0xffff;
      }
      return 0;
    };
  }
  throw new FontFormatError("字体没有 Unicode 字符映射表（cmap）");
}

function readPostScriptName(view: DataView, name: number, tableLength: number): string {
  if (tableLength < 6) return "Font";
  const count = view.getUint16(name + 2);
  if (6 + 12 * count > tableLength) return "Font";
  const strings = name + view.getUint16(name + 4);
  for (let i = 0; i < count; i++) {
    const o = name + 6 + 12 * i;
    if (view.getUint16(o + 6) !== 6) continue;
    const platform = view.getUint16(o);
    const length = view.getUint16(o + 8);
    const start = strings + view.getUint16(o + 10);
    if (start + length > name + tableLength) continue;
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

/**
 * The full name (name ID 4) for people: the Simplified Chinese record first, then the English
 * one, then any other Unicode one. Empty when the table has none.
 */
function readFullName(view: DataView, name: number, tableLength: number): string {
  if (tableLength < 6) return "";
  const count = view.getUint16(name + 2);
  if (6 + 12 * count > tableLength) return "";
  const strings = name + view.getUint16(name + 4);
  let best = "";
  let bestRank = Infinity;
  for (let i = 0; i < count; i++) {
    const o = name + 6 + 12 * i;
    const platform = view.getUint16(o);
    const language = view.getUint16(o + 4);
    const id = view.getUint16(o + 6);
    if (id !== 4 || (platform !== 0 && platform !== 3)) continue;
    const rank =
      platform === 3 && language === 0x0804 ? 0 : platform === 3 && language === 0x0409 ? 1 : 2;
    if (rank >= bestRank) continue;
    const length = view.getUint16(o + 8);
    const start = strings + view.getUint16(o + 10);
    if (start + length > name + tableLength) continue;
    let s = "";
    for (let k = 0; k + 1 < length; k += 2) s += String.fromCharCode(view.getUint16(start + k));
    s = s.replace(/\p{Cc}/gu, "").trim();
    if (!s) continue;
    best = s;
    bestRank = rank;
  }
  return best;
}
