// The problems that stop a PDF, as diagnostics: office font files that cannot be used, and
// characters no font of their role has. `check` asks for them without writing a PDF (the same
// layout the build runs decides it, so a folder that passes `check` typesets); the PDF stage
// reports the same diagnostics when it is handed a document that was not checked.
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { Diagnostic, SourcePosition } from "../diagnostics/diagnostic.ts";
import type { Doc } from "../doc/types.ts";
import type { LayoutProblem } from "./boxes.ts";
import { FONT_ROLES, loadFontSet } from "./fonts.ts";
import type { FontProblem, FontRole, FontSet, OfficeFonts } from "./fonts.ts";
import { layoutDoc } from "./layout.ts";
import { LAYOUT_TEXT } from "./layout-text.ts";

/**
 * For each office font that cannot be used, located by `locate(role)`: a `pdf/font-file` error
 * for a file office.yaml names, a `pdf/font-found` warning for one `fonts: auto` found (the role
 * is set in the next usable font).
 */
export function fontFileDiagnostics(
  problems: readonly FontProblem[],
  locate: (role: FontRole) => SourcePosition | null = () => null,
): Diagnostic[] {
  return problems.map((p) =>
    p.found
      ? makeDiagnostic("pdf/font-found", {
          position: locate(p.role),
          path: "fonts",
          params: { role: p.role, file: p.file, reason: p.message, used: p.found.used },
        })
      : makeDiagnostic("pdf/font-file", {
          position: locate(p.role),
          path: `fonts.${p.role}`,
          params: { role: p.role, file: p.file, reason: p.message },
        }),
  );
}

/**
 * A `pdf/missing-glyph` error for each character of `doc` (once per document) that no font of
 * its role has; `find(char)` locates the character in the content, when it is there.
 */
export function missingGlyphDiagnostics(
  doc: Doc,
  problems: readonly LayoutProblem[],
  find: (char: string) => SourcePosition | null = () => null,
): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const p of problems) {
    if (seen.has(p.char)) continue;
    seen.add(p.char);
    out.push(
      makeDiagnostic("pdf/missing-glyph", {
        position: find(p.char),
        path: "",
        params: { title: doc.meta.title, document: doc.meta.id, where: p.where, char: p.char },
      }),
    );
  }
  return out;
}

/**
 * The office's font set, and a `pdf/font-file` error (or `pdf/font-found` warning) for each office
 * font that cannot be used (missing, not a regular file, not TrueType, damaged), located by
 * `locate(role)`.
 */
export function checkFonts(
  office: OfficeFonts,
  contentDir: string,
  locate: (role: FontRole) => SourcePosition | null,
): { set: FontSet; diagnostics: Diagnostic[] } {
  const { set, problems } = loadFontSet(office, contentDir);
  return { set, diagnostics: fontFileDiagnostics(problems, locate) };
}

export interface GlyphCheckDocument {
  doc: Doc;
  /** The content file the document is written from, when there is one. */
  source: string | null;
}

/**
 * A `pdf/missing-glyph` error for each character (once per document) that no font of its role
 * has; `find(char, source)` locates the character in the content, when it is there.
 */
export function checkGlyphs(
  documents: readonly GlyphCheckDocument[],
  set: FontSet,
  find: (char: string, source: string | null) => SourcePosition | null,
): Diagnostic[] {
  return documents.flatMap(({ doc, source }) =>
    surelySet(doc, set)
      ? []
      : missingGlyphDiagnostics(doc, layoutDoc(doc, set).problems, (ch) => find(ch, source)),
  );
}

/**
 * Calls `visit` with each code point of `text` the layout looks up in a font (not line ends,
 * spaces or controls below U+0021, nor U+200B), as it reads them: surrogate pairs as one, a lone
 * surrogate as itself; stops when `visit` returns false, and says whether it ran to the end.
 */
function everyCodePoint(text: string, visit: (cp: number) => boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp < 0xdc00 && i + 1 < text.length) {
      const low = text.charCodeAt(i + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        cp = 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
        i++;
      }
    }
    if (cp > 0x20 && cp !== 0x200b && !visit(cp)) return false;
  }
  return true;
}

/**
 * Calls `visit` with every string in `doc` (plain data, as deep as the document's blocks nest),
 * in document order; stops when it returns false. Walks the values in place: no array of each
 * object's values, no stack to spread them onto.
 */
function everyString(doc: Doc, visit: (text: string) => boolean): boolean {
  const walk = (v: unknown): boolean => {
    if (typeof v === "string") return visit(v);
    if (v === null || typeof v !== "object") return true;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) if (!walk(v[i])) return false;
      return true;
    }
    for (const key in v)
      if (Object.hasOwn(v, key) && !walk((v as Record<string, unknown>)[key])) return false;
    return true;
  };
  return walk(doc);
}

/** Printable ASCII (numbers the layout writes) and LAYOUT_TEXT: what any document may set. */
const ALWAYS =
  String.fromCharCode(...Array.from({ length: 0x5e }, (_, i) => 0x21 + i)) + LAYOUT_TEXT;

/**
 * Every code point setting `doc` may meet: those of every string in the document (it is plain
 * data) and ALWAYS.
 */
export function settableCodePoints(doc: Doc): Set<number> {
  const out = new Set<number>();
  const add = (cp: number) => (out.add(cp), true);
  everyCodePoint(ALWAYS, add);
  everyString(doc, (text) => everyCodePoint(text, add));
  return out;
}

/** Whether code point `cp` has a glyph in some font of every role of `set`. */
function inEveryRoleOf(set: FontSet, cp: number): boolean {
  for (const role of FONT_ROLES) {
    let found = false;
    for (const face of set.roles[role])
      if (face.glyph(cp) !== 0) {
        found = true;
        break;
      }
    if (!found) return false;
  }
  return true;
}

/** Per font set, whether a code point has a glyph in the fonts of every role. */
const inEveryRole = new WeakMap<FontSet, Map<number, boolean>>();

/**
 * Whether setting `doc` in `set` surely meets no character its fonts lack: every character it
 * may set (settableCodePoints) has a glyph in every role's fonts, whichever role the layout gives
 * it. The glyph check then need not typeset the document: typesetting would find nothing. A
 * document with a character some role lacks is typeset, and the layout says where it is set.
 */
export function surelySet(doc: Doc, set: FontSet): boolean {
  let known = inEveryRole.get(set);
  if (!known) inEveryRole.set(set, (known = new Map()));
  const memo = known;
  // called for every character: nothing in it captures `cp` (a closure over it would make each
  // call allocate a context)
  const has = (cp: number) => {
    let ok = memo.get(cp);
    if (ok === undefined) {
      ok = inEveryRoleOf(set, cp);
      memo.set(cp, ok);
    }
    return ok;
  };
  // the same code points as settableCodePoints, without collecting them
  return everyCodePoint(ALWAYS, has) && everyString(doc, (text) => everyCodePoint(text, has));
}
