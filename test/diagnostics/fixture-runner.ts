// Runs a diagnostics fixture: the base content overlaid with the fixture's files is copied into a
// temporary folder (bytes as they are, so encodings and odd files can be tested) and the whole
// check runs on it, exactly as `xinfang check` does.
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import { checkContent } from "../../src/index.ts";

export const FIXTURES = fileURLToPath(new URL("../fixtures/diagnostics/", import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Every file under `dir` as text, by content-relative path. */
export function readTree(dir: string): Map<string, string> {
  return new Map(
    walk(dir).map((f) => [relative(dir, f).replaceAll("\\", "/"), readFileSync(f, "utf8")]),
  );
}

/** Content-relative path → absolute path of the file that provides it. */
export function fixtureFiles(name: string): Map<string, string> {
  const files = new Map<string, string>();
  const base = join(FIXTURES, "_base");
  for (const f of walk(base)) files.set(relative(base, f).replaceAll("\\", "/"), f);
  if (name === "_base") return files;
  const own = join(FIXTURES, name);
  for (const f of walk(own)) {
    const rel = relative(own, f).replaceAll("\\", "/");
    if (rel === "expect.txt") continue;
    if (rel.endsWith(".delete")) files.delete(rel.slice(0, -".delete".length));
    else if (rel.endsWith(SPARSE)) files.set(rel.slice(0, -SPARSE.length), f);
    else files.set(rel, f);
  }
  return files;
}

export interface Expected {
  file: string;
  line: number;
  col: number;
  code: string;
  /** The second place the diagnostic points at (the first occurrence of a duplicate). */
  related?: { file: string; line: number; col: number } | undefined;
}

const key = (e: Expected) =>
  `${e.file}:${e.line}:${e.col} ${e.code}` +
  (e.related ? ` related ${e.related.file}:${e.related.line}:${e.related.col}` : "");

/** `related 3:11` or `related plans/a.yaml:3:11` after the code; the file defaults to `file`. */
function relatedOf(text: string | undefined, file: string): Expected["related"] {
  const m = text ? /^\s*related\s+(?:(\S+):)?(\d+):(\d+)/.exec(text) : null;
  return m ? { file: m[1] ?? file, line: Number(m[2]), col: Number(m[3]) } : undefined;
}

export function expectedOf(name: string, files: Map<string, string>): string[] {
  const out: Expected[] = [];
  const own = join(FIXTURES, name);
  for (const f of walk(own)) {
    const rel = relative(own, f).replaceAll("\\", "/");
    const text = readFileSync(f, "utf8");
    if (rel === "expect.txt") {
      for (const line of text.split("\n")) {
        const m = /^(\S+):(\d+):(\d+)\s+(\S+)(.*)$/.exec(line.trim());
        if (m)
          out.push({
            file: m[1] as string,
            line: Number(m[2]),
            col: Number(m[3]),
            code: m[4] as string,
            related: relatedOf(m[5], m[1] as string),
          });
      }
      continue;
    }
    if (!files.has(rel)) continue;
    for (const m of text.matchAll(/#\s*expect:\s*(\d+):(\d+)\s+(\S+)([^\n]*)/g)) {
      out.push({
        file: rel,
        line: Number(m[1]),
        col: Number(m[2]),
        code: m[3] as string,
        related: relatedOf(m[4], rel),
      });
    }
  }
  return out.map(key).sort();
}

/**
 * Marker for a file git cannot hold: `<path>.sparse` holding a size such as `600M` (suffix K, M
 * or G: KiB, MiB, GiB) stands for a sparse file of that size at `<path>`, made instantly.
 */
const SPARSE = ".sparse";

function sparseSize(marker: string): number {
  const m = /^(\d+)([KMG]?)$/.exec(readFileSync(marker, "utf8").trim());
  if (!m) throw new Error(`${marker}: a size such as 600M expected`);
  const unit = { "": 1, K: 1024, M: 1024 ** 2, G: 1024 ** 3 }[m[2] as "" | "K" | "M" | "G"];
  return Number(m[1]) * unit;
}

/** Copies the fixture's files into a new temporary folder; the caller removes it. */
export function materialise(files: Map<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "xinfang-fixture-"));
  for (const [rel, from] of files) {
    mkdirSync(dirname(join(dir, rel)), { recursive: true });
    if (from.endsWith(SPARSE)) {
      writeFileSync(join(dir, rel), "");
      truncateSync(join(dir, rel), sparseSize(from));
    } else cpSync(from, join(dir, rel));
  }
  return dir;
}

export async function actualOf(files: Map<string, string>): Promise<{
  keys: string[];
  diagnostics: Diagnostic[];
}> {
  const dir = materialise(files);
  try {
    const { problems } = await checkContent(dir);
    const keys = problems
      .map((d) =>
        key({
          file: d.position?.file ?? "",
          line: d.position?.line ?? 0,
          col: d.position?.col ?? 0,
          code: d.code,
          related: d.related?.position,
        }),
      )
      .sort();
    return { keys, diagnostics: problems };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
