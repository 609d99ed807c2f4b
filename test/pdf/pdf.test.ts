// The PDFs themselves: every example document and bundle is written; identical content gives
// identical bytes; metadata, bookmarks and contents are right; pdftotext reads the Chinese text
// in order; every glyph of every embedded font program decodes to the original outline (the
// stock @pdf-lib/fontkit subset bug would fail this); a character no font has is an error.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inflateSync } from "node:zlib";
import * as fontkit from "fontkit";
import type { PDFHexString, PDFString } from "pdf-lib";
import { PDFArray, PDFDict, PDFDocument, PDFName } from "pdf-lib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FONT_ROLES, faceOf, shippedFontPath } from "../../src/pdf/fonts.ts";
import { subsetFont } from "../../src/pdf/subset.ts";
import type { TrueTypeFont } from "../../src/pdf/truetype.ts";
import {
  PdfProblemsError,
  bundleOrder,
  bundlePlans,
  makePdfFiles,
  pdfStage,
  writeDocumentPdfs,
} from "../../src/build/pdf-files.ts";
import type { PdfBuildResult, SetAhead } from "../../src/build/pdf-files.ts";
import { pdfFonts, renderPdf, typeset } from "../../src/pdf/index.ts";
import type { PublishedDocument } from "../../src/render/index.ts";
import { plainText } from "../../src/pdf/text.ts";
import type { Publication } from "../../src/site/input.ts";
import { needs, toolPath } from "../support/tools.ts";
import { bookmarks, pageLabels } from "./labels.ts";
import { CONTENT, doc, examplePublication, fontPrograms, para } from "./support.ts";

const temp: string[] = [];
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "xinfang-pdf-"));
  temp.push(d);
  return d;
};
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));
const emitNone = async () => {};

let pub: Publication;
let out: string;
let result: PdfBuildResult;
beforeAll(async () => {
  pub = await examplePublication();
  out = tempDir();
  result = await writeDocumentPdfs(pub, out, { contentDir: CONTENT });
}, 120_000);

const pdftotext = (file: string, first?: number) =>
  execFileSync(
    toolPath("pdftotext"),
    [...(first ? ["-f", String(first), "-l", String(first)] : []), "-enc", "UTF-8", file, "-"],
    {
      encoding: "utf8",
    },
  );
const squash = (s: string) => s.replace(/\s+/g, "");

/** Every Flate stream of a PDF, inflated, as one Latin-1 string (page contents among them). */
function inflatedStreams(bytes: Buffer): string {
  const text = bytes.toString("latin1");
  const re = /<<([^]*?)>>\s*stream\r?\n/g;
  let out = "";
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const length = Number(/\/Length\s+(\d+)/.exec(m[1]!)?.[1]);
    if (!/FlateDecode/.test(m[1]!) || !Number.isFinite(length)) continue;
    const at = m.index + m[0].length;
    out += `${inflateSync(bytes.subarray(at, at + length)).toString("latin1")}\n`;
  }
  return out;
}

