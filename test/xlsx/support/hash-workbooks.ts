// Prints the SHA-256 of the example's score workbook, statistics workbook and ledger template:
// run under different TZ values by determinism.test.ts.
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { scoreContent, statistics } from "../../../src/index.ts";
import { ledgerTemplate, scoreWorkbook, statsWorkbook } from "../../../src/xlsx/index.ts";

const CONTENT = fileURLToPath(new URL("../../../content/", import.meta.url));
const r = await scoreContent(CONTENT, { year: 2025 });
if (!r.content || !r.sheet) throw new Error("example does not score");
const rules = r.content.rules.get(2025)?.rules;
if (!rules) throw new Error("no rules");
const maker = { creator: "青禾镇人民政府" };
const hash = (b: Uint8Array) => createHash("sha256").update(b).digest("hex");
const books = [
  await scoreWorkbook(r.sheet, rules, maker),
  await statsWorkbook(statistics(r.content, { from: "2025-01-01", to: "2025-06-30" }), maker),
  await ledgerTemplate({
    year: 2025,
    creator: maker.creator,
    units: r.content.units.map((u) => u.name),
  }),
];
process.stdout.write(`${books.map(hash).join(" ")}\n`);
