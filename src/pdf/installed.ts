// The office's fonts where they already are (office.yaml `fonts: auto`): the files offices set
// 公文 in (仿宋_GB2312 or Windows' simfang, 方正小标宋, simhei, 楷体_GB2312 or simkai), looked for
// in the content folder's fonts/ first, then on the machine: by file name in the standard font
// folders (Windows: the system and the user's Fonts folder), or on Linux through fontconfig
// (`fc-list`, by family and file name) where it is installed. Reads only, never the network, and
// takes the same file from the same folders on every run. XINFANG_FONT_DIRS (folders separated
// by the platform's path delimiter, empty for none) stands for the machine: its folders replace
// the standard ones and fontconfig, so tests and pinned builds decide what is "installed".
import { readdirSync, statSync } from "node:fs";
import type { Dirent } from "node:fs";
import { homedir } from "node:os";
import { join, posix, win32 } from "node:path";
import type { FontRole } from "./fonts.ts";

/** One font an office may have: the names its file and its family go by. */
interface Wanted {
  files: readonly string[];
  families: readonly string[];
}

/**
 * Per role, best first: the GB 2312 faces GB/T 9704 names (an office that installed them wants
 * them), then the ones Windows ships.
 */
export const OFFICE_FONTS: Record<FontRole, readonly Wanted[]> = {
  仿宋: [
    {
      files: ["仿宋_GB2312.ttf", "FS_GB2312.ttf", "fsgb2312.ttf"],
      families: ["仿宋_GB2312", "FangSong_GB2312"],
    },
    { files: ["simfang.ttf"], families: ["仿宋", "FangSong"] },
  ],
  小标宋: [
    {
      files: ["FZXBSJW.TTF", "方正小标宋简体.ttf", "FZXiaoBiaoSong-B05S.ttf"],
      families: ["方正小标宋简体", "FZXiaoBiaoSong-B05S"],
    },
    {
      files: ["FZXBSK.TTF", "方正小标宋_GBK.ttf", "FZXiaoBiaoSong-B05.ttf"],
      families: ["方正小标宋_GBK", "FZXiaoBiaoSong-B05"],
    },
  ],
  黑体: [{ files: ["simhei.ttf", "黑体.ttf"], families: ["黑体", "SimHei"] }],
  楷体: [
    {
      files: ["楷体_GB2312.ttf", "KT_GB2312.ttf", "ktgb2312.ttf"],
      families: ["楷体_GB2312", "KaiTi_GB2312"],
    },
    { files: ["simkai.ttf"], families: ["楷体", "KaiTi"] },
  ],
};

/** Where to look on this machine. */
export interface FontSearch {
  /** Folders searched by file name, in order (subfolders too). */
  dirs: string[];
  /** Ask fontconfig (`fc-list`) instead of the folders, when it runs. */
  fontconfig: boolean;
}

/** The variable that stands for the machine's fonts (tests, reproducible builds). */
export const FONT_DIRS_VARIABLE = "XINFANG_FONT_DIRS";

/** The machine's font folders: XINFANG_FONT_DIRS when set, else the platform's standard ones. */
export function machineSearch(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
  home: string = homedir(),
): FontSearch {
  const pinned = env[FONT_DIRS_VARIABLE];
  if (pinned !== undefined)
    return {
      dirs: pinned.split(platform === "win32" ? ";" : ":").filter(Boolean),
      fontconfig: false,
    };
  if (platform === "win32") {
    const windows = env.WINDIR ?? env.SystemRoot ?? "C:\\Windows";
    const local = env.LOCALAPPDATA ?? win32.join(home, "AppData", "Local");
    return {
      dirs: [win32.join(windows, "Fonts"), win32.join(local, "Microsoft", "Windows", "Fonts")],
      fontconfig: false,
    };
  }
  if (platform === "darwin")
    return {
      dirs: [posix.join(home, "Library/Fonts"), "/Library/Fonts", "/System/Library/Fonts"],
      fontconfig: false,
    };
  return {
    dirs: [
      posix.join(home, ".local/share/fonts"),
      posix.join(home, ".fonts"),
      "/usr/local/share/fonts",
      "/usr/share/fonts",
    ],
    fontconfig: true,
  };
}

