// The workbooks of a build, under `xlsx/`: for each scored year 2025年度考评得分汇总.xlsx,
// 2025年度扣分明细.xlsx and 2025年度经济处理.xlsx (three files, so that payroll receives only its
// sheet), and for each reported period its statistics tables (2025年信访工作统计表.xlsx,
// 2025年1月1日至2025年6月30日信访工作统计表.xlsx). The xlsx output makes the bytes.
import type { Publication } from "../site/input.ts";
import { scoreWorkbooks, statsTitle, statsWorkbook } from "../xlsx/index.ts";
import type { OutputStage } from "./index.ts";
import { emitInto } from "./pdf-files.ts";
import type { Emit } from "./pdf-files.ts";

export interface WrittenWorkbook {
  /** Path relative to the output folder: xlsx/<title>.xlsx. */
  file: string;
  title: string;
  kind: "summary" | "entries" | "losses" | "statistics";
  year: number;
}

/** Makes every workbook of the publication, handing each to `emit`. */
export async function makeWorkbooks(
  publication: Publication,
  emit: Emit,
): Promise<WrittenWorkbook[]> {
  const maker = { creator: publication.office?.name ?? "" };
  const out: WrittenWorkbook[] = [];
  for (const ys of publication.scores) {
    const rules = publication.rules.find((r) => r.year === ys.year);
    if (!rules) continue;
    const kinds = ["summary", "entries", "losses"] as const;
    const books = await scoreWorkbooks(ys.sheet, rules.rules, maker);
    for (const [k, book] of books.entries()) {
      const file = `xlsx/${book.title}.xlsx`;
      await emit(file, book.bytes);
      out.push({
        file,
        title: book.title,
        kind: kinds[k] as WrittenWorkbook["kind"],
        year: ys.year,
      });
    }
  }
  for (const s of publication.statistics) {
    const title = statsTitle(s);
    const file = `xlsx/${title}.xlsx`;
    await emit(file, await statsWorkbook(s, maker));
    out.push({ file, title, kind: "statistics", year: Number(s.to.slice(0, 4)) });
  }
  return out;
}

/** The workbook step of `xinfang build`: every workbook under `dir`, one progress line. */
export function xlsxStage(): OutputStage {
  return {
    name: "工作簿",
    async run(publication, dir, progress) {
      const books = await makeWorkbooks(publication, emitInto(dir));
      progress(`  工作簿：${books.length} 个（考评得分汇总、扣分明细、经济处理、统计表）。`);
    },
  };
}
