// Pages of positioned boxes → PDF bytes. Fonts are embedded by us as CIDFontType2 subsets (see
// subset.ts), content streams are written as operator text and deflated with node:zlib, and
// writer.ts writes the file. No clock: dates and the file ID come in.
import { createHash } from "node:crypto";
import { deflateSync } from "node:zlib";
import type { Item, OutlineEntry, Page, PathOp, Rgb, TextRun } from "./boxes.ts";
import type { Face } from "./fonts.ts";
import { PAGE_HEIGHT, PAGE_WIDTH } from "./gbt9704.ts";
import { subsetFont } from "./subset.ts";
import { Hex, Literal, PdfFile } from "./writer.ts";
import type { PdfValue, Ref } from "./writer.ts";

export interface PdfInfo {
  title: string;
  author?: string;
  subject?: string;
  /** YYYY-MM-DD: creation and modification date (from the content, never the clock). */
  date: string;
  /** Seed of the file identifier (e.g. the document id); the content is hashed in too. */
  id: string;
  keywords?: string[];
}

export interface PaintInput {
  pages: readonly Page[];
  outline: readonly OutlineEntry[];
  info: PdfInfo;
  /**
   * Page labels (the page "numbers" a viewer shows), each range from page index `start` to the
   * next: decimal (D), lower or upper roman (r, R) or no number (null), counting from `first`
   * (1 by default), after an optional prefix.
   */
  labels?: PageLabelRange[];
}

export interface PageLabelRange {
  start: number;
  style: "D" | "r" | "R" | null;
  prefix?: string;
  first?: number;
}

interface FontUse {
  face: Face;
  name: string;
  /** Original glyph id → its new id (1, 2, … in first-use order). */
  codes: Map<number, number>;
  /** The original glyph ids in first-use order. */
  order: number[];
  /** The text of each glyph of `order` where first used. */
  texts: string[];
}

const n2 = (v: number): string => {
  const r = Math.round(v * 100) / 100;
  return r === 0 ? "0" : String(r); // never "-0"
};
const HEX2 = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
/** Four lowercase hex digits of a 16-bit value. */
const hex4 = (v: number) => (HEX2[v >> 8] as string) + (HEX2[v & 255] as string);
/** The character codes of the lowercase hex digits. */
const HEX_DIGITS = Uint8Array.from("0123456789abcdef", (c) => c.charCodeAt(0));

/**
 * A content stream as it is written: its ASCII bytes, straight into one buffer that grows as
 * needed and is used again for the next page (a county's 4,868 pages made ~0.7 GB of short-lived
 * strings when the operators were joined as text). Numbers are written as `n2` writes them.
 */
export class ContentWriter {
  buffer = new Uint8Array(1 << 16);
  length = 0;

  /** The bytes written so far (a view: valid until the next write or reset). */
  bytes(): Uint8Array {
    return this.buffer.subarray(0, this.length);
  }

  reset(): void {
    this.length = 0;
  }

