// Makes the example's score workbooks (as the build does) and a statistics workbook, then prints
// how many of exceljs's modules were loaded: run by writer.test.ts, which expects none.
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { scoreContent, statistics } from "../../../src/index.ts";
import { scoreWorkbooks, statsWorkbook } from "../../../src/xlsx/index.ts";

const CONTENT = fileURLToPath(new URL("../../../content/", import.meta.url));
const r = await scoreContent(CONTENT, { year: 2025 });
const rules = r.content?.rules.get(2025)?.rules;
if (!r.content || !r.sheet || !rules) throw new Error("example does not score");
const maker = { creator: "青禾镇人民政府" };
const books = [
  ...(await scoreWorkbooks(r.sheet, rules, maker)).map((b) => b.bytes),
  await statsWorkbook(statistics(r.content, { from: "2025-01-01", to: "2025-12-31" }), maker),
];
// exceljs is CommonJS: whatever of it is loaded, even through import, is in the require cache
const loaded = Object.keys(createRequire(import.meta.url).cache).filter((k) =>
  /[\\/]node_modules[\\/]exceljs[\\/]/.test(k),
);
process.stdout.write(`workbooks ${books.length}, exceljs modules ${loaded.length}\n`);
