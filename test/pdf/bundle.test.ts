// Print bundles: the bundle's own 页号 runs from the first document's first page on, is printed
// in the top outer corner of every page that carries anything, is what the contents lists and
// what a viewer shows (/PageLabels); each document starts on an odd page and keeps its own
// GB/T 9704 page numbers. Positions in mm; the PDF read back with pdf-lib and pdftotext.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PDFArray, PDFDict, PDFName, PDFNumber } from "pdf-lib";
import { afterAll, describe, expect, it } from "vitest";
import type { Block } from "../../src/doc/types.ts";
import type { Page, TextRun } from "../../src/pdf/boxes.ts";
import { FOLIO_TOP, layoutBundle } from "../../src/pdf/bundle.ts";
import type { BundlePart } from "../../src/pdf/bundle.ts";
import { BLOCK_LEFT, BLOCK_RIGHT, LINES_PER_PAGE, toMm } from "../../src/pdf/gbt9704.ts";
import { renderBundle, typeset } from "../../src/pdf/index.ts";
import type { Typeset } from "../../src/pdf/index.ts";
import { needs, toolPath } from "../support/tools.ts";
import { bookmarks, loadPdf, pageLabels } from "./labels.ts";
import { doc, fonts, lines, para, placed } from "./support.ts";

const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

const F = fonts();
/** A document of about `pages` pages (one 2-line paragraph is two grid lines). */
function made(id: string, title: string, pages: number, number?: string): Typeset {
  const body: Block[] = Array.from({ length: Math.max(1, pages * 11 - 8) }, (_, i) =>
    para(`第${i + 1}段，${"信访工作".repeat(10)}。`),
  );
  const t = typeset(doc(body, { id, title, ...(number ? { number } : {}) }), F);
  expect(t.problems).toEqual([]);
  expect(t.laid.pages.length, `${id} has ${pages} pages`).toBe(pages);
  return t;
}

const A = made("notice-a", "关于一月份信访工作的通报", 1);
const B = made("notice-b", "关于二月份信访工作的通报", 3);
const C = made(
  "notice-c",
  "关于进一步加强全镇信访矛盾纠纷排查化解工作的通知",
  2,
  "青政发〔2025〕12号",
);
const part = (t: Typeset, group?: string): BundlePart => ({
  title: t.doc.meta.title,
  ...(t.doc.meta.number ? { number: t.doc.meta.number } : {}),
  pages: t.laid.pages,
  outline: t.laid.outline,
  ...(group ? { group } : {}),
});
const layout = () =>
  layoutBundle(
    "青禾镇2025年度测试汇编",
    "青禾镇人民政府",
    "2025-12-31",
    [A, B, C].map((t) => part(t)),
    F,
  );

/** The text of a page's top line when it lies in the 天头 (above the text block), else null. */
const folioOf = (page: Page): string | null => {
  const top = lines(page)[0];
  return top && top.y < 37 ? top.text : null;
};

