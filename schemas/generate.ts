// Writes schemas/json/<name>.json from the zod sources (npm run schemas). Editors use these for
// completion and checking; test/schemas checks they never drift from the zod sources.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { unitRefSchema } from "./common.ts";
import { fileSchemas } from "./index.ts";
import type { FileSchemaName } from "./index.ts";

export const JSON_DIR = join(dirname(fileURLToPath(import.meta.url)), "json");

export function jsonSchemaText(name: FileSchemaName): string {
  const schema = z.toJSONSchema(fileSchemas[name], {
    io: "input",
    unrepresentable: "any",
    target: "draft-2020-12",
    // a ledger's village: an id or a name (names become ids before validation)
    override: (ctx) => {
      if (ctx.zodSchema === unitRefSchema) {
        delete ctx.jsonSchema.pattern;
        delete ctx.jsonSchema.allOf;
      }
    },
  });
  const withId = { ...schema, title: schema.description ?? name };
  return `${JSON.stringify(withId, null, 2)}\n`;
}

export async function writeJsonSchemas(dir = JSON_DIR): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const names = Object.keys(fileSchemas) as FileSchemaName[];
  for (const name of names) await writeFile(join(dir, `${name}.json`), jsonSchemaText(name));
  return names;
}

// (no top-level await: the command's bundle, which holds this module, is CommonJS)
if (import.meta.url === `file://${process.argv[1]}`)
  void writeJsonSchemas().then((names) =>
    console.log(
      `已生成 ${names.length} 个 JSON Schema：${names.map((n) => `schemas/json/${n}.json`).join("、")}`,
    ),
  );
