// Loads a diagnostics fixture (the base content overlaid with the fixture's files) and runs the
// whole check on it, in memory.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import { coverageWarnings, figureWarnings } from "../../src/index.ts";
import { validateContent } from "../../src/validate/index.ts";

export const FIXTURES = fileURLToPath(new URL("../fixtures/diagnostics/", import.meta.url));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

export function readTree(dir: string): Map<string, string> {
  return new Map(
    walk(dir).map((f) => [relative(dir, f).replaceAll("\\", "/"), readFileSync(f, "utf8")]),
  );
}

export function fixtureFiles(name: string): Map<string, string> {
  const files = readTree(join(FIXTURES, "_base"));
  for (const [rel, text] of readTree(join(FIXTURES, name))) {
    if (rel === "expect.txt") continue;
    if (rel.endsWith(".delete")) files.delete(rel.slice(0, -".delete".length));
    else files.set(rel, text);
  }
  return files;
}

export interface Expected {
  file: string;
  line: number;
  col: number;
  code: string;
}

const key = (e: Expected) => `${e.file}:${e.line}:${e.col} ${e.code}`;

export function expectedOf(name: string, files: Map<string, string>): string[] {
  const out: Expected[] = [];
  const overlay = readTree(join(FIXTURES, name));
  for (const [rel, text] of overlay) {
    if (rel === "expect.txt") {
      for (const line of text.split("\n")) {
        const m = /^(\S+):(\d+):(\d+)\s+(\S+)/.exec(line.trim());
        if (m)
          out.push({
            file: m[1] as string,
            line: Number(m[2]),
            col: Number(m[3]),
            code: m[4] as string,
          });
      }
      continue;
    }
    if (!files.has(rel)) continue;
    for (const m of text.matchAll(/#\s*expect:\s*(\d+):(\d+)\s+(\S+)/g)) {
      out.push({ file: rel, line: Number(m[1]), col: Number(m[2]), code: m[3] as string });
    }
  }
  return out.map(key).sort();
}

export function actualOf(files: Map<string, string>): {
  keys: string[];
  diagnostics: Diagnostic[];
} {
  const validated = validateContent(files);
  const diagnostics = [
    ...validated.diagnostics,
    ...coverageWarnings(validated),
    ...figureWarnings({ ...validated, texts: files }),
  ];
  const keys = diagnostics
    .map((d) =>
      key({
        file: d.position?.file ?? "",
        line: d.position?.line ?? 0,
        col: d.position?.col ?? 0,
        code: d.code,
      }),
    )
    .sort();
  return { keys, diagnostics };
}
