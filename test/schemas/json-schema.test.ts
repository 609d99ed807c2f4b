import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { fileSchemas } from "../../schemas/index.ts";
import type { FileSchemaName } from "../../schemas/index.ts";
import { JSON_DIR, jsonSchemaText } from "../../schemas/generate.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? yamlFiles(p) : p.endsWith(".yaml") ? [p] : [];
  });
}

describe("JSON Schema for editors", () => {
  for (const name of Object.keys(fileSchemas) as FileSchemaName[]) {
    it(`schemas/json/${name}.json is what the zod source generates (run npm run schemas after a change)`, () => {
      expect(readFileSync(join(JSON_DIR, `${name}.json`), "utf8")).toBe(jsonSchemaText(name));
    });
  }

  it("describes fields in Chinese", () => {
    const units = JSON.parse(readFileSync(join(JSON_DIR, "units.json"), "utf8"));
    expect(units.properties.units.items.properties.committee.description).toMatch(/两委成员/);
  });

  it("every example content file points editors at an existing schema", () => {
    const files = yamlFiles(join(ROOT, "content"));
    expect(files.length).toBeGreaterThan(5);
    for (const f of files) {
      const first = readFileSync(f, "utf8").split("\n")[0] ?? "";
      const m = /^# yaml-language-server: \$schema=(\S+)$/.exec(first);
      expect(m, relative(ROOT, f)).not.toBeNull();
      expect(existsSync(resolve(dirname(f), m?.[1] ?? "")), relative(ROOT, f)).toBe(true);
    }
  });
});
