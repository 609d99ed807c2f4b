// publish: a content folder → everything a build outputs (documents, scores, rules, pages), or
// the diagnostics that stop the build. Writes nothing.
import { hasErrors, sortDiagnostics } from "../diagnostics/diagnostic.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import {
  coverageWarnings,
  figureWarnings,
  loadContent,
  scoreAllYears,
  statistics,
} from "../index.ts";
import { renderDocuments } from "../render/index.ts";
import { loadTemplates } from "../render/templates.ts";
import type { HeldBack, Publication } from "./types.ts";

export interface PublishResult {
  publication: Publication | null;
  diagnostics: Diagnostic[];
  texts: Map<string, string>;
}

export interface PublishOptions {
  /** Render only this document (the others are skipped before their templates run). */
  only?: string;
}

export async function publish(dir: string, options: PublishOptions = {}): Promise<PublishResult> {
  const loaded = await loadContent(dir);
  const scores = loaded.content ? scoreAllYears(loaded.content) : [];
  const diagnostics = sortDiagnostics([
    ...loaded.diagnostics,
    ...coverageWarnings(
      loaded,
      scores.map((s) => s.sheet),
    ),
    ...figureWarnings(loaded),
  ]);
  if (!loaded.content || hasErrors(diagnostics))
    return { publication: null, diagnostics, texts: loaded.texts };
  const content = loaded.content;
  const only = options.only;
  const all = renderDocuments(
    content,
    scores,
    await loadTemplates(),
    (from, to, previous) => statistics(content, { from, to, previous }),
    only === undefined ? undefined : (id) => id === only,
  );
  const heldBack: HeldBack[] = all
    .filter((d) => d.doc.meta.secret)
    .map((d) => ({
      id: d.doc.meta.id,
      title: d.doc.meta.title,
      secret: `${d.doc.meta.secret?.level}${d.doc.meta.secret?.term ? `★${d.doc.meta.secret.term}` : ""}`,
      source: d.doc.meta.id,
    }));
  const publication: Publication = {
    office: content.office,
    leadership: content.leadership,
    units: content.units,
    years: scores.map((s) => s.year),
    documents: all.filter((d) => !d.doc.meta.secret),
    heldBack,
    scores,
    rules: [...content.rules.values()]
      .sort((a, b) => a.year - b.year)
      .map((r) => ({ year: r.year, file: r.file, rules: r.rules })),
    pages: content.pages,
  };
  return { publication, diagnostics, texts: loaded.texts };
}
