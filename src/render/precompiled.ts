// Templates compiled ahead of time, by name ("plan", "partials/wentou"), with the source each was
// compiled from. Empty here: the command's bundle (bin/cli-bundle.mjs) replaces this module with
// templates/ compiled by Handlebars.precompile when it is made, so a cold `pdf`, `docx` or `check`
// does not parse and compile them (~20 ms). A template is used only while its source is the one
// being rendered (handlebars.ts); any other source is compiled as before.
/** How every template is compiled: strict (a missing field is an error), no HTML escaping. */
export const COMPILE_OPTIONS = { strict: true, noEscape: true } as const;

export interface Precompiled {
  source: string;
  /** What Handlebars.precompile returns, as an object (its functions included). */
  spec: unknown;
}

export const PRECOMPILED: Readonly<Record<string, Precompiled>> = {};
