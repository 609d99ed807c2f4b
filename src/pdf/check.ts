// What `check` learns from the PDF stage without writing a PDF: whether the office's own font
// files can be used, and whether every character of every document has a glyph in some font of
// its role. The same layout the build runs decides it, so a folder that passes `check` typesets.
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.ts";
import type { Doc } from "../doc/types.ts";
import { loadFontSet } from "./fonts.ts";
import type { FontRole, FontSet, OfficeFonts } from "./fonts.ts";
import { layoutDoc } from "./layout.ts";

function codePointLabel(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * The office's font set, and a `pdf/font-file` error for each office font that cannot be used
 * (missing, not a regular file, not TrueType, damaged), located by `locate(role)`.
 */
export function checkFonts(
  office: OfficeFonts,
  contentDir: string,
  locate: (role: FontRole) => SourcePosition | null,
): { set: FontSet; diagnostics: Diagnostic[] } {
  const { set, problems } = loadFontSet(office, contentDir);
  const diagnostics = problems.map((p) =>
    makeDiagnostic("pdf/font-file", {
      position: locate(p.role),
      path: `fonts.${p.role}`,
      detail: `fonts.${p.role} 指定的字体文件“${p.file}”无法使用：${p.message}`,
    }),
  );
  return { set, diagnostics };
}

export interface GlyphCheckDocument {
  doc: Doc;
  /** The content file the document is written from, when there is one. */
  source: string | null;
}

/**
 * A `pdf/missing-glyph` error for each character (once per document and place) that no font of
 * its role has; `find(char, source)` locates the character in the content, when it is there.
 */
export function checkGlyphs(
  documents: readonly GlyphCheckDocument[],
  set: FontSet,
  find: (char: string, source: string | null) => SourcePosition | null,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const { doc, source } of documents) {
    const seen = new Set<string>();
    for (const p of layoutDoc(doc, set).problems) {
      if (seen.has(p.char)) continue;
      seen.add(p.char);
      out.push(
        makeDiagnostic("pdf/missing-glyph", {
          position: find(p.char, source),
          path: "",
          detail: `文书“${doc.meta.title}”${p.where}中的字符“${p.char}”（${codePointLabel(p.char)}）在所有字体中都没有字形，无法生成 PDF`,
        }),
      );
    }
  }
  return out;
}