describe("the example publication as PDF", () => {
  it("writes every published document and the bundles, holds back the classified one", () => {
    expect(result.problems).toEqual([]);
    expect(result.documents.map((d) => d.id)).toEqual(pub.documents.map((d) => d.doc.meta.id));
    expect(result.bundles.map((b) => b.id)).toEqual([
      "bundle-2025-agreements",
      "bundle-2025-notices",
      "bundle-2025",
    ]);
    const files = readdirSync(join(out, "pdf"));
    expect(files).toHaveLength(pub.documents.length + 3);
    expect(files.some((f) => f.includes("key-period"))).toBe(false);
    for (const b of result.bundles)
      expect(b.documents.every((id) => !pub.heldBack.some((h) => h.id === id))).toBe(true);
    expect(result.bundles.find((b) => b.set === "agreements")!.documents).toHaveLength(12);
  });

  it("gives byte-identical files for identical content", async () => {
    const again = tempDir();
    await writeDocumentPdfs(pub, again, { contentDir: CONTENT });
    for (const f of readdirSync(join(out, "pdf")))
      expect(readFileSync(join(again, "pdf", f)).equals(readFileSync(join(out, "pdf", f))), f).toBe(
        true,
      );
  }, 120_000);

  it("gives the same bytes when the build's PDF step sets each document ahead, as it is rendered", async () => {
    const stage = pdfStage({ contentDir: CONTENT });
    for (const d of pub.documents) stage.ahead?.(d, pub.office);
    const ahead = tempDir();
    await stage.run(pub, ahead, () => {});
    for (const f of readdirSync(join(out, "pdf")))
      expect(readFileSync(join(ahead, "pdf", f)).equals(readFileSync(join(out, "pdf", f))), f).toBe(
        true,
      );
  }, 120_000);

  it("uses the layouts set ahead, only for the documents themselves and in the same fonts", async () => {
    const [first, second] = pub.documents as [PublishedDocument, PublishedDocument];
    const one = { ...pub, documents: [first] };
    const choice = pub.office?.fonts ?? "auto";
    const fonts = pdfFonts({ contentDir: CONTENT, fonts: choice });
    // the second document's layout given as the first's: the file shows that it was used
    const swapped = {
      choice: JSON.stringify(choice),
      fonts,
      layouts: new Map([[first.doc, typeset(second.doc, fonts.set)]]),
    };
    const titleWith = async (ahead: SetAhead) =>
      (await makePdfFiles(one, { contentDir: CONTENT, bundles: false }, emitNone, undefined, ahead))
        .documents[0]?.title;
    expect(await titleWith(swapped)).toBe(second.doc.meta.title);
    // other fonts, or another copy of the document: set again
    const other = { ...swapped, choice: JSON.stringify("other") };
    expect(await titleWith(other)).toBe(first.doc.meta.title);
    const copy = new Map([[{ ...first.doc }, swapped.layouts.get(first.doc)!]]);
    expect(await titleWith({ ...swapped, layouts: copy })).toBe(first.doc.meta.title);
  }, 120_000);

  it("sets Title, Author, Subject, the document date and language zh-CN", async () => {
    const bytes = readFileSync(join(out, "pdf/plan-2025-annual.pdf"));
    const pdf = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(pdf.getTitle()).toBe("青禾镇2025年度信访工作方案");
    expect(pdf.getAuthor()).toBe("青禾镇人民政府");
    expect(pdf.getSubject()).toContain("工作方案");
    expect(pdf.getCreationDate()?.toISOString()).toBe("2025-01-19T16:00:00.000Z");
    expect((pdf.catalog.lookup(PDFName.of("Lang")) as PDFString).decodeText()).toBe("zh-CN");
    expect(bytes.toString("latin1")).toMatch(/\/ID\s*\[\s*<[0-9A-F]{32}>\s*<[0-9A-F]{32}>\s*\]/);
  });

  it.skipIf(!needs("pdftotext"))("extracts the Chinese text in reading order (pdftotext)", () => {
    for (const id of ["plan-2025-annual", "notice-2025-03", "agreement-2025-dongpo"]) {
      const d = pub.documents.find((x) => x.doc.meta.id === id)!.doc;
      // page numbers (— 2 —) come where a page ends, also inside a paragraph
      const text = squash(pdftotext(join(out, `pdf/${id}.pdf`))).replace(/—\d+—/g, "");
      let at = text.indexOf(squash(d.meta.title));
      expect(at, `${id} title`).toBeGreaterThanOrEqual(0);
      for (const b of d.body) {
        if (b.type !== "paragraph" && b.type !== "heading") continue;
        const want = squash(plainText(b.content));
        const next = text.indexOf(want, at);
        expect(next, `${id}: ${want}`).toBeGreaterThanOrEqual(at);
        at = next;
      }
    }
  });

  it.skipIf(!needs("pdftotext"))(
    "reads compressed punctuation pairs where they stand, on their line (pdftotext)",
    async () => {
      const texts = [
        "甲乙丙丁（戊己），庚辛。",
        "他说：“办结。”（完）",
        "上访的（2025年9月22日）。",
      ];
      const r = await renderPdf(doc(texts.map((t) => para(t))), { contentDir: CONTENT });
      const file = join(tempDir(), "pairs.pdf");
      writeFileSync(file, r.bytes);
      const got = pdftotext(file)
        .split("\n")
        .map((l) => l.trim());
      for (const t of texts) expect(got).toContain(t);
      // the pair is drawn overlapping (its text carried by /ActualText): one and a half characters
      expect(inflatedStreams(Buffer.from(r.bytes))).toMatch(
        /\/Span <<\/ActualText <FEFFff09ff0c>>> BDC/,
      );
    },
  );

  it("decodes every glyph of every embedded font program to the shipped font's outline", () => {
    const originals = FONT_ROLES.map((r) => fontkit.create(readFileSync(shippedFontPath(r))));
    const memo = new Map<string, string>();
    const outline = (f: number, cp: number) => {
      const key = `${f}:${cp}`;
      let svg = memo.get(key);
      if (svg === undefined)
        memo.set(key, (svg = originals[f]!.glyphForCodePoint(cp).path.toSVG()));
      return svg;
    };
    let programs = 0;
    let glyphs = 0;
    const matched = new Set<string>();
    for (const file of readdirSync(join(out, "pdf"))) {
      for (const program of fontPrograms(readFileSync(join(out, "pdf", file)))) {
        programs++;
        const font = fontkit.create(program);
        expect(font.head.indexToLocFormat).toBe(1);
        for (let gid = 0; gid < font.numGlyphs; gid++) {
          const g = font.getGlyph(gid);
          if (g.path.commands.length > 0)
            expect(Number.isFinite(g.bbox.minX + g.bbox.maxY)).toBe(true);
          glyphs++;
        }
        const cps = font.characterSet.filter((cp) => cp > 0x20);
        expect(cps.length).toBeGreaterThan(0);
        const match = originals.findIndex((_, f) =>
          cps.every((cp) => font.glyphForCodePoint(cp).path.toSVG() === outline(f, cp)),
        );
        expect(
          match,
          `${file}: a font program whose glyphs match no shipped font`,
        ).toBeGreaterThanOrEqual(0);
        matched.add(FONT_ROLES[match]!);
      }
    }
    // the four roles are four faces, 楷体 (LXGW WenKai) among them
    expect([...matched].sort()).toEqual([...FONT_ROLES].sort());
    expect(programs).toBeGreaterThan(60);
    expect(glyphs).toBeGreaterThan(10_000);
  }, 180_000);

  it("is a test that would catch the stock @pdf-lib/fontkit bug (short loca, odd-length records)", () => {
    const font = faceOf(shippedFontPath("小标宋")).font;
    const text = [..."关于2025年度村（社区）信访工作考评结果的通报青禾镇人民政府文件"];
    const cps = [...new Set(text.map((c) => c.codePointAt(0)!))];
    const gids = cps.map((cp) => font.glyphOf(cp));
    const unicodes = new Map(cps.map((cp, i) => [cp, i + 1]));
    const original = fontkit.create(readFileSync(shippedFontPath("小标宋")));
    const mismatches = (bytes: Uint8Array) => {
      const f = fontkit.create(Buffer.from(bytes));
      return cps.filter((cp) => {
        try {
          return (
            f.glyphForCodePoint(cp).path.toSVG() !== original.glyphForCodePoint(cp).path.toSVG()
          );
        } catch {
          return true; // a glyph that does not even decode
        }
      }).length;
    };
    const good = subsetFont(font, gids, unicodes).bytes;
    expect(mismatches(good)).toBe(0);
    expect(text.some((_, i) => font.glyph(gids[i % gids.length]!).length % 2 === 1)).toBe(true);
    expect(mismatches(buggySubset(font, good, gids))).toBeGreaterThan(0);
  });

  it("orders each bundle: plan, agreements by unit, notices month by month then the annual one, reports by date, scoring sheets by unit", () => {
    const units = pub.units.map((u) => u.id);
    const of = (set: string) => result.bundles.find((b) => b.set === set)!.documents;
    const agreements = units.map((u) => `agreement-2025-${u}`);
    const notices = ["notice-2025-03", "notice-2025-06", "notice-2025-09", "notice-2025-annual"];
    expect(of("agreements")).toEqual(agreements);
    expect(of("notices")).toEqual(notices);
    expect(of("all")).toEqual([
      "plan-2025-annual",
      ...agreements,
      ...notices,
      "report-2025-half",
      "report-2025-annual",
      ...units.map((u) => `scoring-sheet-2025-${u}`),
    ]);
    // the order comes from the documents, not from the order they were rendered in
    const shuffled = { ...pub, documents: [...pub.documents].reverse() };
    for (const plan of bundlePlans(shuffled))
      expect(
        plan.docs.map((d) => d.meta.id),
        plan.id,
      ).toEqual(result.bundles.find((b) => b.id === plan.id)!.documents);
    const months = [...pub.documents].filter((d) => d.doc.meta.kind === "notice");
    expect(
      bundleOrder(months.map((d) => d.doc).reverse(), pub.units).map((d) => d.meta.id),
    ).toEqual(notices);
  });

  it.skipIf(!needs("pdftotext"))(
    "bundles list in their contents the 页号 printed on each document's first page, which a viewer shows as its label and its bookmark leads to (pdftotext, /PageLabels)",
    async () => {
      for (const bundle of result.bundles) {
        const file = join(out, bundle.file);
        const pdf = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
        const labels = pageLabels(pdf);
        const front = labels.indexOf("1");
        expect(labels.slice(0, front)).toEqual(
          ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii"].slice(0, front),
        );
        expect(front % 2, "the front matter fills whole sheets").toBe(0);
        labels.slice(front).forEach((l, k) => expect(l).toBe(String(k + 1)));
        expect(squash(pdftotext(file, 1))).toContain(bundle.title);
        let toc = "";
        for (let p = 3; p <= front; p++) toc += squash(pdftotext(file, p));
        expect(toc.startsWith("目录页号")).toBe(true);
        const top = bookmarks(pdf);
        expect(top[0]!.title).toBe("目录");
        expect(labels[top[0]!.page]).toBe("iii");
        const marks = bundle.set === "all" ? top.slice(1).flatMap((g) => g.children) : top.slice(1);
        let after = 0;
        bundle.documents.forEach((id, k) => {
          const d = pub.documents.find((x) => x.doc.meta.id === id)!.doc;
          const entry = d.meta.number ? `${d.meta.title}（${d.meta.number}）` : d.meta.title;
          const at = toc.indexOf(squash(entry), after);
          expect(at, `${bundle.id}: ${entry} in order`).toBeGreaterThanOrEqual(after);
          const m = /^[·.]*(\d+)/.exec(toc.slice(at + squash(entry).length));
          expect(m, entry).not.toBeNull();
          after = at + squash(entry).length;
          const folio = m![1]!;
          expect(Number(folio)).toBe(bundle.folios[k]);
          expect(Number(folio) % 2, "documents start on odd pages").toBe(1);
          const page = labels.indexOf(folio);
          const text = pdftotext(file, page + 1);
          // the 页号 printed first, in the top corner, then the document as issued
          expect(squash(text).startsWith(folio), `${id}: 页号 ${folio}`).toBe(true);
          expect(squash(text)).toContain(squash(d.meta.title));
          expect(marks[k]!.title).toBe(d.meta.title);
          expect(marks[k]!.page).toBe(page);
        });
      }
    },
  );

  it.skipIf(!needs("pdftotext"))(
    "bundles print each document as issued, its own page numbers included, with the 页号 added on top (pdftotext)",
    async () => {
      const bundle = result.bundles.find((b) => b.set === "notices")!;
      const file = join(out, bundle.file);
      const labels = pageLabels(
        await PDFDocument.load(readFileSync(file), { updateMetadata: false }),
      );
      bundle.documents.forEach((id, k) => {
        const own = join(out, `pdf/${id}.pdf`);
        const pages = result.documents.find((d) => d.id === id)!.pages;
        for (let j = 0; j < pages; j++) {
          const folio = String(bundle.folios[k]! + j);
          const alone = squash(pdftotext(own, j + 1));
          const inBundle = squash(pdftotext(file, labels.indexOf(folio) + 1));
          expect(inBundle, `${id} p.${j + 1}`).toBe(alone === "" ? "" : `${folio}${alone}`);
        }
      });
    },
  );

  it("bundles have a bookmark for the contents and one per document", async () => {
    const file = join(out, "pdf/bundle-2025-agreements.pdf");
    const bundle = result.bundles.find((b) => b.id === "bundle-2025-agreements")!;
    const pdf = await PDFDocument.load(readFileSync(file), { updateMetadata: false });
    const outlines = pdf.catalog.lookup(PDFName.of("Outlines"), PDFDict);
    const titles: string[] = [];
    let item = outlines.lookupMaybe(PDFName.of("First"), PDFDict);
    while (item) {
      titles.push((item.lookup(PDFName.of("Title")) as PDFHexString).decodeText());
      expect(item.lookup(PDFName.of("Dest"), PDFArray).size()).toBe(5);
      item = item.lookupMaybe(PDFName.of("Next"), PDFDict);
    }
    expect(titles[0]).toBe("目录");
    expect(titles.slice(1)).toEqual(
      bundle.documents.map((id) => pub.documents.find((d) => d.doc.meta.id === id)!.doc.meta.title),
    );
  });
});

