// Pages of positioned boxes → PDF bytes. The only file that imports pdf-lib (unmaintained since
// 2021: kept behind this one door). Fonts are embedded by us as CIDFontType2 subsets (see
// subset.ts), content streams are written as operator text and deflated with node:zlib; pdf-lib
// supplies the object model and the file writer. No clock: dates and the file ID come in.
import { createHash } from "node:crypto";
import { createRequire } from "node:module";
import { deflateSync } from "node:zlib";
import type * as PdfLib from "pdf-lib";
import type { Item, OutlineEntry, Page, PathOp, Rgb, TextRun } from "./boxes.ts";
import type { Face } from "./fonts.ts";
import { PAGE_HEIGHT, PAGE_WIDTH } from "./gbt9704.ts";
import { subsetFont } from "./subset.ts";

// The single-file build loads in a third of the time of the CommonJS tree.
const lib = createRequire(import.meta.url)("pdf-lib/dist/pdf-lib.min.js") as typeof PdfLib;
const { PDFArray, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFString } = lib;
type PDFDocument = PdfLib.PDFDocument;
type PDFRef = PdfLib.PDFRef;

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
  /** Original glyph id → new glyph id, in first-use order. */
  ids: Map<number, number>;
  order: number[];
  text: Map<number, string>;
}

