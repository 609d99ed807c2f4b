// `xinfang template --year Y [--out FILE] [--content DIR]`: the ledger template (台账模板.xlsx)
// with the villages of units.yaml in its dropdowns and the categories the ledgers already use.
import { relative, resolve } from "node:path";
import { hasErrors } from "../diagnostics/diagnostic.ts";
import { loadContent } from "../index.ts";
import { ledgerTemplate } from "../xlsx/index.ts";
import { DEFAULT_CATEGORIES } from "../xlsx/template.ts";
import { displayPrefix } from "./check.ts";
import { formatProblems, summarise } from "./format-diagnostics.ts";
import { EXIT_CONTENT, EXIT_OK, UsageError } from "./io.ts";
import type { Io } from "./io.ts";
import { contentDir, parseYear } from "./options.ts";
import { checkOutFile, writeOutFile } from "./out-file.ts";

export async function runTemplate(values: Record<string, unknown>, io: Io): Promise<number> {
  const dir = await contentDir(values, io);
  const year = parseYear(values.year);
  if (year === undefined) throw new UsageError("请用 --year 指定台账年度，例如 --year 2025");
  const out = resolve(io.cwd, typeof values.out === "string" ? values.out : "台账模板.xlsx");
  await checkOutFile(out, dir, "--out", "台账模板");
  const loaded = await loadContent(dir);
  const { content } = loaded;
  const problems = loaded.diagnostics;
  if (!content || hasErrors(problems)) {
    const prefix = displayPrefix(dir, io.cwd);
    io.stderr.write(formatProblems(problems, { prefix, texts: loaded.texts }));
    io.stderr.write(`${summarise(problems)}\n未生成台账模板。\n`);
    return EXIT_CONTENT;
  }
  // The categories of the office's ledgers, most used first, then the usual ones.
  const used = new Map<string, number>();
  for (const ledger of content.ledgers.values())
    for (const p of ledger.petitions)
      if (p.category) used.set(p.category, (used.get(p.category) ?? 0) + 1);
  const categories = [
    ...[...used].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([c]) => c),
    ...DEFAULT_CATEGORIES.filter((c) => !used.has(c)),
  ];
  const bytes = await ledgerTemplate({
    year,
    creator: content.office?.name ?? "",
    units: content.units.map((u) => u.name),
    categories,
  });
  await writeOutFile(out, bytes, "台账模板");
  io.stderr.write(
    `已生成 ${relative(io.cwd, out) || out}（${year}年度：信访事项、例会、周排查报告，附填写说明）。\n`,
  );
  return EXIT_OK;
}
