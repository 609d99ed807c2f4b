// Reads the Handlebars sources from templates/ (the project's own, shipped with the package), with
// blocking calls: some twenty small files of the package, read before anything else can go on.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { TemplateSources } from "./handlebars.ts";

export const TEMPLATE_DIR = fileURLToPath(new URL("../../templates/", import.meta.url));

export async function loadTemplates(dir = TEMPLATE_DIR): Promise<TemplateSources> {
  const read = (sub: string) => {
    let names: string[];
    try {
      names = readdirSync(join(dir, sub));
    } catch {
      names = [];
    }
    return Object.fromEntries(
      names
        .filter((n) => n.endsWith(".hbs"))
        .sort()
        .map((n) => [n.replace(/\.hbs$/, ""), readFileSync(join(dir, sub, n), "utf8")] as const),
    );
  };
  return { templates: read("."), partials: read("partials") };
}
