// The site must work on an intranet with no way out: no built file may make a browser fetch
// from another host. This check runs over the output before it replaces the previous one and
// names every offending reference (file, the reference and its context).
import { readdir } from "node:fs/promises";
import { extname, join } from "node:path";
import { externalReferences, markupReferences } from "../../text/external.ts";
import type { ExternalReference } from "../../text/external.ts";
import { mapTexts } from "./read-texts.ts";

export { externalReferences, markupReferences } from "../../text/external.ts";
export type { ExternalReference } from "../../text/external.ts";

const TEXT_FILES = new Set([".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt"]);
/** Files read as markup: their text (where the documents' words are) is not searched. */
const MARKUP = new Set([".html", ".svg", ".xml"]);

async function* walk(dir: string, prefix = ""): AsyncGenerator<string> {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) yield* walk(join(dir, entry.name), rel);
    else yield rel;
  }
}

/**
 * Scans the text files of a built site, or of `only` those of its files (read a few at a time, in
 * the order they are listed); `visit` sees each file's text too (so that no one reads the site
 * twice).
 */
export async function findExternalReferences(
  root: string,
  visit?: (file: string, text: string) => void,
  only?: readonly string[],
): Promise<ExternalReference[]> {
  const files: string[] = [];
  if (only) for (const file of only) if (TEXT_FILES.has(extname(file))) files.push(file);
  if (!only)
    for await (const file of walk(root)) if (TEXT_FILES.has(extname(file))) files.push(file);
  const found = await mapTexts(root, files, (file, text) => {
    visit?.(file, text);
    return (MARKUP.has(extname(file)) ? markupReferences : externalReferences)(text, file);
  });
  return found.flat();
}
