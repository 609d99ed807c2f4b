// Fonts by role (仿宋, 小标宋, 黑体, 楷体): the open fonts shipped from npm, or the office's own
// files, named in office.yaml `fonts:` (paths relative to the content folder) or found where they
// are installed (`fonts: auto`, installed.ts), which then come first and fall back to the shipped
// font for characters they lack. Every file is read and parsed once per process and shared by
// every document.
import { closeSync, constants, fstatSync, openSync } from "node:fs";
import { createRequire } from "node:module";
import { isAbsolute, relative, resolve } from "node:path";
import { errnoCode, errnoWords } from "../text/errno.ts";
import { fontFileReader, unpackedStore } from "./font-cache.ts";
import { FontFormatError, MAX_FONT_BYTES, readTrueType, verifyGlyphs } from "./truetype.ts";
import type { TrueTypeFont } from "./truetype.ts";
import { machineSearch, officeFontCandidates } from "./installed.ts";
import type { FontSearch } from "./installed.ts";

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

/** Where a face of a role comes from: office.yaml names it, `fonts: auto` found it, or shipped. */
export type FontOrigin = "office" | "found" | "bundled";

export interface FontSet {
  /** Faces to try, in order, for each role. */
  roles: Record<FontRole, Face[]>;
  /** Where each face of `roles` comes from, in the same order. */
  origins: Record<FontRole, FontOrigin[]>;
}

/**
 * office.yaml `fonts:`: `auto` (the office's fonts where they are installed, installed.ts),
 * `bundled` (the shipped fonts only), or a file per role (the others shipped).
 */
export type OfficeFonts = "auto" | "bundled" | Partial<Record<FontRole, string>>;

export interface FontProblem {
  role: FontRole;
  /** As office.yaml names it, or where `fonts: auto` found it. */
  file: string;
  message: string;
  /** Set when `fonts: auto` found the file: the role is set in `used` instead (a warning). */
  found?: { used: string };
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
 * A font file is read where needed through a descriptor kept open for the process (fonts are
 * cached for its lifetime; a WOFF file's tables are each inflated when first read). Only a
 * regular file is opened for good: the descriptor is opened without blocking (a FIFO named as a
 * font never hangs) and checked.
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
    const read = fontFileReader(fd);
    // a WOFF font's unpacked copy (font-cache.ts) is read instead once there is one
    const store = unpackedStore(path, info);
    const font = readTrueType(read, size, store);
    keep = !store?.used();
    return font;
  } finally {
    if (!keep) closeSync(fd);
  }
}

export function shippedFontPath(role: FontRole): string {
  return require.resolve(SHIPPED_FONTS[role]);
}

/**
 * Inflates the glyph records of every WOFF face of a set (the shipped 楷体, ~80 ms) off the main
 * thread, so that typesetting — which reads punctuation's ink boxes from them — finds them ready.
 * Shares an inflation already under way (preloadShippedFonts).
 */
export async function preloadFontSet(set: FontSet): Promise<void> {
  const fonts = new Set(FONT_ROLES.flatMap((role) => set.roles[role].map((face) => face.font)));
  await Promise.all([...fonts].map((font) => font.preload()));
}

/**
 * Starts inflating the shipped WOFF font's glyph records (楷体, ~80 ms) on a worker thread, for a
 * process that will paint a PDF after reading and checking the content: the two overlap.
 */
export async function preloadShippedFonts(): Promise<void> {
  for (const role of FONT_ROLES) {
    let face: Face;
    try {
      face = faceOf(shippedFontPath(role));
    } catch {
      continue; // a missing shipped font is reported where it is used
    }
    await face.font.preload();
  }
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
 * The face of an office font file, read whole once (every glyph record checked) so that damage
 * shows in `check`, not half-way through a build. Throws as faceOf does.
 */
function verifiedFace(path: string): Face {
  const face = faceOf(path);
  if (!verified.has(face)) {
    verifyGlyphs(face.font);
    verified.add(face);
  }
  return face;
}

/** How a path is shown: relative to the content folder when inside it. */
function shown(path: string, contentDir: string): string {
  const rel = relative(resolve(contentDir), path);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel.replaceAll("\\", "/") : path;
}

/**
 * The font set for an office, each role's chain best first: the file office.yaml names for it,
 * or with `fonts: auto` the first usable office font found (installed.ts), then the shipped font,
 * which sets what the others lack. Problems name each office font that could not be used (it is
 * then skipped); `search` stands for the machine (tests pin it through XINFANG_FONT_DIRS).
 */
export function loadFontSet(
  office: OfficeFonts = {},
  contentDir = ".",
  search: FontSearch = machineSearch(),
): { set: FontSet; problems: FontProblem[] } {
  const cacheKey = JSON.stringify([contentDir, office, office === "auto" ? search : null]);
  const cached = sets.get(cacheKey);
  if (cached) return cached;
  const problems: FontProblem[] = [];
  const roles = {} as Record<FontRole, Face[]>;
  const origins = {} as Record<FontRole, FontOrigin[]>;
  const candidates = office === "auto" ? officeFontCandidates(contentDir, search) : null;
  for (const role of FONT_ROLES) {
    const chain: Face[] = [];
    const from: FontOrigin[] = [];
    const own = typeof office === "object" ? office[role] : undefined;
    if (own) {
      try {
        chain.push(verifiedFace(isAbsolute(own) ? own : resolve(contentDir, own)));
        from.push("office");
      } catch (e) {
        problems.push({ role, file: own, message: fontFailure(e) });
      }
    }
    const unusable: FontProblem[] = [];
    for (const file of candidates?.[role] ?? []) {
      try {
        chain.push(verifiedFace(file));
        from.push("found");
        break;
      } catch (e) {
        unusable.push({ role, file: shown(file, contentDir), message: fontFailure(e) });
      }
    }
    const shipped = faceOf(shippedFontPath(role));
    chain.push(shipped);
    from.push("bundled");
    const used =
      chain[0] === shipped ? `随附的 ${shipped.font.fullName}` : shown(chain[0]!.key, contentDir);
    for (const p of unusable) problems.push({ ...p, found: { used } });
    roles[role] = chain;
    origins[role] = from;
  }
  const result = { set: { roles, origins }, problems };
  sets.set(cacheKey, result);
  return result;
}
