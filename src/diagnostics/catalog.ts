// Every diagnostic the system can report: a permanent code, what happened, and what to do.
// Codes never change meaning; test/diagnostics checks that each one has a fixture.
//
// The catalog owns every word: the place that finds a problem passes facts (`params`, typed per
// code), and the code's entry turns them into the message and chooses the hint. The entries live
// in codes/, one module per family.
import type { Diagnostic, SourcePosition } from "./diagnostic.ts";
import { contentCodes } from "./codes/content.ts";
import type { Entry } from "./codes/entry.ts";
import { fileCodes } from "./codes/files.ts";
import { pageCodes } from "./codes/pages.ts";
import { pdfCodes } from "./codes/pdf.ts";
import { schemaCodes } from "./codes/schema.ts";
import { xlsxCodes } from "./codes/xlsx.ts";

export type { FieldKind } from "./codes/schema.ts";

const catalog = {
  ...fileCodes,
  ...schemaCodes,
  ...contentCodes,
  ...pageCodes,
  ...pdfCodes,
  ...xlsxCodes,
} satisfies Record<string, Entry<never>>;

type Catalog = typeof catalog;

export type DiagnosticCode = keyof Catalog;

/** The facts a code's message is made of. */
export type ParamsOf<C extends DiagnosticCode> = Catalog[C] extends Entry<infer P> ? P : never;

export const diagnosticCodes = Object.keys(catalog) as DiagnosticCode[];

/** Where a diagnostic stands, and the facts of its code (optional for codes that take none). */
export type DiagnosticArgs<C extends DiagnosticCode> = {
  position: SourcePosition | null;
  /** Dotted path to the offending field; empty for the whole file. */
  path: string;
} & (Record<never, never> extends ParamsOf<C> ? { params?: ParamsOf<C> } : { params: ParamsOf<C> });

const entryOf = (code: DiagnosticCode) => catalog[code] as unknown as Entry<unknown>;

/** The message of `code` for these facts, as a diagnostic standing at `here` would say it. */
export function diagnosticMessage<C extends DiagnosticCode>(
  code: C,
  params: ParamsOf<C>,
  here: SourcePosition | null = null,
): string {
  return entryOf(code).message(params, here);
}

export function makeDiagnostic<C extends DiagnosticCode>(
  code: C,
  args: DiagnosticArgs<C>,
): Diagnostic {
  const entry = entryOf(code);
  const params: unknown = args.params ?? {};
  const hint = typeof entry.hint === "string" ? entry.hint : entry.hint(params);
  const related = entry.related?.at(params);
  return {
    code,
    severity: entry.severity,
    path: args.path,
    message: entry.message(params, args.position),
    hint,
    position: args.position,
    ...(related ? { related: { position: related, note: entry.related?.note ?? "" } } : {}),
  };
}