  private room(more: number): void {
    if (this.length + more <= this.buffer.length) return;
    const grown = new Uint8Array(Math.max(this.buffer.length * 2, this.length + more));
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  /** ASCII text (each character's low byte, as latin1 writes it). */
  text(s: string): void {
    this.room(s.length);
    const b = this.buffer;
    let n = this.length;
    for (let i = 0; i < s.length; i++) b[n++] = s.charCodeAt(i);
    this.length = n;
  }

  /** `v` rounded to hundredths, without trailing zeros, never "-0": what `n2(v)` gives. */
  num(v: number): void {
    let k = Math.round(v * 100);
    if (!(Math.abs(k) < 1e15)) return this.text(n2(v)); // not a coordinate: as String() has it
    this.room(20);
    const b = this.buffer;
    let n = this.length;
    if (k === 0) {
      b[n] = 0x30;
      this.length = n + 1;
      return;
    }
    if (k < 0) {
      b[n++] = 0x2d;
      k = -k;
    }
    const whole = Math.floor(k / 100);
    const hundredths = k - whole * 100;
    // the digits of the whole part, most significant first
    let digits = 1;
    for (let w = whole; w >= 10; w = Math.floor(w / 10)) digits++;
    for (let i = digits - 1, w = whole; i >= 0; i--, w = Math.floor(w / 10))
      b[n + i] = 0x30 + (w % 10);
    n += digits;
    if (hundredths !== 0) {
      b[n++] = 0x2e;
      b[n++] = 0x30 + Math.floor(hundredths / 10);
      if (hundredths % 10 !== 0) b[n++] = 0x30 + (hundredths % 10);
    }
    this.length = n;
  }

  /** Four lowercase hex digits of a 16-bit value. */
  hex4(v: number): void {
    this.room(4);
    const b = this.buffer;
    const n = this.length;
    b[n] = HEX_DIGITS[(v >> 12) & 15] as number;
    b[n + 1] = HEX_DIGITS[(v >> 8) & 15] as number;
    b[n + 2] = HEX_DIGITS[(v >> 4) & 15] as number;
    b[n + 3] = HEX_DIGITS[v & 15] as number;
    this.length = n + 4;
  }

  /** The bytes written from `from` to `to`, again. */
  again(from: number, to: number): void {
    this.room(to - from);
    this.buffer.copyWithin(this.length, from, to);
    this.length += to - from;
  }
}

function collectFonts(pages: readonly Page[]): Map<Face, FontUse> {
  const uses = new Map<Face, FontUse>();
  const visit = (items: readonly Item[]) => {
    for (const it of items) {
      if (it.type === "group") visit(it.items);
      else if (it.type === "text") {
        let u = uses.get(it.face);
        if (!u) {
          u = {
            face: it.face,
            name: `F${uses.size + 1}`,
            codes: new Map(),
            order: [],
            texts: [],
          };
          uses.set(it.face, u);
        }
        const { gids, texts } = it;
        for (let i = 0; i < gids.length; i++) {
          const gid = gids[i] as number;
          if (!u.codes.has(gid)) {
            u.codes.set(gid, u.order.length + 1);
            u.order.push(gid);
            u.texts.push(texts[i] as string);
          }
        }
      }
    }
  };
  for (const p of pages) visit(p.items);
  return uses;
}

function colorOp(out: ContentWriter, c: Rgb, stroke: boolean): void {
  out.num(c[0]);
  out.text(" ");
  out.num(c[1]);
  out.text(" ");
  out.num(c[2]);
  out.text(stroke ? " RG" : " rg");
}

/** Two numbers and an operator: `x y op`. */
function point(out: ContentWriter, x: number, y: number, op: string): void {
  out.num(x);
  out.text(" ");
  out.num(y);
  out.text(op);
}

function pathOps(out: ContentWriter, ops: readonly PathOp[]): void {
  for (const o of ops) {
    if (o.op === "Z") out.text("h\n");
    else if (o.op === "C") {
      point(out, o.x1, o.y1, " ");
      point(out, o.x2, o.y2, " ");
      point(out, o.x, o.y, " c\n");
    } else point(out, o.x, o.y, o.op === "M" ? " m\n" : " l\n");
  }
}

/** textOps' offsets between glyphs, used again run after run. */
let scratch = new Float64Array(256);

/**
 * One text-showing operator per run: glyph codes with the offsets that put each at its x.
 * Glyphs that overlap by more than a tenth of an em (compressed or squeezed punctuation, 「），」)
 * are shown inside a marked-content span carrying their text as /ActualText, so text extraction
 * reads the pair as it is written instead of taking the overlap for a second line.
 */
function textOps(out: ContentWriter, run: TextRun, use: FontUse): void {
  const { gids, xs, texts } = run;
  const n = gids.length;
  if (n === 0) return;
  const h = run.hScale ?? 1;
  const scale = (run.size * h) / 1000;
  out.text(`/${use.name} `);
  out.num(run.size);
  out.text(" Tf ");
  colorOp(out, run.color, false);
  if (h !== 1) {
    out.text(" ");
    out.num(h * 100);
    out.text(" Tz");
  }
  out.text("\n");
  const face = use.face;
  // the offset in thousandths of an em from where each glyph's advance ends to the next glyph
  if (scratch.length < n) scratch = new Float64Array(Math.max(n, scratch.length * 2));
  const adjusts = scratch;
  for (let i = 0; i + 1 < n; i++) {
    const x = xs[i] as number;
    const next = xs[i + 1] as number;
    adjusts[i] =
      Math.round(((x + face.advance(gids[i] as number) * scale - next) / scale) * 10) / 10;
  }
  adjusts[n - 1] = 0;
  // A halo: the glyph outlines stroked first (render mode 1), then the glyphs filled over them.
  if (run.halo) {
    colorOp(out, run.halo.color, true);
    out.text(" ");
    out.num(run.halo.width);
    out.text(" w 1 j 1 Tr\n");
  }
  const shown = out.length;
  out.text("1 0 0 -1 ");
  point(out, xs[0] as number, run.y, " Tm");
  let lastAdjust = 0;
  let adjustText = "";
  for (let i = 0; i < n;) {
    // a chain of glyphs each overlapping the next goes into one span, the rest into plain TJ
    let j = i;
    const chain = (adjusts[i] as number) > 100;
    if (chain) while ((adjusts[j] as number) > 100) j++;
    else while (j + 1 < n && (adjusts[j + 1] as number) <= 100) j++;
    if (chain) {
      let text = "";
      for (let k = i; k <= j; k++) text += texts[k] as string;
      out.text(` /Span <</ActualText <FEFF${utf16Hex(text)}>>> BDC [<`);
    } else out.text(" [<");
    for (let k = i; k <= j; k++) {
      out.hex4(use.codes.get(gids[k] as number) ?? 0);
      const a = adjusts[k] as number;
      if (k + 1 < n && a !== 0) {
        // a justified line repeats one offset: its text is made once
        if (a !== lastAdjust) {
          lastAdjust = a;
          adjustText = `>${a}<`;
        }
        out.text(adjustText);
      }
    }
    out.text(chain ? ">] TJ EMC" : ">] TJ");
    i = j + 1;
  }
  if (run.halo) {
    const end = out.length;
    out.text("\n0 Tr\n");
    out.again(shown, end);
  }
  out.text(h !== 1 ? " 100 Tz\n" : "\n");
}

function contentOf(out: ContentWriter, items: readonly Item[], fonts: Map<Face, FontUse>): void {
  for (const it of items) {
    switch (it.type) {
      case "text": {
        const use = fonts.get(it.face) as FontUse;
        // a halo's line width and join stay inside q … Q
        out.text(it.halo ? "q BT\n" : "BT\n");
        textOps(out, it, use);
        out.text(it.halo ? "ET Q\n" : "ET\n");
        break;
      }
      case "rule":
        out.num(it.width);
        out.text(" w ");
        colorOp(out, it.color, true);
        out.text(" ");
        point(out, it.x1, it.y1, " m ");
        point(out, it.x2, it.y2, " l S\n");
        break;
      case "path": {
        if (!it.fill && !it.stroke) break;
        out.text("q\n");
        if (it.fill) {
          colorOp(out, it.fill, false);
          out.text("\n");
        }
        if (it.stroke) {
          colorOp(out, it.stroke, true);
          out.text(" ");
          out.num(it.strokeWidth);
          out.text(" w\n");
          if (it.dash) {
            out.text("[");
            point(out, it.dash[0], it.dash[1], "] 0 d\n");
          }
          if (it.roundJoin) out.text("1 j\n");
        }
        pathOps(out, it.ops);
        out.text(it.fill && it.stroke ? "B\nQ\n" : it.fill ? "f\nQ\n" : "S\nQ\n");
        break;
      }
      case "group":
        out.text("q");
        for (const v of it.matrix) {
          out.text(" ");
          out.num(v);
        }
        out.text(" cm\n");
        contentOf(out, it.items, fonts);
        out.text("Q\n");
        break;
      default: {
        const never: never = it;
        throw new Error(`unknown item ${JSON.stringify(never)}`);
      }
    }
  }
}

/** A stream deflated at level 1 (into one output chunk that holds all of it: no pieces to join). */
function deflated(file: PdfFile, bytes: Uint8Array, extra: Record<string, PdfValue> = {}): Ref {
  const n = bytes.length;
  const packed = deflateSync(bytes, {
    level: 1,
    chunkSize: Math.max(64, n + (n >> 3) + (n >> 6) + 64),
  });
  const ref = file.ref();
  file.setStream(ref, { Filter: "FlateDecode", ...extra }, packed);
  return ref;
}

function subsetTag(use: FontUse): string {
  const h = createHash("md5")
    .update(use.face.font.postScriptName)
    .update(Uint32Array.from(use.order))
    .digest();
  let tag = "";
  for (let i = 0; i < 6; i++) tag += String.fromCharCode(65 + ((h[i] as number) % 26));
  return tag;
}

function utf16Hex(text: string): string {
  let s = "";
  for (let i = 0; i < text.length; i++) s += hex4(text.charCodeAt(i));
  return s;
}

function embedFont(file: PdfFile, use: FontUse): Ref {
  const font = use.face.font;
  // each code point maps to the first glyph that shows it; each glyph maps back to its text
  const unicodes = new Map<number, number>();
  const entries = use.texts.map((text, i) => {
    const cp = text.codePointAt(0);
    if (cp !== undefined && !unicodes.has(cp)) unicodes.set(cp, i + 1);
    return `<${hex4(i + 1)}> <${utf16Hex(text)}>`;
  });
  const subset = subsetFont(font, use.order, unicodes);
  const name = `${subsetTag(use)}+${font.postScriptName}`;
  const k = 1000 / font.unitsPerEm;
  const fontFile = deflated(file, subset.bytes, { Length1: subset.bytes.length });
  const descriptor = file.add({
    Type: "FontDescriptor",
    FontName: name,
    Flags: 4,
    FontBBox: font.bbox.map((v) => Math.round(v * k)),
    ItalicAngle: font.italicAngle,
    Ascent: Math.round(font.ascent * k),
    Descent: Math.round(font.descent * k),
    CapHeight: Math.round(font.capHeight * k),
    StemV: 80,
    FontFile2: fontFile,
  });
  const widths = subset.oldIds.map((g) => Math.round(use.face.advance(g)));
  const cid = file.add({
    Type: "Font",
    Subtype: "CIDFontType2",
    BaseFont: name,
    CIDSystemInfo: {
      Registry: new Literal("Adobe"),
      Ordering: new Literal("Identity"),
      Supplement: 0,
    },
    FontDescriptor: descriptor,
    DW: 1000,
    W: [0, widths],
    CIDToGIDMap: "Identity",
  });
  let cmap =
    "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n" +
    "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n" +
    "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n" +
    "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  for (let i = 0; i < entries.length; i += 100) {
    const chunk = entries.slice(i, i + 100);
    cmap += `${chunk.length} beginbfchar\n${chunk.join("\n")}\nendbfchar\n`;
  }
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  const toUnicode = deflated(file, Buffer.from(cmap, "latin1"));
  return file.add({
    Type: "Font",
    Subtype: "Type0",
    BaseFont: name,
    Encoding: "Identity-H",
    DescendantFonts: [cid],
    ToUnicode: toUnicode,
  });
}

