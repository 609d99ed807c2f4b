#!/usr/bin/env node
// The `xinfang` command's launcher. Plain JavaScript so that Node's compile cache is on before
// any TypeScript is loaded: with it, the type-stripped and compiled sources (bin.ts included) are
// kept between runs in the OS temp folder instead of being stripped and compiled on every start.
// It changes no output. All the work is in src/cli/bin.ts.
//
// When `npm run bundle` has made dist/cli/ and no source file (src/, schemas/, package.json,
// package-lock.json) has changed since, the bundle runs instead: the same code with its
// dependencies in a few files, which starts faster. `build` always runs from the sources (the site
// builder finds its Astro project next to them). A stale or missing bundle is never run.
import { readdirSync, statSync } from "node:fs";
import module from "node:module";
import { join } from "node:path";
import process from "node:process";
import { URL, fileURLToPath } from "node:url";

module.enableCompileCache?.();

const root = fileURLToPath(new URL("../", import.meta.url));
const bundle = join(root, "dist/cli/xinfang.mjs");

/** Whether the bundle exists and is newer than every file it was made from. */
function bundleIsFresh() {
  const built = statSync(bundle, { throwIfNoEntry: false })?.mtimeMs;
  if (built === undefined) return false;
  const newer = (file) => (statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? 0) > built;
  if (newer(join(root, "package.json")) || newer(join(root, "package-lock.json"))) return false;
  for (const dir of ["src", "schemas"])
    for (const e of readdirSync(join(root, dir), { recursive: true, withFileTypes: true }))
      if (newer(join(e.parentPath, e.name))) return false;
  return true;
}

if (process.argv[2] !== "build" && bundleIsFresh()) await import(bundle);
else await import("../src/cli/bin.ts");
