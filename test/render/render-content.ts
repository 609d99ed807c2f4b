// Renders every document of a content folder in memory, with optional edits to its files.
import { fileURLToPath } from "node:url";
import { scoreAllYears, statistics } from "../../src/index.ts";
import type { PublishedDocument } from "../../src/render/index.ts";
import { renderDocuments } from "../../src/render/index.ts";
import { loadTemplates } from "../../src/render/templates.ts";
import { validateContent } from "../../src/validate/index.ts";
import { readTree } from "../diagnostics/fixture-runner.ts";

export const CONTENT = fileURLToPath(new URL("../../content/", import.meta.url));

export async function renderContent(
  edit?: (files: Map<string, string>) => void,
): Promise<PublishedDocument[]> {
  const files = readTree(CONTENT);
  edit?.(files);
  const v = validateContent(files);
  if (!v.content)
    throw new Error(
      v.diagnostics
        .filter((d) => d.severity === "error")
        .map((d) => `${d.position?.file}:${d.position?.line} ${d.message}`)
        .join("\n"),
    );
  const content = v.content;
  return renderDocuments(
    content,
    scoreAllYears(content),
    await loadTemplates(),
    (from, to, previous) => statistics(content, { from, to, previous }),
  );
}

export function byId(docs: PublishedDocument[], id: string): PublishedDocument {
  const d = docs.find((x) => x.doc.meta.id === id);
  if (!d) throw new Error(`no document ${id}`);
  return d;
}
