// Nothing machine-made on paper: no printed document — of the example, or of a generated content
// with randomised rules — carries an ISO date or week, a file path, a ledger line, an English id
// or slug, or a note meant for the person running the tool. (The site keeps the audit trail's
// sources on its unit pages; the documents are what an office signs and issues.)
import { describe, expect, it } from "vitest";
import type { Block, Doc, Inline } from "../../src/doc/types.ts";
import type { PublishedDocument } from "../../src/render/index.ts";
import { generateContent } from "../support/generate.ts";
import { readTree } from "../diagnostics/fixture-runner.ts";
import { CONTENT, renderContent } from "./render-content.ts";

function inlineText(inlines: readonly Inline[]): string {
  return inlines
    .map((i) =>
      i.type === "text"
        ? i.text
        : i.type === "break"
          ? "\n"
          : i.type === "link"
            ? `${inlineText(i.children)} ${i.href}`
            : inlineText(i.children),
    )
    .join("");
}

function blockText(b: Block): string[] {
  switch (b.type) {
    case "heading":
    case "paragraph":
      return [inlineText(b.content)];
    case "list":
      return b.items.map(inlineText);
    case "table":
      return [
        b.caption ?? "",
        ...b.columns.map((c) => c.title),
        ...[...b.rows, ...(b.totals ?? [])].flatMap((r) => r.map(inlineText)),
      ];
    case "signature":
      // Its date is data: the PDF and the site print it as 2025年1月20日.
      return b.parties.flatMap((p) => [p.role ?? "", p.name, p.signer ?? ""]);
    case "figure":
      return [
        b.caption,
        b.alt,
        ...b.drawing.shapes.flatMap((s) => (s.kind === "text" ? [s.text] : [])),
      ];
    case "signLines":
      return b.rows.flat();
    case "pageBreak":
      return [];
  }
}

/** Every text a reader of the document sees, one string per element (dates are data in meta). */
function printedTexts(doc: Doc): string[] {
  const m = doc.meta;
  return [
    m.title,
    m.issuerMark ?? "",
    m.issuer ?? "",
    m.number ?? "",
    m.signer ?? "",
    m.recipients ?? "",
    m.note ?? "",
    m.printer ?? "",
    ...(m.cc ?? []),
    ...doc.body.flatMap(blockText),
    ...doc.attachments.flatMap((a) => [a.label, a.title, ...a.body.flatMap(blockText)]),
  ];
}

const FORBIDDEN: [string, RegExp][] = [
  ["an ISO date", /\d{4}-\d{1,2}-\d{1,2}/],
  ["an ISO week", /\d{4}-?W\d{1,2}|\bW\d{2}\b/],
  ["a file or ledger path", /[\w-]+\/[\w./-]+|\.(ya?ml|csv|xlsx)\b|:\d+\b/],
  ["an id or slug", /[A-Za-z][\w]*[-_:]\w|\b[A-Z]-\d/],
  ["a clock time written 17:00", /\d{1,2}:\d{2}/],
  ["a note for the user", /不计算同比|上年汇总数|台账出处|未设分值/],
  // The contents below have no Latin letters in their own prose: any letter is machine-made.
  ["a Latin letter", /[A-Za-z]/],
];

function offences(docs: readonly PublishedDocument[]): string[] {
  const out: string[] = [];
  for (const d of docs)
    for (const text of printedTexts(d.doc))
      for (const [what, re] of FORBIDDEN) {
        const m = re.exec(text);
        if (m) out.push(`${d.doc.meta.id}: ${what} “${m[0]}” in “${text.slice(0, 80)}”`);
      }
  return out;
}

describe("printed documents carry nothing machine-made", async () => {
  const example = await renderContent();
  // A generated roster, randomised rules (free events, odd deadlines, unset cells, labels made
  // from clauses) and its ledgers, with the example's office, plans, agreements, notices and
  // reports.
  const generated = await renderContent((files) => {
    const own = readTree(CONTENT);
    files.clear();
    for (const [rel, text] of own)
      if (/^(office|leadership)\.yaml$|^(plans|agreements|notices|reports)\//.test(rel))
        files.set(rel, text);
    const gen = generateContent({ seed: 7, year: 2025, units: 9, petitions: 260, rules: "random" });
    for (const [rel, text] of gen) files.set(rel, text);
  });

  it("the example renders every kind of document, the generated content too", () => {
    for (const docs of [example, generated])
      expect(new Set(docs.map((d) => d.doc.meta.kind))).toEqual(
        new Set(["plan", "agreement", "notice", "report", "scoring-sheet"]),
      );
  });

  it("in the example", () => {
    expect(offences(example)).toEqual([]);
  });

  it("in a generated content", () => {
    expect(offences(generated)).toEqual([]);
  });

  it("the scan finds what it looks for", () => {
    const doc = example[0] as PublishedDocument;
    const planted = (text: string): PublishedDocument => ({
      ...doc,
      doc: {
        ...doc.doc,
        body: [{ type: "paragraph", content: [{ type: "text", text }] }],
        attachments: [],
      },
    });
    for (const text of [
      "2025-07-04",
      "2025-W27",
      "nanwan:2025-W27",
      "M-07:beiling",
      "P-2025-0214",
      "ledger/2025/petitions.yaml:2084",
      "每周五17:00前",
      "没有上年同期的台账或汇总数，不计算同比。",
    ])
      expect(offences([planted(`北岭村${text}。`)]).length, text).toBeGreaterThan(0);
    expect(offences([planted("北岭村9月22日进京个访（一票否决）。")])).toEqual([]);
  });
});
