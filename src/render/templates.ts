// Reads the Handlebars sources from templates/ (the project's own, shipped with the package).
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TemplateSources } from "./handlebars.ts";

export const TEMPLATE_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

export async function loadTemplates(dir = TEMPLATE_DIR): Promise<TemplateSources> {
  const read = async (sub: string) => {
    const names = (await readdir(join(dir, sub)).catch(() => [] as string[]))
      .filter((n) => n.endsWith(".hbs"))
      .sort();
    const entries = await Promise.all(
      names.map(
        async (n) => [n.replace(/\.hbs$/, ""), await readFile(join(dir, sub, n), "utf8")] as const,
      ),
    );
    return Object.fromEntries(entries);
  };
  return { templates: await read("."), partials: await read("partials") };
}
