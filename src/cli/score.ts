// `xinfang score --year Y [--as-of D] [--unit ID|NAME] [--json] [--strict]`.
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { scoreSheetJson } from "../compute/scoring/json.ts";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import { scoreContent } from "../index.ts";
import { displayPrefix } from "./check.ts";
import { formatProblems, summarise } from "./format-diagnostics.ts";
import { EXIT_CONTENT, EXIT_OK, UsageError } from "./io.ts";
import type { Io } from "./io.ts";
import { contentDir, parseAsOf, parseYear, resolveUnit } from "./options.ts";
import { scoreText, unitDetailText } from "./score-text.ts";

async function latestRulesYear(dir: string): Promise<number> {
  const names = await readdir(join(dir, "rules")).catch(() => [] as string[]);
  const years = names
    .map((n) => /^(\d{4})\.yaml$/.exec(n)?.[1])
    .filter((y): y is string => y !== undefined)
    .map(Number);
  if (years.length === 0)
    throw new UsageError("内容目录中没有考评细则（rules/<年度>.yaml），无法计算得分。");
  return Math.max(...years);
}

export async function runScore(values: Record<string, unknown>, io: Io): Promise<number> {
  const dir = await contentDir(values, io);
  const year = parseYear(values.year) ?? (await latestRulesYear(dir));
  const asOf = parseAsOf(values["as-of"], year);
  const strict = values.strict === true;
  const loaded = await scoreContent(dir, asOf === undefined ? { year } : { year, asOf });
  const prefix = displayPrefix(dir, io.cwd);
  const { content, sheet, problems } = loaded;
  io.stderr.write(formatProblems(problems, { prefix, texts: loaded.texts, strict }));
  if (!content || !sheet || hasErrors(problems) || (strict && problems.length > 0)) {
    io.stderr.write(`${summarise(problems, strict)}\n未计算得分。\n`);
    return EXIT_CONTENT;
  }
  const unit =
    typeof values.unit === "string" ? resolveUnit(content.units, values.unit) : undefined;
  if (values.json === true) {
    io.stdout.write(`${JSON.stringify(scoreSheetJson(sheet, unit))}\n`);
  } else if (unit !== undefined) {
    io.stdout.write(unitDetailText(sheet, unit));
  } else {
    io.stdout.write(scoreText(sheet));
  }
  if (problems.length > 0) io.stderr.write(`${summarise(problems)}\n`);
  return EXIT_OK;
}
