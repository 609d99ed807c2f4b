// Templates compiled ahead of time (the command's bundle replaces src/render/precompiled.ts with
// templates/ compiled by Handlebars.precompile, bin/cli-bundle.mjs) render every document of the
// example exactly as the templates compiled when first used; a precompiled template whose source
// is not the one rendered is not used.
import { readFileSync, readdirSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { COMPILE_OPTIONS } from "../../src/render/precompiled.ts";
import type { Precompiled } from "../../src/render/precompiled.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const handlebars = createRequire(import.meta.url)("handlebars") as {
  precompile(source: string, options: object): string;
};

/** templates/ compiled as the bundle compiles them, by name ("plan", "partials/wentou"). */
function precompiledTemplates(change: (name: string, source: string) => string = (_, s) => s) {
  const out: Record<string, Precompiled> = {};
  for (const [folder, prefix] of [
    ["templates", ""],
    ["templates/partials", "partials/"],
  ] as const)
    for (const name of readdirSync(join(ROOT, folder)).filter((n) => n.endsWith(".hbs"))) {
      const key = prefix + name.slice(0, -4);
      const source = change(key, readFileSync(join(ROOT, folder, name), "utf8"));
      const spec = new Function(
        `return ${handlebars.precompile(source, { ...COMPILE_OPTIONS })}`,
      )();
      out[key] = { source, spec };
    }
  return out;
}

/** Every published document of the example, rendered with `precompiled` in place. */
async function documents(precompiled: Record<string, Precompiled>) {
  vi.resetModules();
  vi.doMock("../../src/render/precompiled.ts", () => ({
    COMPILE_OPTIONS,
    PRECOMPILED: precompiled,
  }));
  const { publish } = await import("../../src/index.ts");
  const { publication } = await publish(join(ROOT, "content"));
  return JSON.stringify(publication?.documents.map((d) => d.doc));
}

afterEach(() => {
  vi.doUnmock("../../src/render/precompiled.ts");
  vi.resetModules();
});

describe("templates compiled ahead of time", () => {
  it("render every document of the example as the templates compiled on first use", async () => {
    const compiled = await documents({});
    expect(compiled.length).toBeGreaterThan(10_000);
    expect(await documents(precompiledTemplates())).toBe(compiled);
  }, 120_000);

  it("are not used for another source", async () => {
    const compiled = await documents({});
    // a precompiled plan that would print otherwise, kept under the plan's name with another source
    const other = precompiledTemplates((name, s) => (name === "plan" ? `${s}\n另起一段。` : s));
    const plan = other.plan as Precompiled;
    other.plan = { ...plan, source: `${plan.source}x` };
    expect(await documents(other)).toBe(compiled);
    // …and would have been used under its own source (so the test above can fail)
    const used = precompiledTemplates((name, s) => (name === "plan" ? `${s}\n另起一段。` : s));
    const real = readFileSync(join(ROOT, "templates/plan.hbs"), "utf8");
    used.plan = { ...(used.plan as Precompiled), source: real };
    expect(await documents(used)).not.toBe(compiled);
  }, 120_000);
});