/** The outline's root, its entries numbered as they are met (each list before its children). */
function addOutline(file: PdfFile, pageRefs: Ref[], entries: readonly OutlineEntry[]): Ref {
  const rootRef = file.ref();
  const build = (
    list: readonly OutlineEntry[],
    parent: Ref,
  ): { first: Ref; last: Ref; count: number } => {
    const refs = list.map(() => file.ref());
    let count = 0;
    list.forEach((e, i) => {
      const dict: Record<string, PdfValue> = {
        Title: Hex.text(e.title),
        Parent: parent,
        Dest: [
          (pageRefs[e.page] ?? pageRefs[0]) as Ref,
          "XYZ",
          0,
          Math.round(PAGE_HEIGHT - e.y + 6),
          0,
        ],
      };
      if (i > 0) dict.Prev = refs[i - 1] as Ref;
      if (i + 1 < refs.length) dict.Next = refs[i + 1] as Ref;
      count++;
      if (e.children.length) {
        const sub = build(e.children, refs[i] as Ref);
        dict.First = sub.first;
        dict.Last = sub.last;
        // top-level entries open, deeper ones closed
        dict.Count = parent === rootRef ? sub.count : -sub.count;
        if (parent === rootRef) count += sub.count;
      }
      file.set(refs[i] as Ref, dict);
    });
    return { first: refs[0] as Ref, last: refs[refs.length - 1] as Ref, count };
  };
  const top = build(entries, rootRef);
  file.set(rootRef, { Type: "Outlines", First: top.first, Last: top.last, Count: top.count });
  return rootRef;
}

