// The fields a rule's `when` can test, per ledger (SPEC §3 "Events"), with the values each takes.
import { CHANNELS, FORMS, LEVELS, SATISFACTIONS } from "./common.ts";
import type { LedgerKind } from "./common.ts";
import { PETITION_FLAGS } from "./ledger.ts";

export type FieldType =
  | { kind: "text" }
  | { kind: "number" }
  | { kind: "boolean" }
  | { kind: "enum"; values: readonly string[] };

const text = { kind: "text" } as const;
const bool = { kind: "boolean" } as const;
const num = { kind: "number" } as const;
const oneOf = (values: readonly string[]): FieldType => ({ kind: "enum", values });

export const EVENT_FIELDS: Record<LedgerKind, Record<string, FieldType>> = {
  petition: {
    id: text,
    date: text,
    unit: text,
    level: oneOf(LEVELS),
    form: oneOf(FORMS),
    headcount: num,
    channel: oneOf(CHANNELS),
    category: text,
    issue: text,
    summary: text,
    ...Object.fromEntries(PETITION_FLAGS.map((f) => [f, bool])),
    accepted: text,
    due: text,
    closed: text,
    resolved: bool,
    satisfaction: oneOf(SATISFACTIONS),
  },
  meeting: {
    id: text,
    date: text,
    unit: text,
    meeting: text,
    title: text,
    status: oneOf(["absent", "leave"]),
  },
  "weekly-report": {
    id: text,
    date: text,
    unit: text,
    week: text,
    on_time: bool,
  },
};