describe("problems", () => {
  it("refuses a character no configured font has, naming the character, the document and where", async () => {
    const bad = doc([para("第一段。"), para("信访人姓名中有生僻字𓀀，需核对。")], {
      id: "notice-test",
    });
    const r = await renderPdf(bad, { contentDir: CONTENT });
    expect(r.bytes.length).toBe(0);
    expect(r.problems).toHaveLength(1);
    expect(r.problems[0]!.code).toBe("pdf/missing-glyph");
    expect(r.problems[0]!.message).toContain("“𓀀”（U+13000）");
    expect(r.problems[0]!.message).toContain("notice-test");
    expect(r.problems[0]!.message).toContain("正文第2段");
  });

  it("writes nothing for such a document, nor a bundle that would hold it", async () => {
    const base = await examplePublication();
    const broken = base.documents.map((d, i) =>
      i === 0 ? { ...d, doc: { ...d.doc, body: [para("𓀀"), ...d.doc.body] } } : d,
    );
    const dir = tempDir();
    const r = await writeDocumentPdfs({ ...base, documents: broken }, dir, { contentDir: CONTENT });
    expect(r.problems.map((p) => p.code)).toEqual(["pdf/missing-glyph"]);
    expect(r.problems[0]?.message).toContain("（plan-2025-annual）");
    expect(r.documents.some((d) => d.id === "plan-2025-annual")).toBe(false);
    expect(r.bundles.map((b) => b.id)).toEqual(["bundle-2025-agreements", "bundle-2025-notices"]);
  }, 60_000);

  it("uses the office's own font files (paths relative to the content folder) and reports bad ones", async () => {
    const own =
      "../node_modules/@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf";
    const r = await renderPdf(doc([para("正文。")]), { contentDir: CONTENT, fonts: { 仿宋: own } });
    expect(r.problems).toEqual([]);
    expect(fontPrograms(Buffer.from(r.bytes)).length).toBeGreaterThan(0);
    expect(Buffer.from(r.bytes).toString("latin1")).not.toContain("NotoSerifSC-Regular");
    const missing = await renderPdf(doc([para("正文。")]), {
      contentDir: CONTENT,
      fonts: { 楷体: "fonts/simkai.ttf" },
    });
    expect(missing.problems.map((p) => p.message)).toEqual([
      "fonts.楷体 指定的字体文件“fonts/simkai.ttf”无法使用：找不到文件或文件夹",
    ]);
    expect(missing.problems.map((p) => p.path)).toEqual(["fonts.楷体"]);
  });
});

