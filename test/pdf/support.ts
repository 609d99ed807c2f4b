// Shared by the PDF tests: the example publication, the shipped fonts, small Docs built in code,
// and a look into laid-out pages (text per baseline, in millimetres).
import { fileURLToPath } from "node:url";
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
    for (const g of r.glyphs) {
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
    .map((r) => r.glyphs.map((g) => g.text).join(""))
    .join("");
}
