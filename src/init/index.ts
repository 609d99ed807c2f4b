// init: a year → the files of a new office's content folder (path → text), ready to fill in.
// Takes only the year; gives plain data (relative paths with `/`, UTF-8 text) for the caller to
// write. Must not read the clock, the file system or the example content: the same year gives
// the same bytes. Each YAML file's first line points editors at a JSON Schema copied into the
// folder (`.schemas/`), so the folder works wherever it is moved.
import { RULES_YEAR_MAX, RULES_YEAR_MIN, fileSchemas } from "../../schemas/index.ts";
import type { FileSchemaName } from "../../schemas/index.ts";
import { jsonSchemaText } from "../../schemas/generate.ts";
import { defaultRulesText } from "./rules-text.ts";
import {
  LEDGER_COMMENTS,
  agreementText,
  ledgerText,
  leadershipText,
  noticeText,
  officeText,
  planText,
  reportText,
  unitsText,
} from "./skeletons.ts";

export { defaultRulesText, nationalDayWeek } from "./rules-text.ts";
export { EXAMPLE_UNIT_NAMES } from "./skeletons.ts";

/** One file of the new folder. */
export interface NewFile {
  /** Relative to the content folder, `/`-separated. */
  path: string;
  data: string | Uint8Array;
}

/** Where the JSON Schemas go inside the new folder. */
export const SCHEMA_DIR = ".schemas";

/** The editor line pointing the file at `path` to the schema `name`, relative to the file. */
export function schemaLine(path: string, name: FileSchemaName): string {
  const depth = path.split("/").length - 1;
  return `# yaml-language-server: $schema=${"../".repeat(depth)}${SCHEMA_DIR}/${name}.json`;
}

/** Years `init` accepts: those a rules file may cover. */
export const INIT_YEARS = { min: RULES_YEAR_MIN, max: RULES_YEAR_MAX };

export function isInitYear(year: number): boolean {
  return Number.isInteger(year) && year >= INIT_YEARS.min && year <= INIT_YEARS.max;
}

/** Every file of a new content folder for `year`, in a fixed order. */
export function newContentFiles(year: number): NewFile[] {
  if (!isInitYear(year))
    throw new Error(`year outside ${INIT_YEARS.min}–${INIT_YEARS.max}: ${year}`);
  const files: NewFile[] = [];
  const yaml = (path: string, name: FileSchemaName, text: (line: string) => string) =>
    files.push({ path, data: text(schemaLine(path, name)) });

  yaml("office.yaml", "office", officeText);
  yaml("units.yaml", "units", unitsText);
  yaml("leadership.yaml", "leadership", leadershipText);
  yaml(`rules/${year}.yaml`, "rules", (l) => defaultRulesText(year, l));
  for (const [name, { key, comment }] of Object.entries(LEDGER_COMMENTS))
    yaml(`ledger/${year}/${name}.yaml`, name as FileSchemaName, (l) =>
      ledgerText(l, key, comment(year)),
    );
  yaml(`plans/${year}-annual.yaml`, "plan", (l) => planText(l, year));
  yaml(`agreements/${year}.yaml`, "agreement", (l) => agreementText(l, year));
  yaml(`notices/${year}.yaml`, "notice", (l) => noticeText(l, year));
  yaml(`reports/${year}-annual.yaml`, "report", (l) => reportText(l, year));
  for (const name of Object.keys(fileSchemas) as FileSchemaName[])
    files.push({ path: `${SCHEMA_DIR}/${name}.json`, data: jsonSchemaText(name) });
  return files;
}
