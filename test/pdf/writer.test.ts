// The PDF file writer (src/pdf/writer.ts): the object syntax it writes (what pdf-lib 1.17 wrote,
// which the files of earlier releases hold byte for byte) and the file it assembles — object
// streams of 50, a cross-reference stream whose entries lead to every object — read back with
// pdf-lib's parser.
import { createRequire } from "node:module";
import { inflateSync } from "node:zlib";
import fc from "fast-check";
import type { PDFNumber } from "pdf-lib";
import { PDFDocument, PDFName, numberToString } from "pdf-lib";
import { describe, expect, it } from "vitest";
import {
  Hex,
  Literal,
  PdfFile,
  Ref,
  deflateLikePako,
  pdfNumber,
  serialize,
} from "../../src/pdf/writer.ts";

const latin1 = (b: Uint8Array) => Buffer.from(b).toString("latin1");

describe("PDF object syntax", () => {
  it("writes dictionaries one entry a line, arrays with a space around every item", () => {
    expect(serialize({ Type: "Page", Count: 3, Kids: [new Ref(4), new Ref(6)] })).toBe(
      "<<\n/Type /Page\n/Count 3\n/Kids [ 4 0 R 6 0 R ]\n>>",
    );
    expect(serialize([])).toBe("[ ]");
    expect(serialize({})).toBe("<<\n>>");
    expect(serialize({ A: undefined, B: true, C: false })).toBe("<<\n/B true\n/C false\n>>");
  });

  it("writes numbers in decimal, never with an exponent", () => {
    expect(pdfNumber(595.2755905511812)).toBe("595.2755905511812");
    expect(pdfNumber(-286)).toBe("-286");
    expect(pdfNumber(-2.5e-8)).toBe("-0.000000025");
    expect(pdfNumber(1e21)).toBe("1000000000000000000000");
    // as pdf-lib wrote them (1e-7 with its rounding error: 0.00000009999999999999999)
    for (const v of [
      1e-7,
      0.1 + 0.2,
      1 / 3,
      -1e-9,
      3.3e-12,
      7e22,
      -1.5e25,
      841.8897637795277,
      1e-6,
      0,
    ])
      expect(pdfNumber(v)).toBe(numberToString(v));
  });

  it("escapes delimiters and characters outside ! … ~ in names as #xx", () => {
    expect(serialize("ABCDEF+NotoSerifSC-Regular")).toBe("/ABCDEF+NotoSerifSC-Regular");
    expect(serialize("a b(c)#")).toBe("/a#20b#28c#29#23");
    // as pdf-lib wrote them
    for (const name of ["x/y%z[]{}<>", "é中", "tab\tnl\n"])
      expect(serialize(name)).toBe(PDFName.of(name).toString());
  });

  it("writes text strings as UTF-16BE hex after a byte order mark, literals as they are", () => {
    expect(serialize(Hex.text("信访 A"))).toBe("<FEFF4FE18BBF00200041>");
    expect(serialize(Hex.text("𠀀"))).toBe("<FEFFD840DC00>");
    expect(serialize(new Literal("D:20250207160000Z"))).toBe("(D:20250207160000Z)");
  });
});

describe("a PDF file", () => {
  const file = new PdfFile();
  const pages = file.ref();
  const catalog = file.ref();
  const content = file.ref();
  file.setStream(content, { Length1: 3 }, new Uint8Array([1, 2, 3]));
  const kids: Ref[] = [];
  // 60 more objects than fit one object stream
  for (let i = 0; i < 60; i++) kids.push(file.add({ Type: "Page", Parent: pages, N: i }));
  file.set(pages, { Type: "Pages", Kids: kids, Count: kids.length });
  file.set(catalog, { Type: "Catalog", Pages: pages });
  const info = file.add({ Title: Hex.text("标题") });
  const bytes = file.save(catalog, info, "0123456789ABCDEF0123456789ABCDEF");
  const text = latin1(bytes);

  it("starts with the header and binary marker, ends with the cross-reference offset", async () => {
    expect(text.startsWith("%PDF-1.7\n%\x81\x81\x81\x81\n\n")).toBe(true);
    const xref = Number(/startxref\n(\d+)\n%%EOF$/.exec(text)?.[1]);
    expect(text.slice(xref).startsWith("67 0 obj\n<<\n/Size 68\n/Root 2 0 R\n/Info 64 0 R\n")).toBe(
      true,
    );
  });

  it("writes streams as they are, with /Length last, and everything else in object streams of 50", () => {
    expect(text).toContain(
      "3 0 obj\n<<\n/Length1 3\n/Length 3\n>>\nstream\n\x01\x02\x03\nendstream\nendobj\n\n",
    );
    const objStms = [...text.matchAll(/\/Type \/ObjStm\n\/N (\d+)\n/g)].map((m) => Number(m[1]));
    expect(objStms).toEqual([50, 13]);
  });

  it("reads back with every object where the cross-reference stream says", async () => {
    const doc = await PDFDocument.load(bytes, { updateMetadata: false });
    expect(doc.getPageCount()).toBe(60);
    const page = doc.getPage(59).node;
    expect((page.get(PDFName.of("N")) as PDFNumber).asNumber()).toBe(59);
    expect(doc.getTitle()).toBe("标题");
  });

  it("deflates the object streams as zlib does", () => {
    const at = text.indexOf("/Type /ObjStm");
    const start = text.indexOf("stream\n", at) + "stream\n".length;
    const length = Number(/\/Length (\d+)/.exec(text.slice(at))?.[1]);
    const inner = latin1(inflateSync(bytes.subarray(start, start + length)));
    expect(inner.startsWith("1 0 2 ")).toBe(true);
    expect(inner).toContain("<<\n/Type /Catalog\n/Pages 1 0 R\n>>\n");
  });
});

describe("deflating as pako does", () => {
  const pako = createRequire(import.meta.url)("pako/lib/deflate.js") as {
    deflate(data: Uint8Array): Uint8Array;
  };
  // repetitive bytes (matches of every length and distance) and incompressible ones alike
  const data = fc.oneof(
    fc.uint8Array({ maxLength: 3000 }),
    fc
      .tuple(fc.uint8Array({ minLength: 1, maxLength: 64 }), fc.nat({ max: 120_000 }))
      .map(([unit, n]) => Uint8Array.from({ length: n }, (_, i) => unit[i % unit.length] ?? 0)),
    fc
      .tuple(fc.uint8Array({ minLength: 1, maxLength: 40_000 }), fc.integer({ min: 1, max: 9 }))
      .map(([b, div]) => b.map((x) => Math.floor(x / div) + 40)),
  );

  it("gives pako.deflate's bytes for each of a sequence of streams (the compressor reused)", () => {
    fc.assert(
      fc.property(fc.array(data, { minLength: 1, maxLength: 6 }), (streams) => {
        for (const b of streams)
          expect(Buffer.from(deflateLikePako(b)).equals(Buffer.from(pako.deflate(b)))).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
});
