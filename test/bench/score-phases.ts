// One benchmark measurement in a fresh process: read, parse, validate and compute `score` for a
// content folder; prints one JSON line with the times (ms) and the peak resident memory (MB).
import { readContentFiles } from "../../src/load/index.ts";
import { parseContent, validateSources } from "../../src/validate/index.ts";
import { score } from "../../src/index.ts";
import { scoreSheetJsonBytes } from "../../src/compute/scoring/json.ts";

const [dir, yearText] = process.argv.slice(2);
if (!dir) throw new Error("usage: score-phases.ts <content-dir> [year]");
const year = Number(yearText ?? 2025);

const t0 = performance.now();
const { texts: files } = await readContentFiles(dir, { year, scoringOnly: true });
const t1 = performance.now();
const sources = parseContent(files);
const t2 = performance.now();
const validated = validateSources(sources, { requireYears: [year] });
const t3 = performance.now();
if (!validated.content)
  throw new Error(
    `invalid content in ${dir}: ${validated.diagnostics.find((d) => d.severity === "error")?.message}`,
  );
const sheet = score(validated.content, { year });
// As `xinfang score --json` makes it: in chunks of bytes, never one string, each chunk written
// over once its bytes are passed on (here: counted).
let jsonBytes = 0;
const json = scoreSheetJsonBytes(sheet);
for (const chunk of json) {
  jsonBytes += chunk.length;
  json.reuse(chunk);
}
const t4 = performance.now();

const ledger = validated.content.ledgers.get(year);
console.log(
  JSON.stringify({
    units: validated.content.units.length,
    petitions: ledger?.petitions.length ?? 0,
    weeklyReports: ledger?.weeklyReports.length ?? 0,
    read: t1 - t0,
    parse: t2 - t1,
    validate: t3 - t2,
    compute: t4 - t3,
    total: t4 - t0,
    jsonBytes,
    peakMB: process.resourceUsage().maxRSS / 1024,
  }),
);
