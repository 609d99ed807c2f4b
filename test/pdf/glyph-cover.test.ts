// The glyph check typesets a document only when some character it may set is missing from some
// role's fonts (check.ts, surelySet): otherwise typesetting would find nothing. That holds only
// if every character the layout sets is among those it looks at — the document's own strings,
// printable ASCII and LAYOUT_TEXT — which this file checks: on every document of the example
// and of generated counties, and for the layout's own literals.
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, describe, expect, it } from "vitest";
import type { Doc } from "../../src/doc/types.ts";
import { publish } from "../../src/index.ts";
import type { Item } from "../../src/pdf/boxes.ts";
import {
  checkGlyphs,
  missingGlyphDiagnostics,
  settableCodePoints,
  surelySet,
} from "../../src/pdf/check.ts";
import { layoutDoc } from "../../src/pdf/layout.ts";
import { LAYOUT_TEXT } from "../../src/pdf/layout-text.ts";
import { generateContent, writeContent } from "../support/generate.ts";
import { CONTENT, doc, examplePublication, fonts, heading, para, placed } from "./support.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const temp: string[] = [];
afterAll(() => temp.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every code point the layout set in `doc`'s pages (glyph texts, groups included). */
function setCodePoints(d: Doc): Set<number> {
  const out = new Set<number>();
  const visit = (items: readonly Item[]) => {
    for (const item of items)
      if (item.type === "group") visit(item.items);
      else if (item.type === "text")
        for (const g of placed(item)) for (const ch of g.text) out.add(ch.codePointAt(0) as number);
  };
  for (const page of layoutDoc(d, fonts()).pages) visit(page.items);
  return out;
}

/** The characters the layout set in `d` that settableCodePoints did not foresee. */
function unforeseen(d: Doc): string[] {
  const foreseen = settableCodePoints(d);
  return [...setCodePoints(d)]
    .filter((cp) => cp > 0x20 && cp !== 0x200b && !foreseen.has(cp))
    .map((cp) => String.fromCodePoint(cp));
}

/** The example office's documents over a generated county (as `npm run bench:build` makes it). */
async function generatedCounty(seed: number): Promise<Doc[]> {
  const dir = mkdtempSync(join(tmpdir(), "xinfang-glyph-cover-"));
  temp.push(dir);
  await writeContent(
    dir,
    generateContent({ seed, year: 2025, units: 6, petitions: 240, rules: "random" }),
  );
  for (const f of ["office.yaml", "leadership.yaml", "plans", "agreements", "notices", "reports"])
    cpSync(join(CONTENT, f), join(dir, f), { recursive: true });
  const { publication } = await publish(dir);
  if (!publication) throw new Error("the generated county does not publish");
  return publication.documents.map((d) => d.doc);
}

/** Characters outside ASCII (C1 controls aside) of the string and template literals of `files`. */
function literalCharacters(files: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const file of files) {
    const source = ts.createSourceFile(
      file,
      readFileSync(file, "utf8"),
      ts.ScriptTarget.Latest,
      true,
    );
    const visit = (node: ts.Node) => {
      if (
        ts.isStringLiteral(node) ||
        ts.isNoSubstitutionTemplateLiteral(node) ||
        ts.isTemplateHead(node) ||
        ts.isTemplateMiddle(node) ||
        ts.isTemplateTail(node)
      )
        for (const ch of node.text) {
          const cp = ch.codePointAt(0) as number;
          if (cp > 0x7e && !(cp >= 0x80 && cp <= 0x9f)) out.add(ch); // C1 controls are no text
        }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return out;
}

const tsFiles = (folder: string) =>
  readdirSync(join(ROOT, folder))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(ROOT, folder, f));

describe("the characters the glyph check looks at without typesetting", () => {
  it("hold every character the layout sets in the example's documents", async () => {
    const { documents } = await examplePublication();
    expect(documents.length).toBeGreaterThan(10);
    for (const { doc: d } of documents) expect([d.meta.id, unforeseen(d)]).toEqual([d.meta.id, []]);
  });

  it("hold every character the layout sets in generated counties' documents", async () => {
    for (const seed of [3, 14]) {
      const docs = await generatedCounty(seed);
      expect(docs.length).toBeGreaterThan(6);
      for (const d of docs) expect([d.meta.id, unforeseen(d)]).toEqual([d.meta.id, []]);
    }
  }, 120_000);

  it("hold the layout's own literals, and the layout takes text from nowhere else", () => {
    const scanned = [...tsFiles("src/pdf"), ...tsFiles("src/doc"), join(ROOT, "src/text/zh.ts")];
    const missing = [...literalCharacters(scanned)].filter((ch) => !LAYOUT_TEXT.includes(ch));
    expect(missing).toEqual([]);
    // what src/pdf/ imports values from outside itself: the scanned modules, and messages only
    const outside = new Set<string>();
    for (const file of tsFiles("src/pdf")) {
      const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
      for (const s of source.statements)
        if (
          ts.isImportDeclaration(s) &&
          !s.importClause?.isTypeOnly &&
          ts.isStringLiteral(s.moduleSpecifier) &&
          s.moduleSpecifier.text.startsWith(".")
        ) {
          const target = relative(ROOT, resolve(dirname(file), s.moduleSpecifier.text));
          if (!target.startsWith("src/pdf/")) outside.add(target.replaceAll("\\", "/"));
        }
    }
    const messagesOnly = ["src/diagnostics/catalog.ts", "src/text/errno.ts"];
    for (const target of outside)
      expect(
        target.startsWith("src/doc/") ||
          target === "src/text/zh.ts" ||
          messagesOnly.includes(target),
        target,
      ).toBe(true);
  });

  it("let a document with a character no font has be typeset, and found as typesetting finds it", () => {
    const set = fonts();
    const plain = doc([heading(1, "一、总体要求"), para("做好信访工作。")]);
    expect(surelySet(plain, set)).toBe(true);
    expect(checkGlyphs([{ doc: plain, source: null }], set, () => null)).toEqual([]);
    // a private-use character in the body, one in the title
    for (const d of [
      doc([para("做好\ue000信访工作。")]),
      { ...plain, meta: { ...plain.meta, title: "关于\ue001的通知" } },
    ]) {
      expect(surelySet(d, set)).toBe(false);
      const found = checkGlyphs([{ doc: d, source: null }], set, () => null);
      expect(found.map((p) => p.code)).toEqual(["pdf/missing-glyph"]);
      // what typesetting it finds, word for word
      expect(found).toEqual(missingGlyphDiagnostics(d, layoutDoc(d, set).problems));
    }
  });
});
