// The rules file in Chinese for the rules page: conditions as words, the petition table with the
// cells that vetoes cover. Reads rules; computes nothing that scoring does not already decide.
import type { Rules, When } from "../../../schemas/index.ts";
import { FORMS, LEVELS, cellVetoes } from "../../../schemas/index.ts";
import type { Form, Level } from "../../../schemas/index.ts";
import { PETITION_COLUMNS } from "../../load/ledger-columns.ts";

const FIELD_NAMES: Record<string, string> = {
  ...Object.fromEntries(PETITION_COLUMNS.map((c) => [c.key, c.headers[0] ?? c.key])),
  status: "出勤",
  on_time: "按时报送",
  week: "周次",
  meeting: "例会",
  title: "例会名称",
  min_level: "去向不低于",
};

const VALUE_NAMES: Record<string, Record<string, string>> = {
  status: { absent: "缺席", leave: "请假" },
};

function valueText(field: string, value: unknown): string {
  if (typeof value === "boolean") return value ? "是" : "否";
  const s = String(value);
  return VALUE_NAMES[field]?.[s] ?? s;
}

/** `去向：市；形式：集访或重访；处理不公：是`. */
export function whenText(when: When | undefined): string {
  if (!when || Object.keys(when).length === 0) return "所有记录";
  return Object.entries(when)
    .map(([field, value]) => {
      const values = Array.isArray(value) ? value : [value];
      return `${FIELD_NAMES[field] ?? field}：${values.map((v) => valueText(field, v)).join("或")}`;
    })
    .join("；");
}

/** A cell's points (null when the table leaves it unset) and whether a veto covers it. */
export interface CellView {
  points: number | null;
  veto: boolean;
}

/** The petition table of an item, with veto cells marked and unset cells named. */
export function petitionTableView(
  rules: Rules,
  table: NonNullable<Rules["items"][number]["table"]>,
): { levels: readonly Level[]; forms: readonly Form[]; cell(level: Level, form: Form): CellView } {
  return {
    levels: LEVELS,
    forms: FORMS,
    cell(level, form) {
      const veto = cellVetoes(rules, level, form).length > 0;
      return { points: table[level]?.[form] ?? null, veto };
    },
  };
}
