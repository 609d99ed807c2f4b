// Fonts by role (仿宋, 小标宋, 黑体, 楷体): the open fonts shipped from npm, or the office's own
// files named in office.yaml `fonts:` (paths relative to the content folder), which then come
// first and fall back to the shipped font for characters they lack. Every file is read and parsed
// once per process and shared by every document.
import { closeSync, constants, fstatSync, openSync, readSync } from "node:fs";
import { createRequire } from "node:module";
import { isAbsolute, resolve } from "node:path";
import { errnoCode, errnoWords } from "../text/errno.ts";
import {
  FontFormatError,
  MAX_FONT_BYTES,
  parseTrueType,
  readTrueType,
  verifyGlyphs,
} from "./truetype.ts";
import type { TrueTypeFont } from "./truetype.ts";

export const FONT_ROLES = ["仿宋", "小标宋", "黑体", "楷体"] as const;
export type FontRole = (typeof FONT_ROLES)[number];

/** One font file as the layout sees it. */
export interface Face {
  /** Stable key: the file's absolute path. */
  key: string;
  font: TrueTypeFont;
  /** Glyph id of a code point (0 = missing), cached. */
  glyph(codePoint: number): number;
  /** Advance of a glyph in thousandths of an em. */
  advance(gid: number): number;
}

export interface FontSet {
  /** Faces to try, in order, for each role. */
  roles: Record<FontRole, Face[]>;
}

export type OfficeFonts = Partial<Record<FontRole, string>>;

export interface FontProblem {
  role: FontRole;
  file: string;
  message: string;
}

const require = createRequire(import.meta.url);

/**
 * The shipped fonts, all SIL OFL 1.1: Noto Serif SC for 仿宋 and its Bold for 小标宋, Noto Sans SC
 * for 黑体, LXGW WenKai (霞鹜文楷) Regular for 楷体. Fontsource labels its one WenKai file per
 * weight "latin", but each holds the whole font (30,429 glyphs: all of GB 2312 and the CJK
 * Unified Ideographs block) as TrueType outlines in WOFF 1.0, which truetype.ts reads.
 */
export const SHIPPED_FONTS: Record<FontRole, string> = {
  仿宋: "@expo-google-fonts/noto-serif-sc/400Regular/NotoSerifSC_400Regular.ttf",
  小标宋: "@expo-google-fonts/noto-serif-sc/700Bold/NotoSerifSC_700Bold.ttf",
  黑体: "@expo-google-fonts/noto-sans-sc/500Medium/NotoSansSC_500Medium.ttf",
  楷体: "@fontsource/lxgw-wenkai/files/lxgw-wenkai-latin-500-normal.woff",
};

const faces = new Map<string, Face>();

/** The face of a font file, parsed once per process. Throws FontFormatError or an fs error. */
export function faceOf(path: string): Face {
  let face = faces.get(path);
  if (face) return face;
  const font = openFont(path);
  const scale = 1000 / font.unitsPerEm;
  const cache = new Map<number, number>();
  face = {
    key: path,
    font,
    glyph(cp) {
      let g = cache.get(cp);
      if (g === undefined) {
        g = font.glyphOf(cp);
        if (g >= font.numGlyphs) g = 0;
        cache.set(cp, g);
      }
      return g;
    },
    advance: scale === 1 ? (gid) => font.advanceOf(gid) : (gid) => font.advanceOf(gid) * scale,
  };
  faces.set(path, face);
  return face;
}

/**
 * A TrueType file is read where needed through a descriptor kept open for the process (fonts are
 * cached for its lifetime); WOFF is held in memory, each table inflated when first read. Only a regular file is opened for good:
 * the descriptor is opened without blocking (a FIFO named as a font never hangs) and checked.
 */
function openFont(path: string): TrueTypeFont {
  const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  let keep = false;
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) throw new FontFormatError("不是普通文件");
    const size = info.size;
    if (size > MAX_FONT_BYTES)
      throw new FontFormatError(
        `文件太大（${Math.round(size / 1048576)} MB，上限 ${MAX_FONT_BYTES / 1048576} MB）`,
      );
    const read = (offset: number, length: number) => {
      const b = new Uint8Array(length);
      let done = 0;
      while (done < length) {
        const n = readSync(fd, b, done, length - done, offset + done);
        if (n === 0) throw new FontFormatError("字体文件被截断");
        done += n;
      }
      return b;
    };
    const head = size >= 4 ? new TextDecoder("latin1").decode(read(0, 4)) : "";
    if (head === "wOFF") return parseTrueType(read(0, size));
    const font = readTrueType(read, size);
    keep = true;
    return font;
  } finally {
    if (!keep) closeSync(fd);
  }
}

export function shippedFontPath(role: FontRole): string {
  return require.resolve(SHIPPED_FONTS[role]);
}

const sets = new Map<string, { set: FontSet; problems: FontProblem[] }>();
const verified = new WeakSet<Face>();

/** Why a font file cannot be used, in Chinese. */
function fontFailure(e: unknown): string {
  if (e instanceof FontFormatError) return e.message;
  const code = errnoCode(e);
  // Anything else is a damaged file the checks of truetype.ts did not foresee (a RangeError …).
  return code === null ? "字体文件已损坏，无法读取" : errnoWords(code);
}

/**
 * The font set for an office: its own files first (when office.yaml names them), the shipped
 * fonts after. Problems name each office font that could not be used (it is then skipped).
 */
export function loadFontSet(
  office: OfficeFonts = {},
  contentDir = ".",
): { set: FontSet; problems: FontProblem[] } {
  const cacheKey = JSON.stringify([contentDir, FONT_ROLES.map((r) => office[r] ?? "")]);
  const cached = sets.get(cacheKey);
  if (cached) return cached;
  const problems: FontProblem[] = [];
  const roles = {} as Record<FontRole, Face[]>;
  for (const role of FONT_ROLES) {
    const chain: Face[] = [];
    const own = office[role];
    if (own) {
      const path = isAbsolute(own) ? own : resolve(contentDir, own);
      try {
        const face = faceOf(path);
        // An office's own file is read whole once, so damage shows in `check`, not mid-build.
        if (!verified.has(face)) {
          verifyGlyphs(face.font);
          verified.add(face);
        }
        chain.push(face);
      } catch (e) {
        problems.push({ role, file: own, message: fontFailure(e) });
      }
    }
    chain.push(faceOf(shippedFontPath(role)));
    roles[role] = chain;
  }
  const result = { set: { roles }, problems };
  sets.set(cacheKey, result);
  return result;
}
