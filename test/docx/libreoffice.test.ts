// Checked with a real office suite: LibreOffice (headless Writer) opens every example document's
// DOCX, as the build makes it, and prints it to PDF; each has a page count within 20% of
// xinfang's own PDF, and its 发文字号, title and body text come out in order. Skipped locally
// without soffice (one line says so), always run in CI (.ci/run installs libreoffice-writer-nogui).
// LibreOffice sets them in the faces the PDF uses (shippedFontsEnv), so pages compare anywhere.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderDocx } from "../../src/build/docx-files.ts";
import type { Block, Doc, Inline } from "../../src/doc/types.ts";
import { plainText } from "../../src/docx/widths.ts";
import { pdfFonts, typeset } from "../../src/pdf/index.ts";
import { examplePublication } from "../pdf/support.ts";
import { needs, toolPath } from "../support/tools.ts";
import { CONTENT, convertWithLibreOffice, shippedFontsEnv, squash } from "./support.ts";

interface Made {
  doc: Doc;
  /** xinfang's own PDF's pages. */
  pages: number;
  /** LibreOffice's PDF of the DOCX. */
  converted: string;
}

describe.skipIf(!needs("soffice", "pdftotext", "pdfinfo"))("LibreOffice opens every DOCX", () => {
  let dir: string;
  const made: Made[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "xinfang-docx-"));
    const pub = await examplePublication();
    const fonts = pdfFonts({ contentDir: CONTENT, fonts: pub.office?.fonts ?? "bundled" }).set;
    const files: string[] = [];
    for (const { doc } of pub.documents) {
      const t = typeset(doc, fonts);
      const docx = await renderDocx(t, pub.office?.name ?? "");
      expect(docx.problems).toEqual([]);
      const file = join(dir, `${doc.meta.id}.docx`);
      writeFileSync(file, docx.bytes);
      files.push(file);
      made.push({ doc, pages: t.laid.pages.length, converted: join(dir, `${doc.meta.id}.pdf`) });
    }
    // one LibreOffice for all of them
    convertWithLibreOffice(dir, files, { timeout: 300_000, env: shippedFontsEnv(dir) });
    if (!made.every((m) => existsSync(m.converted)))
      throw new Error(
        "LibreOffice 没有把全部 DOCX 转成 PDF（只装了 soffice 而没有 Writer 时也是这样：安装 libreoffice-writer-nogui）",
      );
  }, 400_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const pages = (file: string) =>
    Number(
      /^Pages:\s+(\d+)/m.exec(execFileSync(toolPath("pdfinfo"), [file], { encoding: "utf8" }))?.[1],
    );

  it("covers every kind of example document", () => {
    const kinds = new Set(made.map((m) => m.doc.meta.kind));
    expect([...kinds].sort()).toEqual(["agreement", "notice", "plan", "report", "scoring-sheet"]);
    const formats = new Set(made.map((m) => m.doc.meta.format));
    expect([...formats].sort()).toEqual(["file", "letter", "none"]);
  });

  it("with a page count within 20% of xinfang's own PDF", () => {
    const off = made
      .map((m) => ({ id: m.doc.meta.id, own: m.pages, lo: pages(m.converted) }))
      .filter((p) => Math.abs(p.lo - p.own) / p.own > 0.2);
    expect(off, "LibreOffice's pages against xinfang's").toEqual([]);
  });

  it("with the 发文字号, title and body text in order (pdftotext)", () => {
    for (const { doc, converted } of made) {
      const text = squash(
        execFileSync(toolPath("pdftotext"), [converted, "-"], { encoding: "utf8" }),
      ).replace(/—\d+—/g, "");
      let at = -1;
      // LibreOffice 7.4 leaves out a comma that falls after the 28th character of a line (the
      // line is full and a comma may not start the next); marks of that kind are not compared
      const bare = (s: string) => squash(s).replace(/[，、；：。]/g, "");
      const printed = bare(text);
      const expectNext = (want: string) => {
        const next = printed.indexOf(bare(want), at + 1);
        expect(next, `${doc.meta.id}: ${want}`).toBeGreaterThan(at);
        at = next;
      };
      if (doc.meta.format !== "none") {
        if (doc.meta.issuerMark) expectNext(doc.meta.issuerMark);
        if (doc.meta.number) expectNext(doc.meta.number);
        if (doc.meta.signer) expectNext(doc.meta.signer);
      }
      expectNext(doc.meta.title);
      const body = (blocks: readonly Block[]) => {
        for (const b of blocks)
          if (b.type === "heading" || b.type === "paragraph") expectNext(plainText(b.content));
          else if (b.type === "table") {
            // a cell's wrapped lines come after the other cells' first lines, and a number may
            // match anywhere: the start of every cell after the table's start, the text after
            // it from the first of its last row
            const start = (cell: readonly Inline[] | undefined) =>
              bare(plainText(cell ?? [])).slice(0, 4);
            const from = at;
            let lastRow = Infinity;
            b.rows.forEach((row, k) => {
              for (const cell of row) {
                const pos = printed.indexOf(start(cell), from + 1);
                expect(pos, `${doc.meta.id}: ${start(cell)}`).toBeGreaterThan(from);
                if (k === b.rows.length - 1) lastRow = Math.min(lastRow, pos);
              }
            });
            if (Number.isFinite(lastRow)) at = lastRow;
          }
      };
      body(doc.body);
      for (const a of doc.attachments) {
        expectNext(a.title);
        body(a.body);
      }
      if (doc.meta.cc?.length) expectNext(doc.meta.cc.join("，"));
      if (doc.meta.format === "file" && doc.meta.printer) expectNext(doc.meta.printer);
    }
  });
});
