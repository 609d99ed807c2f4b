// publish: a content folder → everything a build outputs (documents, scores, rules, pages), or
// the diagnostics that stop the build. Writes nothing.
import { hasErrors } from "../diagnostics/diagnostic.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { checkContent } from "../index.ts";
import type { HeldBack, Publication } from "../site/input.ts";

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
  const checked = await checkContent(dir, options.only === undefined ? {} : { only: options.only });
  const { content, problems: diagnostics, scores, texts } = checked;
  if (!content || hasErrors(diagnostics)) return { publication: null, diagnostics, texts };
  const all = checked.documents;
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
  return { publication, diagnostics, texts };
}
