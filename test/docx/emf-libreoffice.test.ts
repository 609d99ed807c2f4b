// The charts' EMF pictures as a real office suite draws them: LibreOffice (headless Writer) prints
// the example notice's DOCX and a DOCX with a drawing of labels found nowhere else to PDF, and
// every text of every chart comes out of the printed page (pdftotext), where the chart stands
// (between the text before it and its caption): LibreOffice read the EMF and drew its text.
// Skipped locally without soffice (one line says so), always run in CI.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Drawing } from "../../src/doc/drawing.ts";
import type { Block, Doc } from "../../src/doc/types.ts";
import { docxOf } from "../../src/docx/index.ts";
import { needs, toolPath } from "../support/tools.ts";
import { convertWithLibreOffice, doc, exampleDoc, para, squash } from "./support.ts";

const NOTICE = "notice-2025-03";

/** Labels that appear only in the drawing: a title, a turned axis label, a halo, a bold value. */
const LABELS: Drawing = {
  title: "检验用图",
  width: 140,
  height: 60,
  shapes: [
    { kind: "rect", role: "frame", lineWidth: 0.25, x: 15, y: 10, width: 120, height: 40 },
    {
      kind: "line",
      role: "guide",
      lineWidth: 0.2,
      x1: 15,
      y1: 30,
      x2: 135,
      y2: 30,
    },
    {
      kind: "polyline",
      role: "series-2",
      lineWidth: 0.3,
      points: [
        [20, 45],
        [70, 20],
        [130, 40],
      ],
    },
    {
      kind: "text",
      role: "title",
      text: "甲乙丙丁检验标题",
      x: 75,
      y: 6,
      size: 10.5,
      anchor: "middle",
      weight: "normal",
    },
    {
      kind: "text",
      role: "label",
      text: "左边戊己标签",
      x: 14,
      y: 55,
      size: 9,
      anchor: "start",
      weight: "normal",
    },
    {
      kind: "text",
      role: "label",
      text: "庚辛纵轴",
      x: 6,
      y: 30,
      size: 9,
      anchor: "middle",
      weight: "normal",
      rotate: -90,
    },
    {
      kind: "text",
      role: "callout",
      text: "壬癸42",
      x: 70,
      y: 28,
      size: 9.75,
      anchor: "middle",
      weight: "bold",
    },
    {
      kind: "text",
      role: "value",
      text: "右端子丑",
      x: 135,
      y: 55,
      size: 7.5,
      anchor: "end",
      weight: "normal",
    },
  ],
};

const figures = (d: Doc) =>
  [...d.body, ...d.attachments.flatMap((a) => a.body)].filter(
    (b): b is Extract<Block, { type: "figure" }> => b.type === "figure",
  );

const texts = (d: Drawing) =>
  d.shapes.flatMap((s) => (s.kind === "text" && s.text !== "" ? [s.text] : []));

describe.skipIf(!needs("soffice", "pdftotext"))("LibreOffice draws the DOCX's charts", () => {
  let dir: string;
  let notice: Doc;
  const printed = new Map<string, string[]>();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "xinfang-emf-"));
    notice = await exampleDoc(NOTICE);
    const labels = doc([
      para("下图的文字只在图中。"),
      { type: "figure", drawing: LABELS, caption: "图1　检验", alt: "检验用图" },
      para("图后的段落。"),
    ]);
    const files = { notice: await docxOf(notice), labels: await docxOf(labels) };
    for (const [name, bytes] of Object.entries(files))
      writeFileSync(join(dir, `${name}.docx`), bytes);
    convertWithLibreOffice(
      dir,
      Object.keys(files).map((n) => join(dir, `${n}.docx`)),
      { timeout: 120_000 },
    );
    for (const name of Object.keys(files)) {
      const pdf = join(dir, `${name}.pdf`);
      readFileSync(pdf);
      const text = execFileSync(toolPath("pdftotext"), [pdf, "-"], { encoding: "utf8" });
      printed.set(
        name,
        text.split(/\n/).map((l) => l.trim()),
      );
    }
  }, 180_000);

  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("prints every text of the example notice's charts, each between the text before it and its caption", () => {
    const lines = printed.get("notice") as string[];
    const figs = figures(notice);
    expect(figs.length).toBeGreaterThan(0);
    let from = 0;
    for (const f of figs) {
      const caption = lines.findIndex((l, k) => k >= from && squash(l) === squash(f.caption));
      expect(caption, f.caption).toBeGreaterThan(from);
      const within = lines.slice(from, caption);
      for (const t of texts(f.drawing)) expect(within, `${t}（${f.caption}）`).toContain(t);
      from = caption + 1;
    }
  });

  it("prints labels found only in the drawing, turned, haloed and bold ones too", () => {
    const lines = printed.get("labels") as string[];
    const all = squash(lines.join(""));
    const before = all.indexOf("下图的文字只在图中。");
    const caption = all.indexOf(squash("图1　检验"));
    expect(before).toBeGreaterThanOrEqual(0);
    expect(caption).toBeGreaterThan(before);
    const chart = all.slice(before, caption);
    for (const t of texts(LABELS)) expect(chart, t).toContain(squash(t));
  });
});