describe("the bundle's 页号", () => {
  it("counts from the first document's first page; every document starts on an odd 页号 and an odd page", () => {
    const b = layout();
    // cover, its blank back, one contents page and its blank back
    expect(b.front).toBe(4);
    // A: 1 page (页号 1), a blank 2, B: 3–5, a blank 6, C: 7–8
    expect(b.folios).toEqual([1, 3, 7]);
    expect(b.starts).toEqual([4, 6, 10]);
    expect(b.pages).toHaveLength(4 + 8);
    for (const s of b.starts) expect((s + 1) % 2, "physical page numbers are odd").toBe(1);
    const printed = b.pages.map(folioOf);
    expect(printed).toEqual([null, null, null, null, "1", null, "3", "4", "5", null, "7", "8"]);
    // the blank pages before B and C are blank
    expect(b.pages[5]!.items).toEqual([]);
    expect(b.pages[9]!.items).toEqual([]);
  });

  it("sits in the 天头: its em box from 17 mm, flush right with the text block on odd pages, left on even ones", () => {
    const b = layout();
    expect(toMm(FOLIO_TOP)).toBeCloseTo(17, 6);
    const first = (page: Page) =>
      page.items.find((i): i is TextRun => i.type === "text" && i.y < FOLIO_TOP + 20)!;
    const odd = first(b.pages[6]!); // 页号 3
    const even = first(b.pages[7]!); // 页号 4
    for (const run of [odd, even]) {
      expect(run.size).toBe(14); // 4号
      expect(toMm(run.y - 0.88 * run.size)).toBeCloseTo(17, 1);
    }
    const right = (r: TextRun) => {
      const g = placed(r).at(-1)!;
      return g.x + (r.face.advance(g.gid) * r.size) / 1000;
    };
    expect(toMm(right(odd))).toBeCloseTo(toMm(BLOCK_RIGHT), 1);
    expect(toMm(placed(even)[0]!.x)).toBeCloseTo(toMm(BLOCK_LEFT), 1);
    expect(toMm(BLOCK_RIGHT)).toBeCloseTo(184, 6);
  });

  it("is added to copies: the documents' own pages, page numbers and all, are unchanged", () => {
    const before = B.laid.pages.map((p) => p.items.length);
    const b1 = layout();
    const b2 = layoutBundle("另一份汇编", "青禾镇人民政府", "2025-12-31", [part(B)], F);
    expect(B.laid.pages.map((p) => p.items.length)).toEqual(before);
    B.laid.pages.forEach((page, j) => {
      const inBundle = b1.pages[6 + j]!;
      expect(inBundle).not.toBe(page);
      expect(inBundle.items.slice(0, page.items.length)).toEqual(page.items);
      expect(inBundle.number).toBe(page.number);
      // its own page number — j+1 — stays at the foot
      expect(lines(inBundle).at(-1)!.text.replace(/\s/g, "")).toBe(`—${j + 1}—`);
    });
    // alone in another bundle B starts at 页号 1
    expect(folioOf(b2.pages[b2.front]!)).toBe("1");
    expect(folioOf(b1.pages[6]!)).toBe("3");
  });
});

describe("the contents", () => {
  it("lists each document's 页号 under a 页号 head, the 发文字号 after the title", () => {
    const b = layout();
    const toc = lines(b.pages[2]!).map((l) => l.text);
    expect(toc[0]).toBe("目　录");
    expect(toc[1]).toBe("页号");
    const entry = (t: string) => toc.find((l) => l.startsWith(t))!;
    expect(entry("关于一月份信访工作的通报")).toMatch(/·1$/);
    expect(entry("关于二月份信访工作的通报")).toMatch(/·3$/);
    // a title that fits on its line keeps it; the 发文字号 goes to the next, with the 页号
    const k = toc.indexOf("关于进一步加强全镇信访矛盾纠纷排查化解工作的通知");
    expect(k).toBeGreaterThan(0);
    expect(toc[k + 1]).toMatch(/^（青政发〔2025〕12号）·+7$/);
  });

  it("sets the 页号 flush right and the leaders on one grid, ending together", () => {
    const b = layout();
    const entries = lines(b.pages[2]!).filter((l) => l.text.includes("·"));
    expect(entries).toHaveLength(3);
    const lastDot = entries.map((l) => l.xs[[...l.text].lastIndexOf("·")]!);
    for (const x of lastDot) expect(x).toBeCloseTo(lastDot[0]!, 2);
    const half = toMm(BLOCK_RIGHT - BLOCK_LEFT) / 56;
    for (const l of entries) {
      const dots = l.xs.filter((_, i) => [...l.text][i] === "·");
      for (const x of dots) {
        const k = (x - 28) / half;
        expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-3);
      }
    }
    // the 页号's right edge is the text block's
    for (const l of entries) {
      const ends = b.pages[2]!.items.flatMap((i) =>
        i.type === "text" && Math.abs(toMm(i.y) - l.y) < 1e-6
          ? placed(i).map((g) => toMm(g.x + (i.face.advance(g.gid) * i.size) / 1000))
          : [],
      );
      expect(Math.max(...ends)).toBeCloseTo(184, 1);
    }
  });

  it("keeps an entry on one page and a group heading with its first entry, and the front matter even", () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      part(i % 2 ? A : C, i < 9 ? "工作方案" : i < 19 ? "考评结果通报" : "工作总结"),
    );
    const b = layoutBundle("青禾镇2025年度测试汇编", "青禾镇人民政府", "2025-12-31", many, F);
    expect(b.front % 2).toBe(0);
    const tocPages = b.pages.slice(2, b.front).filter((p) => p.items.length);
    expect(tocPages.length).toBeGreaterThan(1);
    for (const p of tocPages) {
      const ls = lines(p);
      expect(ls.length).toBeLessThanOrEqual(LINES_PER_PAGE);
      const last = ls.at(-1)!.text;
      expect(["工作方案", "考评结果通报", "工作总结"]).not.toContain(last);
      expect(last, "a 发文字号 line is never carried alone").toMatch(/·\d+$/);
    }
    const listed = tocPages.flatMap((p) =>
      lines(p)
        .map((l) => /·(\d+)$/.exec(l.text)?.[1])
        .filter((n): n is string => n !== undefined)
        .map(Number),
    );
    expect(listed).toEqual(b.folios);
  });
});