const n2 = (v: number): string => {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? "0" : String(r);
};
const hex4 = (v: number) => v.toString(16).padStart(4, "0");

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
            ids: new Map(),
            order: [],
            text: new Map(),
          };
          uses.set(it.face, u);
        }
        for (const g of it.glyphs) {
          if (!u.ids.has(g.gid)) {
            u.ids.set(g.gid, u.order.length + 1);
            u.order.push(g.gid);
          }
          if (!u.text.has(g.gid)) u.text.set(g.gid, g.text);
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
  const first = run.glyphs[0];
  if (!first) return "";
  const face = use.face;
  const adjusts = run.glyphs.map((g, i) => {
    const next = run.glyphs[i + 1];
    return next ? Math.round(((g.x + face.advance(g.gid) * scale - next.x) / scale) * 10) / 10 : 0;
  });
  let shown = `1 0 0 -1 ${n2(first.x)} ${n2(run.y)} Tm`;
  for (let i = 0; i < run.glyphs.length;) {
    // a chain of glyphs each overlapping the next goes into one span, the rest into plain TJ
    let j = i;
    const chain = (adjusts[i] as number) > 100;
    if (chain) while ((adjusts[j] as number) > 100) j++;
    else while (j + 1 < run.glyphs.length && (adjusts[j + 1] as number) <= 100) j++;
    let tj = "[<";
    for (let k = i; k <= j; k++) {
      const g = run.glyphs[k] as (typeof run.glyphs)[number];
      tj += hex4(use.ids.get(g.gid) ?? 0);
      if (k + 1 < run.glyphs.length && adjusts[k] !== 0) tj += `>${adjusts[k]}<`;
    }
    tj += ">] TJ";
    if (chain) {
      const text = run.glyphs
        .slice(i, j + 1)
        .map((g) => g.text)
        .join("");
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

function deflated(
  doc: PDFDocument,
  bytes: Uint8Array,
  extra: Record<string, unknown> = {},
): PDFRef {
  const dict = doc.context.obj({
    Filter: "FlateDecode",
    ...extra,
  } as never) as unknown as PdfLib.PDFDict;
  return doc.context.register(PDFRawStream.of(dict, deflateSync(bytes, { level: 1 })));
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

function embedFont(doc: PDFDocument, use: FontUse): PDFRef {
  const font = use.face.font;
  const unicodes = new Map<number, number>();
  for (const [gid, text] of use.text) {
    const cp = text.codePointAt(0);
    const nid = use.ids.get(gid);
    if (cp !== undefined && nid !== undefined && !unicodes.has(cp)) unicodes.set(cp, nid);
  }
  const subset = subsetFont(font, use.order, unicodes);
  const name = `${subsetTag(use)}+${font.postScriptName}`;
  const k = 1000 / font.unitsPerEm;
  const ctx = doc.context;
  const fontFile = deflated(doc, subset.bytes, { Length1: subset.bytes.length });
  const descriptor = ctx.register(
    ctx.obj({
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
    } as never),
  );
  const widths = subset.oldIds.map((g) => Math.round(use.face.advance(g)));
  const cid = ctx.register(
    ctx.obj({
      Type: "Font",
      Subtype: "CIDFontType2",
      BaseFont: name,
      CIDSystemInfo: {
        Registry: PDFString.of("Adobe"),
        Ordering: PDFString.of("Identity"),
        Supplement: 0,
      },
      FontDescriptor: descriptor,
      DW: 1000,
      W: [0, widths],
      CIDToGIDMap: "Identity",
    } as never),
  );
  const entries = [...use.ids].map(
    ([gid, nid]) => `<${hex4(nid)}> <${utf16Hex(use.text.get(gid) ?? "")}>`,
  );
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
  const toUnicode = deflated(doc, Buffer.from(cmap, "latin1"));
  return ctx.register(
    ctx.obj({
      Type: "Font",
      Subtype: "Type0",
      BaseFont: name,
      Encoding: "Identity-H",
      DescendantFonts: [cid],
      ToUnicode: toUnicode,
    } as never),
  );
}

function addOutline(doc: PDFDocument, pageRefs: PDFRef[], entries: readonly OutlineEntry[]): void {
  if (entries.length === 0) return;
  const ctx = doc.context;
  const rootRef = ctx.nextRef();
  const build = (
    list: readonly OutlineEntry[],
    parent: PDFRef,
  ): { first: PDFRef; last: PDFRef; count: number } => {
    const refs = list.map(() => ctx.nextRef());
    let count = 0;
    list.forEach((e, i) => {
      const dict: Record<string, unknown> = {
        Title: PDFHexString.fromText(e.title),
        Parent: parent,
        Dest: [pageRefs[e.page] ?? pageRefs[0], "XYZ", 0, Math.round(PAGE_HEIGHT - e.y + 6), 0],
      };
      if (i > 0) dict.Prev = refs[i - 1];
      if (i + 1 < refs.length) dict.Next = refs[i + 1];
      count++;
      if (e.children.length) {
        const sub = build(e.children, refs[i] as PDFRef);
        dict.First = sub.first;
        dict.Last = sub.last;
        // top-level entries open, deeper ones closed
        dict.Count = parent === rootRef ? sub.count : -sub.count;
        if (parent === rootRef) count += sub.count;
      }
      ctx.assign(refs[i] as PDFRef, ctx.obj(dict as never));
    });
    return { first: refs[0] as PDFRef, last: refs[refs.length - 1] as PDFRef, count };
  };
  const top = build(entries, rootRef);
  ctx.assign(
    rootRef,
    ctx.obj({ Type: "Outlines", First: top.first, Last: top.last, Count: top.count } as never),
  );
  doc.catalog.set(PDFName.of("Outlines"), rootRef);
  doc.catalog.set(PDFName.of("PageMode"), PDFName.of("UseOutlines"));
}

function pdfDate(date: string): Date {
  return new Date(`${date}T00:00:00+08:00`);
}

export async function paintPdf(input: PaintInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  const ctx = doc.context;
  const fonts = collectFonts(input.pages);
  const fontDict: Record<string, PDFRef> = {};
  for (const use of fonts.values()) fontDict[use.name] = embedFont(doc, use);
  const resources = ctx.register(ctx.obj({ Font: fontDict, ProcSet: ["PDF", "Text"] } as never));
  const flip = `1 0 0 -1 0 ${n2(PAGE_HEIGHT)} cm\n`;
  const hash = createHash("md5").update(input.info.id);
  const pageRefs: PDFRef[] = [];
  for (const p of input.pages) {
    const page = doc.addPage([PAGE_WIDTH, PAGE_HEIGHT]);
    const content = Buffer.from(flip + contentOf(p.items, fonts), "latin1");
    hash.update(content);
    page.node.set(PDFName.of("Contents"), deflated(doc, content));
    page.node.set(PDFName.of("Resources"), resources);
    pageRefs.push(page.ref);
  }
  addOutline(doc, pageRefs, input.outline);
  if (input.labels?.length) {
    const nums: unknown[] = [];
    for (const l of input.labels) {
      const d: Record<string, unknown> = {};
      if (l.style) d.S = l.style;
      if (l.prefix) d.P = PDFHexString.fromText(l.prefix);
      if (l.first && l.first !== 1) d.St = l.first;
      nums.push(l.start, d);
    }
    doc.catalog.set(PDFName.of("PageLabels"), ctx.obj({ Nums: nums } as never));
  }
  const { info } = input;
  doc.setTitle(info.title, { showInWindowTitleBar: true });
  if (info.author) doc.setAuthor(info.author);
  if (info.subject) doc.setSubject(info.subject);
  if (info.keywords?.length) doc.setKeywords(info.keywords);
  doc.setCreator("xinfang 信访工作文书系统");
  doc.setProducer("xinfang (pdf-lib)");
  doc.setCreationDate(pdfDate(info.date));
  doc.setModificationDate(pdfDate(info.date));
  doc.setLanguage("zh-CN");
  const id = PDFHexString.of(hash.digest("hex").toUpperCase());
  ctx.trailerInfo.ID = PDFArray.withContext(ctx);
  (ctx.trailerInfo.ID as PdfLib.PDFArray).push(id);
  (ctx.trailerInfo.ID as PdfLib.PDFArray).push(id);
  return doc.save({ useObjectStreams: true, addDefaultPage: false, updateFieldAppearances: false });
}
