// The contract with content authors: one zod schema per content file kind.
export * from "./common.ts";
export * from "./documents.ts";
export * from "./ledger.ts";
export * from "./office.ts";
export * from "./rules.ts";
export * from "./units.ts";

import { documentSchemas } from "./documents.ts";
import { ledgerSchemas } from "./ledger.ts";
import { leadershipSchema, officeSchema } from "./office.ts";
import { rulesSchema } from "./rules.ts";
import { unitsFileSchema } from "./units.ts";

/** Schema name (also the JSON Schema file name) → zod schema. */
export const fileSchemas = {
  office: officeSchema,
  leadership: leadershipSchema,
  units: unitsFileSchema,
  rules: rulesSchema,
  // made on first use (ledger.ts, documents.ts)
  get petitions() {
    return ledgerSchemas().petitionsFile;
  },
  get meetings() {
    return ledgerSchemas().meetingsFile;
  },
  get "weekly-reports"() {
    return ledgerSchemas().weeklyReportsFile;
  },
  get mediation() {
    return ledgerSchemas().mediationFile;
  },
  get receptions() {
    return ledgerSchemas().receptionsFile;
  },
  get plan() {
    return documentSchemas().plan;
  },
  get agreement() {
    return documentSchemas().agreement;
  },
  get notice() {
    return documentSchemas().notice;
  },
  get report() {
    return documentSchemas().report;
  },
} as const;

export type FileSchemaName = keyof typeof fileSchemas;
export * from "./events.ts";