describe("the bundle as PDF", () => {
  const write = async (): Promise<{ file: string; bytes: Uint8Array }> => {
    const r = await renderBundle(
      {
        id: "bundle-test",
        title: "青禾镇2025年度测试汇编",
        issuer: "青禾镇人民政府",
        date: "2025-12-31",
        keywords: ["测试"],
        parts: [{ typeset: A }, { typeset: B }, { typeset: C }],
      },
      F,
    );
    expect(r.folios).toEqual([1, 3, 7]);
    const dir = mkdtempSync(join(tmpdir(), "xinfang-bundle-"));
    temp.push(dir);
    const file = join(dir, "bundle.pdf");
    writeFileSync(file, r.bytes);
    return { file, bytes: r.bytes };
  };

  it("labels its pages i–iv for the cover and contents, then with the 页号 (/PageLabels read back)", async () => {
    const { bytes } = await write();
    const pdf = await loadPdf(bytes);
    const nums = pdf.catalog
      .lookup(PDFName.of("PageLabels"), PDFDict)
      .lookup(PDFName.of("Nums"), PDFArray);
    expect(nums.size()).toBe(4);
    expect(nums.lookup(0, PDFNumber).asNumber()).toBe(0);
    expect(nums.lookup(1, PDFDict).lookup(PDFName.of("S"))).toBe(PDFName.of("r"));
    expect(nums.lookup(2, PDFNumber).asNumber()).toBe(4);
    expect(nums.lookup(3, PDFDict).lookup(PDFName.of("S"))).toBe(PDFName.of("D"));
    expect(pageLabels(pdf)).toEqual([
      "i",
      "ii",
      "iii",
      "iv",
      ...Array.from({ length: 8 }, (_, i) => String(i + 1)),
    ]);
  });

  it.skipIf(!needs("pdftotext"))(
    "prints on every page the label a viewer shows, and the contents' numbers lead to the documents and their bookmarks",
    async () => {
      const { file, bytes } = await write();
      const pdf = await loadPdf(bytes);
      const labels = pageLabels(pdf);
      const text = (page: number) =>
        execFileSync(
          toolPath("pdftotext"),
          ["-f", String(page + 1), "-l", String(page + 1), "-enc", "UTF-8", file, "-"],
          { encoding: "utf8" },
        ).replace(/\s+/g, "");
      for (let p = 4; p < labels.length; p++) {
        const t = text(p);
        if (t === "") continue; // a blank page before a document
        expect(t.startsWith(labels[p]!), `page ${p + 1}: ${t.slice(0, 20)}`).toBe(true);
      }
      const toc = text(2);
      const marks = bookmarks(pdf);
      for (const t of [A, B, C]) {
        const title = t.doc.meta.title;
        const m = new RegExp(`${title}(?:（[^）]*）)?·*(\\d+)`).exec(toc);
        expect(m, title).not.toBeNull();
        const page = labels.indexOf(m![1]!);
        expect(text(page)).toContain(title);
        expect(marks.find((b) => b.title === title)!.page).toBe(page);
      }
    },
  );
});
