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
  /** Original glyph id → its new id (1, 2, … in first-use order) as four hex digits. */
  codes: Map<number, string>;
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
            u.codes.set(gid, hex4(u.order.length + 1));
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

const colorOp = (c: Rgb, stroke: boolean) =>
  `${n2(c[0])} ${n2(c[1])} ${n2(c[2])} ${stroke ? "RG" : "rg"}`;

function pathOps(ops: readonly PathOp[]): string {
  let s = "";
  for (const o of ops) {
    if (o.op === "Z") s += "h\n";
    else if (o.op === "C")
      s += `${n2(o.x1)} ${n2(o.y1)} ${n2(o.x2)} ${n2(o.y2)} ${n2(o.x)} ${n2(o.y)} c\n`;
    else s += `${n2(o.x)} ${n2(o.y)} ${o.op === "M" ? "m" : "l"}\n`;
  }
  return s;
}

/**
 * One text-showing operator per run: glyph codes with the offsets that put each at its x.
 * Glyphs that overlap by more than a tenth of an em (compressed or squeezed punctuation, 「），」)
 * are shown inside a marked-content span carrying their text as /ActualText, so text extraction
 * reads the pair as it is written instead of taking the overlap for a second line.
 */
function textOps(run: TextRun, use: FontUse): string {
  const h = run.hScale ?? 1;
  const scale = (run.size * h) / 1000;
  let s = `/${use.name} ${n2(run.size)} Tf ${colorOp(run.color, false)}${h !== 1 ? ` ${n2(h * 100)} Tz` : ""}\n`;
  const { gids, xs, texts } = run;
  const n = gids.length;
  if (n === 0) return "";
  const face = use.face;
  // the offset in thousandths of an em from where each glyph's advance ends to the next glyph
  const adjusts = new Array<number>(n);
  for (let i = 0; i + 1 < n; i++) {
    const x = xs[i] as number;
    const next = xs[i + 1] as number;
    adjusts[i] =
      Math.round(((x + face.advance(gids[i] as number) * scale - next) / scale) * 10) / 10;
  }
  adjusts[n - 1] = 0;
  let shown = `1 0 0 -1 ${n2(xs[0] as number)} ${n2(run.y)} Tm`;
  let lastAdjust = 0;
  let adjustText = "";
  for (let i = 0; i < n;) {
    // a chain of glyphs each overlapping the next goes into one span, the rest into plain TJ
    let j = i;
    const chain = (adjusts[i] as number) > 100;
    if (chain) while ((adjusts[j] as number) > 100) j++;
    else while (j + 1 < n && (adjusts[j + 1] as number) <= 100) j++;
    let tj = "[<";
    for (let k = i; k <= j; k++) {
      tj += use.codes.get(gids[k] as number) ?? "0000";
      const a = adjusts[k] as number;
      if (k + 1 < n && a !== 0) {
        // a justified line repeats one offset: its text is made once
        if (a !== lastAdjust) {
          lastAdjust = a;
          adjustText = `>${a}<`;
        }
        tj += adjustText;
      }
    }
    tj += ">] TJ";
    if (chain) {
      let text = "";
      for (let k = i; k <= j; k++) text += texts[k] as string;
      shown += ` /Span <</ActualText <FEFF${utf16Hex(text)}>>> BDC ${tj} EMC`;
    } else shown += ` ${tj}`;
    i = j + 1;
  }
  // A halo: the glyph outlines stroked first (render mode 1), then the glyphs filled over them.
  if (run.halo)
    s += `${colorOp(run.halo.color, true)} ${n2(run.halo.width)} w 1 j 1 Tr\n${shown}\n0 Tr\n`;
  s += `${shown}${h !== 1 ? " 100 Tz" : ""}\n`;
  return s;
}

function contentOf(items: readonly Item[], fonts: Map<Face, FontUse>): string {
  let s = "";
  for (const it of items) {
    switch (it.type) {
      case "text": {
        const use = fonts.get(it.face) as FontUse;
        // a halo's line width and join stay inside q … Q
        s += it.halo ? `q BT\n${textOps(it, use)}ET Q\n` : `BT\n${textOps(it, use)}ET\n`;
        break;
      }
      case "rule":
        s += `${n2(it.width)} w ${colorOp(it.color, true)} ${n2(it.x1)} ${n2(it.y1)} m ${n2(it.x2)} ${n2(it.y2)} l S\n`;
        break;
      case "path": {
        if (!it.fill && !it.stroke) break;
        s += "q\n";
        if (it.fill) s += `${colorOp(it.fill, false)}\n`;
        if (it.stroke) {
          s += `${colorOp(it.stroke, true)} ${n2(it.strokeWidth)} w\n`;
          if (it.dash) s += `[${n2(it.dash[0])} ${n2(it.dash[1])}] 0 d\n`;
          if (it.roundJoin) s += "1 j\n";
        }
        s += pathOps(it.ops);
        s += it.fill && it.stroke ? "B\n" : it.fill ? "f\n" : "S\n";
        s += "Q\n";
        break;
      }
      case "group":
        s += `q ${it.matrix.map(n2).join(" ")} cm\n${contentOf(it.items, fonts)}Q\n`;
        break;
      default: {
        const never: never = it;
        throw new Error(`unknown item ${JSON.stringify(never)}`);
      }
    }
  }
  return s;
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
  for (const p of input.pages) {
    const page = file.ref();
    const content = Buffer.from(flip + contentOf(p.items, fonts), "latin1");
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