/** A date as PDF writes it, in UTC: D:YYYYMMDDHHmmSSZ (midnight in China the day before, 16:00). */
function pdfDate(date: string): Literal {
  const d = new Date(`${date}T00:00:00+08:00`);
  const two = (v: number) => String(v).padStart(2, "0");
  return new Literal(
    `D:${String(d.getUTCFullYear()).padStart(4, "0")}${two(d.getUTCMonth() + 1)}${two(d.getUTCDate())}` +
      `${two(d.getUTCHours())}${two(d.getUTCMinutes())}${two(d.getUTCSeconds())}Z`,
  );
}

/** The content stream being written, page after page (each is written without a pause). */
const pageContent = new ContentWriter();

export async function paintPdf(input: PaintInput): Promise<Uint8Array> {
  const file = new PdfFile();
  const pagesRef = file.ref();
  const catalogRef = file.ref();
  const fonts = collectFonts(input.pages);
  const fontDict: Record<string, Ref> = {};
  for (const use of fonts.values()) fontDict[use.name] = embedFont(file, use);
  const resources = file.add({ Font: fontDict, ProcSet: ["PDF", "Text"] });
  const flip = `1 0 0 -1 0 ${n2(PAGE_HEIGHT)} cm\n`;
  const hash = createHash("md5").update(input.info.id);
  const pageRefs: Ref[] = [];
  const out = pageContent;
  for (const p of input.pages) {
    const page = file.ref();
    out.reset();
    out.text(flip);
    contentOf(out, p.items, fonts);
    const content = out.bytes(); // hashed and deflated before the next page is written
    hash.update(content);
    file.set(page, {
      Type: "Page",
      Parent: pagesRef,
      Resources: resources,
      MediaBox: [0, 0, PAGE_WIDTH, PAGE_HEIGHT],
      Contents: deflated(file, content),
    });
    pageRefs.push(page);
  }
  file.set(pagesRef, { Type: "Pages", Kids: pageRefs, Count: pageRefs.length });
  const outline = input.outline.length ? addOutline(file, pageRefs, input.outline) : undefined;
  let labels: PdfValue | undefined;
  if (input.labels?.length) {
    const nums: PdfValue[] = [];
    for (const l of input.labels) {
      const d: Record<string, PdfValue> = {};
      if (l.style) d.S = l.style;
      if (l.prefix) d.P = Hex.text(l.prefix);
      if (l.first && l.first !== 1) d.St = l.first;
      nums.push(l.start, d);
    }
    labels = { Nums: nums };
  }
  const { info } = input;
  const infoRef = file.add({
    Title: Hex.text(info.title),
    Author: info.author ? Hex.text(info.author) : undefined,
    Subject: info.subject ? Hex.text(info.subject) : undefined,
    Keywords: info.keywords?.length ? Hex.text(info.keywords.join(" ")) : undefined,
    Creator: Hex.text("xinfang 信访工作文书系统"),
    Producer: Hex.text("xinfang"),
    CreationDate: pdfDate(info.date),
    ModDate: pdfDate(info.date),
  });
  // the window shows the title, not the file name
  const preferences = file.add({ DisplayDocTitle: true });
  file.set(catalogRef, {
    Type: "Catalog",
    Pages: pagesRef,
    Outlines: outline,
    PageMode: outline ? "UseOutlines" : undefined,
    PageLabels: labels,
    ViewerPreferences: preferences,
    Lang: new Literal("zh-CN"),
  });
  return file.save(catalogRef, infoRef, hash.digest("hex").toUpperCase());
}
