// `xinfang score --year Y [--as-of D] [--unit ID|NAME] [--json] [--strict] [--xlsx FILE] [--csv FILE]`.
// --xlsx writes one workbook of three sheets (考评得分汇总, 扣分明细, 经济处理) and --csv the
// 扣分明细 as CSV (UTF-8 with BOM), both for every unit, whatever --unit says.
import { readdir } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { scoreSheetJsonBytes } from "../compute/scoring/json.ts";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import { scoreContent } from "../index.ts";
import { displayPrefix } from "./check.ts";
import { formatProblems, summarise } from "./format-diagnostics.ts";
import { EXIT_CONTENT, EXIT_OK, UsageError, writeBytes } from "./io.ts";
import type { Io } from "./io.ts";
import { contentDir, parseAsOf, parseYear, resolveUnit } from "./options.ts";
import { checkOutFile, writeOutFile } from "./out-file.ts";
import { scoreText, unitDetailText } from "./score-text.ts";

/** The files --xlsx and --csv ask for, checked before anything is computed. */
async function outFiles(values: Record<string, unknown>, io: Io, dir: string) {
  const file = (option: "xlsx" | "csv") => {
    const v = values[option];
    return typeof v === "string" ? resolve(io.cwd, v) : undefined;
  };
  const xlsx = file("xlsx");
  const csv = file("csv");
  if (xlsx) await checkOutFile(xlsx, dir, "--xlsx", "工作簿");
  if (csv) await checkOutFile(csv, dir, "--csv", " CSV 文件");
  return { xlsx, csv };
}

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
  const files = await outFiles(values, io, dir);
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
    // As UTF-8 in chunks of some 64 KB: a province's year is never one string nor one buffer.
    // A chunk the stream kept nothing of is written over by the next ones.
    const json = scoreSheetJsonBytes(sheet, unit);
    for (const chunk of json) {
      const { more, free } = writeBytes(io.stdout, chunk);
      if (free) json.reuse(chunk);
      // A pipe read slower than this writes would otherwise hold the whole JSON in memory.
      if (!more && io.stdout.drained) await io.stdout.drained();
    }
    io.stdout.write("\n");
  } else if (unit !== undefined) {
    io.stdout.write(unitDetailText(sheet, unit));
  } else {
    io.stdout.write(scoreText(sheet));
  }
  const shown = (file: string) => {
    const rel = relative(io.cwd, file);
    return rel && !rel.startsWith("..") ? rel : file;
  };
  if (files.xlsx) {
    const { scoreWorkbook } = await import("../xlsx/index.ts");
    const rules = content.rules.get(year)?.rules;
    if (!rules) throw new Error(`no rules for ${year}`);
    const bytes = await scoreWorkbook(sheet, rules, { creator: content.office?.name ?? "" });
    await writeOutFile(files.xlsx, bytes, "工作簿");
    io.stderr.write(`已生成 ${shown(files.xlsx)}（考评得分汇总、扣分明细、经济处理）。\n`);
  }
  if (files.csv) {
    const { entriesCsv } = await import("../xlsx/index.ts");
    await writeOutFile(files.csv, new TextEncoder().encode(entriesCsv(sheet)), " CSV 文件");
    io.stderr.write(`已生成 ${shown(files.csv)}（扣分明细，UTF-8 编码）。\n`);
  }
  if (problems.length > 0) io.stderr.write(`${summarise(problems)}\n`);
  return EXIT_OK;
}