/**
 * What stock @pdf-lib/fontkit 1.1.1 writes for a small subset: the short `loca` format (offsets
 * halved) over glyph records laid end to end without padding.
 */
function buggySubset(font: TrueTypeFont, good: Uint8Array, gids: number[]): Uint8Array {
  const v = new DataView(good.buffer, good.byteOffset, good.byteLength);
  const tables = new Map<string, Uint8Array>();
  for (let i = 0; i < v.getUint16(4); i++) {
    const o = 12 + 16 * i;
    const tag = String.fromCharCode(...good.subarray(o, o + 4));
    tables.set(tag, good.slice(v.getUint32(o + 8), v.getUint32(o + 8) + v.getUint32(o + 12)));
  }
  const records = [new Uint8Array(0), ...gids.map((g) => font.glyph(g))];
  const glyf = new Uint8Array(records.reduce((s, r) => s + r.length, 0));
  const loca = new Uint8Array(2 * (records.length + 1));
  const lv = new DataView(loca.buffer);
  let pos = 0;
  records.forEach((r, i) => {
    lv.setUint16(2 * i, pos >> 1);
    glyf.set(r, pos);
    pos += r.length;
  });
  lv.setUint16(2 * records.length, pos >> 1);
  tables.set("glyf", glyf);
  tables.set("loca", loca);
  new DataView((tables.get("head") as Uint8Array).buffer).setInt16(50, 0);
  const maxp = tables.get("maxp") as Uint8Array;
  new DataView(maxp.buffer).setUint16(4, records.length);
  const list = [...tables];
  let size = 12 + 16 * list.length;
  for (const [, t] of list) size += (t.length + 3) & ~3;
  const out = new Uint8Array(size);
  const w = new DataView(out.buffer);
  w.setUint32(0, 0x00010000);
  w.setUint16(4, list.length);
  let off = 12 + 16 * list.length;
  list.forEach(([tag, t], i) => {
    for (let k = 0; k < 4; k++) w.setUint8(12 + 16 * i + k, tag.charCodeAt(k));
    w.setUint32(12 + 16 * i + 8, off);
    w.setUint32(12 + 16 * i + 12, t.length);
    out.set(t, off);
    off += (t.length + 3) & ~3;
  });
  return out;
}

describe("the build's PDF stage", () => {
  it("writes under the given folder and fails with the problems listed", async () => {
    const base = await examplePublication();
    const lines: string[] = [];
    const dir = tempDir();
    const one = { ...base, documents: base.documents.slice(0, 2) };
    await pdfStage({ contentDir: CONTENT }).run(one, dir, (l) => lines.push(l));
    expect(readdirSync(join(dir, "pdf")).sort()).toEqual(
      [
        ...one.documents.map((d) => `${d.doc.meta.id}.pdf`),
        "bundle-2025-notices.pdf",
        "bundle-2025.pdf",
      ].sort(),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^ {2}PDF：文书 2 份（\d+ 页），汇编 2 份。$/);
    const broken = {
      ...one,
      documents: [{ ...one.documents[0]!, doc: { ...one.documents[0]!.doc, body: [para("𓀀")] } }],
    };
    await expect(
      pdfStage({ contentDir: CONTENT }).run(broken, tempDir(), () => {}),
    ).rejects.toThrow(PdfProblemsError);
  }, 60_000);
});
