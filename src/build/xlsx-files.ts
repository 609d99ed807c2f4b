// The workbooks of a build, under `xlsx/`: for each scored year 2025年度考评得分汇总.xlsx,
// 2025年度扣分明细.xlsx and 2025年度经济处理.xlsx (three files, so that payroll receives only its
// sheet), and for each reported period its statistics tables (2025年信访工作统计表.xlsx,
// 2025年1月1日至2025年6月30日信访工作统计表.xlsx). The xlsx output makes the bytes.
import type { Publication } from "../site/input.ts";
import {
  SCORE_WORKBOOKS,
  scoreWorkbooks,
  sheetTitle,
  statsTitle,
  statsWorkbook,
} from "../xlsx/index.ts";
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

/** Where a workbook goes in the output. */
const xlsxFile = (title: string) => `xlsx/${title}.xlsx`;

/** One workbook to be made: what it is, and how its bytes are made. */
interface WorkbookPlan extends WrittenWorkbook {
  make(): Promise<Uint8Array>;
}

/** The workbooks of the publication, in order (their titles are known before they are made). */
function workbookPlans(publication: Publication): WorkbookPlan[] {
  const maker = { creator: publication.office?.name ?? "" };
  const out: WorkbookPlan[] = [];
  for (const ys of publication.scores) {
    const rules = publication.rules.find((r) => r.year === ys.year);
    if (!rules) continue;
    // the three workbooks are made together (they share their tables' columns)
    let books: ReturnType<typeof scoreWorkbooks> | undefined;
    SCORE_WORKBOOKS.forEach((kind, k) => {
      const title = sheetTitle(ys.sheet, kind);
      out.push({
        file: xlsxFile(title),
        title,
        kind,
        year: ys.year,
        make: async () => {
          books ??= scoreWorkbooks(ys.sheet, rules.rules, maker);
          return ((await books)[k] as { bytes: Uint8Array }).bytes;
        },
      });
    });
  }
  for (const s of publication.statistics) {
    const title = statsTitle(s);
    out.push({
      file: xlsxFile(title),
      title,
      kind: "statistics",
      year: Number(s.to.slice(0, 4)),
      make: () => statsWorkbook(s, maker),
    });
  }
  return out;
}

/** Makes every workbook of the publication, handing each to `emit`. */
export async function makeWorkbooks(
  publication: Publication,
  emit: Emit,
): Promise<WrittenWorkbook[]> {
  const out: WrittenWorkbook[] = [];
  for (const { make, ...book } of workbookPlans(publication)) {
    await emit(book.file, await make());
    out.push(book);
  }
  return out;
}

/** The workbook step of `xinfang build`: every workbook under `dir`, one progress line. */
export function xlsxStage(): OutputStage {
  return {
    name: "工作簿",
    files: (publication) => workbookPlans(publication).map((b) => b.file),
    async run(publication, dir, progress) {
      const books = await makeWorkbooks(publication, emitInto(dir));
      progress(`  工作簿：${books.length} 个（考评得分汇总、扣分明细、经济处理、统计表）。`);
    },
  };
}
