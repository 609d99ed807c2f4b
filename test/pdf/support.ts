// Shared by the PDF tests: the example publication, the shipped fonts, small Docs built in code,
// and a look into laid-out pages (text per baseline, in millimetres).
import { fileURLToPath } from "node:url";
import { deflateSync, inflateSync } from "node:zlib";
import type { Block, Doc, DocMeta } from "../../src/doc/types.ts";
import type { Item, Page, TextRun } from "../../src/pdf/boxes.ts";
import { loadFontSet } from "../../src/pdf/fonts.ts";
import type { FontSet } from "../../src/pdf/fonts.ts";
import { toMm } from "../../src/pdf/gbt9704.ts";
import { publish } from "../../src/index.ts";
import type { Publication } from "../../src/site/input.ts";

export const CONTENT = fileURLToPath(new URL("../../content/", import.meta.url));

let publication: Promise<Publication> | null = null;
export function examplePublication(): Promise<Publication> {
  publication ??= publish(CONTENT).then((r) => {
    if (!r.publication) throw new Error("the example content does not publish");
    return r.publication;
  });
  return publication;
}

export function fonts(): FontSet {
  return loadFontSet({}, CONTENT).set;
}

export function meta(over: Partial<DocMeta> = {}): DocMeta {
  return {
    id: "test-doc",
    kind: "notice",
    year: 2025,
    title: "关于测试的通知",
    date: "2025-03-01",
    format: "file",
    issuer: "青禾镇人民政府",
    ...over,
  };
}

export function doc(
  body: Block[],
  over: Partial<DocMeta> = {},
  attachments: Doc["attachments"] = [],
): Doc {
  return { meta: meta(over), body, attachments };
}

export const para = (
  text: string,
  extra: Partial<Extract<Block, { type: "paragraph" }>> = {},
): Block => ({
  type: "paragraph",
  content: [{ type: "text", text }],
  ...extra,
});

export const heading = (level: 1 | 2 | 3 | 4, text: string): Block => ({
  type: "heading",
  level,
  content: [{ type: "text", text }],
});

/** Every text run of a page, groups flattened (their own coordinates). */
/** A run's glyphs as objects: id, page x and text of each. */
export function placed(r: TextRun): { gid: number; x: number; text: string }[] {
  return r.gids.map((gid, i) => ({ gid, x: r.xs[i] as number, text: r.texts[i] as string }));
}

export function runs(items: readonly Item[]): TextRun[] {
  return items.flatMap((i) => (i.type === "text" ? [i] : i.type === "group" ? runs(i.items) : []));
}

export interface TextLine {
  /** Baseline in mm from the top of the page. */
  y: number;
  text: string;
  /** Left edge of the first glyph and the x of every glyph, mm. */
  x: number;
  xs: number[];
  size: number;
}

/** A page's text grouped by baseline, top to bottom (page coordinates; not for groups). */
export function lines(page: Page): TextLine[] {
  const byY = new Map<number, TextLine>();
  for (const r of page.items.filter((i): i is TextRun => i.type === "text")) {
    const key = Math.round(r.y * 100);
    let l = byY.get(key);
    if (!l) byY.set(key, (l = { y: toMm(r.y), text: "", x: Infinity, xs: [], size: r.size }));
    for (const g of placed(r)) {
      l.text += g.text;
      l.xs.push(toMm(g.x));
    }
  }
  return [...byY.values()]
    .map((l) => {
      const order = l.xs.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0]);
      const chars = [...l.text];
      return {
        ...l,
        text: order.map(([, i]) => chars[i]).join(""),
        xs: order.map(([x]) => x),
        x: order[0]?.[0] ?? 0,
      };
    })
    .sort((a, b) => a.y - b.y);
}

/** The plain text of a page, lines joined. */
export function pageText(page: Page): string {
  return runs(page.items)
    .map((r) => r.texts.join(""))
    .join("");
}

/** The FontFile2 programs of a PDF: the streams that carry /Length1. */
export function fontPrograms(bytes: Buffer): Buffer[] {
  const text = bytes.toString("latin1");
  const out: Buffer[] = [];
  const re = /<<([^]*?)>>\s*stream\r?\n/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    if (!/\/Length1\s/.test(m[1]!)) continue;
    const length = Number(/\/Length\s+(\d+)/.exec(m[1]!)![1]);
    const start = m.index + m[0].length;
    out.push(inflateSync(bytes.subarray(start, start + length)));
  }
  return out;
}

/** A WOFF 1.0 file of a TrueType font: each table zlib-compressed (stored when that is smaller). */
export function woffOf(ttf: Uint8Array): Uint8Array {
  const v = new DataView(ttf.buffer, ttf.byteOffset, ttf.byteLength);
  const n = v.getUint16(4);
  const tables = Array.from({ length: n }, (_, i) => {
    const o = 12 + 16 * i;
    const data = ttf.subarray(v.getUint32(o + 8), v.getUint32(o + 8) + v.getUint32(o + 12));
    const packed = deflateSync(data);
    return {
      tag: ttf.subarray(o, o + 4),
      data,
      stored: packed.length < data.length ? packed : data,
    };
  });
  let size = 44 + 20 * n;
  for (const t of tables) size += (t.stored.length + 3) & ~3;
  const out = new Uint8Array(size);
  const w = new DataView(out.buffer);
  out.set([0x77, 0x4f, 0x46, 0x46]); // wOFF
  w.setUint32(4, v.getUint32(0));
  w.setUint32(8, size);
  w.setUint16(12, n);
  let at = 44 + 20 * n;
  tables.forEach((t, i) => {
    const o = 44 + 20 * i;
    out.set(t.tag, o);
    w.setUint32(o + 4, at);
    w.setUint32(o + 8, t.stored.length);
    w.setUint32(o + 12, t.data.length);
    out.set(t.stored, at);
    at += (t.stored.length + 3) & ~3;
  });
  return out;
}