/** A font file on the machine, with its family names when fontconfig told them. */
export interface InstalledFont {
  file: string;
  families: string[];
}

const WANTED_FILES = new Set(
  Object.values(OFFICE_FONTS).flatMap((ws) => ws.flatMap((w) => w.files.map(lower))),
);

function lower(s: string): string {
  return s.toLowerCase();
}

function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

/** Folders deeper than this below a font folder, and entries past this count, are not read. */
const MAX_DEPTH = 6;
const MAX_ENTRIES = 100_000;

/**
 * Files with a wanted name under `dirs`, folder by folder, names in code-point order; folders
 * that cannot be read are passed over, symbolic links to folders are not followed.
 */
export function scanFolders(dirs: readonly string[]): InstalledFont[] {
  const out: InstalledFont[] = [];
  let budget = MAX_ENTRIES;
  const walk = (dir: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (--budget < 0) return;
      const full = join(dir, e.name);
      if (e.isDirectory()) {
        if (depth < MAX_DEPTH) walk(full, depth + 1);
      } else if (WANTED_FILES.has(lower(e.name)) && (e.isFile() || isFile(full)))
        out.push({ file: full, families: [] });
    }
  };
  for (const dir of dirs) walk(dir, 0);
  return out;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * `fc-list --format '%{file}\t%{index}\t%{family}\n'` → fonts, first faces only (the reader takes
 * a collection's first face), sorted by file so the choice never depends on fontconfig's order.
 */
export function parseFcList(output: string): InstalledFont[] {
  const out: InstalledFont[] = [];
  for (const line of output.split("\n")) {
    const [file, index, families] = line.split("\t");
    if (!file || !families || (index !== "0" && index !== "")) continue;
    out.push({
      file,
      families: families
        .split(/(?<!\\),/)
        .map((f) => f.replace(/\\(.)/g, "$1").trim())
        .filter(Boolean),
    });
  }
  return out.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** The machine's fonts as fontconfig lists them, or null where `fc-list` does not run. */
function fontconfigFonts(command: string): InstalledFont[] | null {
  // child_process is loaded only here (~2.5 ms of a cold start with `fonts: bundled`)
  const r = process
    .getBuiltinModule("node:child_process")
    .spawnSync(command, ["--format", "%{file}\\t%{index}\\t%{family}\\n"], {
      encoding: "utf8",
      timeout: 20_000,
      maxBuffer: 64 * 1024 * 1024,
      windowsHide: true,
    });
  if (r.error || r.status !== 0) return null;
  return parseFcList(r.stdout);
}

/**
 * The fonts `search` finds on the machine: fontconfig's list where `fcList` runs, else the
 * folders' files.
 */
export function machineFonts(search: FontSearch, fcList = "fc-list"): InstalledFont[] {
  return (search.fontconfig ? fontconfigFonts(fcList) : null) ?? scanFolders(search.dirs);
}

const matches = (w: Wanted, f: InstalledFont) =>
  w.files.some((n) => lower(n) === lower(fileName(f.file))) ||
  f.families.some((family) => w.families.includes(family));

/**
 * The files that may serve each role, best first: the content folder's fonts/ before the
 * machine's, and within each, the role's wanted fonts in order. Each is still to be validated.
 */
export function officeFontCandidates(
  contentDir: string,
  search: FontSearch,
  machine: () => InstalledFont[] = () => machineFonts(search),
): Record<FontRole, string[]> {
  const tiers = [scanFolders([join(contentDir, "fonts")]), machine()];
  const out = {} as Record<FontRole, string[]>;
  for (const role of Object.keys(OFFICE_FONTS) as FontRole[]) {
    const files: string[] = [];
    for (const fonts of tiers)
      for (const w of OFFICE_FONTS[role])
        for (const f of fonts) if (matches(w, f) && !files.includes(f.file)) files.push(f.file);
    out[role] = files;
  }
  return out;
}
