// `xinfang check [--strict]`: every problem in every file, in one run.
import { relative, resolve } from "node:path";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import { checkContent } from "../index.ts";
import { formatDiagnostic, summarise } from "./format-diagnostics.ts";
import { EXIT_CONTENT, EXIT_OK } from "./io.ts";
import type { Io } from "./io.ts";
import { contentDir } from "./options.ts";

export async function runCheck(values: Record<string, unknown>, io: Io): Promise<number> {
  const dir = await contentDir(values, io);
  const loaded = await checkContent(dir);
  const diagnostics = loaded.problems;
  const strict = values.strict === true;
  const prefix = displayPrefix(dir, io.cwd);
  for (const d of diagnostics)
    io.stdout.write(`${formatDiagnostic(d, { prefix, texts: loaded.texts, strict })}\n\n`);
  const counted = [...loaded.texts.keys()].length;
  io.stdout.write(`已检查 ${counted} 个文件。${summarise(diagnostics, strict)}\n`);
  return hasErrors(diagnostics) || (strict && diagnostics.length > 0) ? EXIT_CONTENT : EXIT_OK;
}

/** How to print the content folder in front of file paths: relative to where the user is. */
export function displayPrefix(dir: string, cwd: string): string {
  const rel = relative(cwd, resolve(cwd, dir)).replaceAll("\\", "/");
  if (rel === "") return "";
  return rel.startsWith("..") ? `${resolve(cwd, dir).replaceAll("\\", "/")}/` : `${rel}/`;
}
