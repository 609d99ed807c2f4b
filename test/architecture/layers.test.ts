// Stages only look down (DESIGN.md, issue 9): shared bottom (diagnostics, text, calendar, the
// schemas) < load < validate < compute < doc < render < outputs (pdf, site, docx, xlsx, init) <
// pipeline (src/index.ts, build) < cli. Every import of every source file (.ts and .astro) is
// read; the test lists each file that imports a later stage, and each pair of folders that import
// each other. There is no list of exceptions.
import { readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Rank of each stage folder (relative to the package root); files in a folder share its rank. */
const RANKS: [string, number][] = [
  ["schemas", 0],
  ["src/diagnostics", 0],
  ["src/text", 0],
  ["src/calendar", 0],
  ["src/load", 1],
  ["src/validate", 2],
  ["src/compute", 3],
  ["src/doc", 4],
  ["src/render", 5],
  ["src/pdf", 6],
  ["src/site", 6],
  ["src/docx", 6],
  ["src/xlsx", 6],
  ["src/init", 6],
  ["src/index.ts", 7],
  ["src/build", 7],
  ["src/cli", 8],
];

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return name === "json" ? [] : files(full);
    return /\.(ts|astro|mjs)$/.test(name) ? [full] : [];
  });
}

/** The stage folder of a path relative to the root, or null when it is outside every stage. */
function stageOf(rel: string): string | null {
  let best: string | null = null;
  for (const [prefix] of RANKS)
    if ((rel === prefix || rel.startsWith(`${prefix}/`)) && (!best || prefix.length > best.length))
      best = prefix;
  return best;
}

const rankOf = (stage: string) => RANKS.find(([p]) => p === stage)?.[1] as number;

/** Relative specifiers imported by a source file (static, dynamic and type-only imports). */
function importsOf(text: string): string[] {
  const out: string[] = [];
  const re = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)["'](\.{1,2}\/[^"']+)["']/g;
  for (const m of text.matchAll(re)) out.push(m[1] as string);
  return out;
}

interface Edge {
  file: string;
  from: string;
  to: string;
  target: string;
}

function edges(): Edge[] {
  const all = [...files(join(ROOT, "src")), ...files(join(ROOT, "schemas"))];
  const out: Edge[] = [];
  for (const full of all) {
    const file = relative(ROOT, full);
    const from = stageOf(file);
    if (!from) continue;
    for (const spec of importsOf(readFileSync(full, "utf8"))) {
      const target = relative(ROOT, resolve(dirname(full), spec));
      const to = stageOf(target);
      if (to && to !== from) out.push({ file, from, to, target });
    }
  }
  return out;
}

describe("stages only look down", () => {
  const found = edges();

  it("no file imports a later stage", () => {
    const upward = found
      .filter((e) => rankOf(e.to) > rankOf(e.from))
      .map((e) => `${e.file} imports ${e.target} (${e.from} → ${e.to})`);
    expect(upward).toEqual([]);
  });

  it("no two stage folders import each other", () => {
    const pairs = new Set(found.map((e) => `${e.from} → ${e.to}`));
    const mutual = [...pairs]
      .filter((p) => {
        const [a, b] = p.split(" → ");
        return (a as string) < (b as string) && pairs.has(`${b} → ${a}`);
      })
      .map((p) => `${p} and back`);
    expect(mutual).toEqual([]);
  });

  it("every source file belongs to a stage", () => {
    const outside = files(join(ROOT, "src"))
      .map((f) => relative(ROOT, f))
      .filter((f) => stageOf(f) === null);
    expect(outside).toEqual([]);
  });
});
