// rules/<year>.yaml: the 考评细则 — every point value, condition, reward and sanction is data here.
import { z } from "zod";
import {
  FORMS,
  LEDGERS,
  LEVELS,
  described,
  levelSchema,
  optionalText,
  text,
  timeSchema,
  weekSchema,
} from "./common.ts";
import type { Form, Level } from "./common.ts";

const scalar = z.union([z.string(), z.number(), z.boolean()], {
  error: "应为文字、数字或 true/false",
});

export const whenSchema = z
  .record(z.string(), z.union([scalar, z.array(scalar)], { error: "应为一个取值或取值列表" }))
  .describe("条件：字段 → 取值（或取值列表，满足其一即可）；所有字段都满足时条件成立");

export const ruleIdSchema = z
  .string({ error: "应为编号" })
  .regex(/^[A-Za-z0-9_-]+$/, { error: "编号只能由字母、数字、连字符和下划线组成" });

const ruleId = (description: string) => ruleIdSchema.describe(description);

const points = z.number({ error: "分值应为数字" }).describe("分值：扣分为负数，加分为正数");

/** A short name for a rule, printed where a sentence names the case (请假, 赴县个访, 上级催办). */
const label = (example: string) =>
  optionalText(
    `简称，用于通报和得分表中称呼这一情形，例如 ${example}；不填时取条款原文去掉“的”和括注`,
  );

export const petitionTableSchema = z
  .partialRecord(
    z.enum(LEVELS, { error: `去向应为 ${LEVELS.join("、")} 之一` }),
    z.partialRecord(z.enum(FORMS, { error: `形式应为 ${FORMS.join("、")} 之一` }), points),
  )
  .describe(
    "信访分值表：去向 → 形式 → 分值；未填写的格按 unset_cells 处理（默认不扣分，考评办法中写明）",
  );

export const modifierSchema = z
  .object({
    id: ruleId("系数编号"),
    clause: text("条款原文，用于生成工作方案和责任书中的考评办法"),
    label: label("提前报送"),
    when: whenSchema,
    factor: z
      .number({ error: "系数应为数字" })
      .positive({ error: "系数必须大于 0" })
      .describe("系数：条件成立时分值乘以该数（减半为 0.5）；多个系数相乘"),
  })
  .describe("分值系数");

export const itemSchema = z
  .object({
    id: ruleId("考评项目编号"),
    clause: text("条款原文，用于生成工作方案和责任书中的考评办法"),
    label: label("请假"),
    ledger: z
      .enum(LEDGERS, { error: `台账应为 ${LEDGERS.join("、")} 之一` })
      .describe("适用的台账：petition 信访事项、meeting 例会、weekly-report 周报"),
    when: whenSchema.optional(),
    points: points.optional(),
    table: petitionTableSchema.optional(),
    modifiers: z.array(modifierSchema).default([]).describe("分值系数"),
    free: z
      .number({ error: "应为整数" })
      .int({ error: "应为整数" })
      .min(0, { error: "不能为负数" })
      .default(0)
      .describe("每个村（社区）在考评期内前 N 次不扣分（按日期、台账顺序）"),
  })
  .describe("考评项目");

export const vetoSchema = z
  .object({
    id: ruleId("否决条件编号"),
    clause: text("条款原文"),
    label: label("进京上访"),
    ledger: z
      .enum(LEDGERS, { error: `台账应为 ${LEDGERS.join("、")} 之一` })
      .default("petition")
      .describe("适用的台账"),
    when: whenSchema,
  })
  .describe("一票否决条件");

const months = described(() =>
  z
    .number({ error: "应为月数" })
    .int({ error: "月数应为整数" })
    .min(0, { error: "月数不能为负数" })
    .max(12, { error: "月数最多为 12" }),
);

/** The years a rules file may cover. */
export const RULES_YEAR_MIN = 2000;
export const RULES_YEAR_MAX = 2100;

export const rulesSchema = z
  .object({
    year: z
      .number({ error: "应为年份" })
      .int()
      .min(RULES_YEAR_MIN, { error: "年份不正确" })
      .max(RULES_YEAR_MAX, { error: "年份不正确" })
      .describe("考评年度"),
    title: optionalText("细则标题，例如 2025年度村（社区）信访工作考评细则"),
    base: z.number({ error: "基础分应为数字" }).default(100).describe("基础分"),
    collective_threshold: z
      .number({ error: "应为人数" })
      .int({ error: "应为整数" })
      .min(2, { error: "至少为 2 人" })
      .default(5)
      .describe("未填写形式时，人数达到该值按集访计，否则按个访计"),
    unset_cells: z
      .enum(["zero", "refuse"], { error: "应为 zero 或 refuse" })
      .default("zero")
      .describe(
        "信访分值表中未填写、也不属于一票否决的格：zero 不扣分（考评办法中写明这些情形不扣分）；refuse 检查时报错，分值表补全之前不能发布",
      ),
    event_order: z
      .array(z.enum(LEDGERS, { error: `台账应为 ${LEDGERS.join("、")} 之一` }))
      .length(3, { error: "应依次列出 petition、meeting、weekly-report 三个台账" })
      .refine((l) => new Set(l).size === 3, {
        error: "三个台账各列一次",
        params: { code: "schema/value" },
      })
      .default(["petition", "meeting", "weekly-report"])
      .describe(
        "同一天的不同台账事件的先后（SPEC 未规定，默认 信访事项、例会、周报）：决定扣分明细的排列",
      ),
    weekly_report: z
      .object({
        deadline: z
          .object({
            weekday: z
              .number({ error: "应为 1–7" })
              .int({ error: "应为 1–7" })
              .min(1, { error: "应为 1–7（1 为周一，7 为周日）" })
              .max(7, { error: "应为 1–7（1 为周一，7 为周日）" })
              .default(5)
              .describe("截止日：1 为周一 … 7 为周日"),
            time: timeSchema.default("17:00"),
          })
          .default({ weekday: 5, time: "17:00" })
          .describe("每周报送截止时间（北京时间）；恰在截止时刻报送算按时"),
        exempt_weeks: z.array(weekSchema).default([]).describe("免报的周次（如国庆长假）"),
      })
      .default({ deadline: { weekday: 5, time: "17:00" }, exempt_weeks: [] })
      .describe("周排查报告 / 零报告"),
    items: z.array(itemSchema).default([]).describe("考评项目（扣分、加分）"),
    vetoes: z.array(vetoSchema).default([]).describe("一票否决条件"),
    rewards: z
      .object({
        rank: z
          .array(
            z
              .number({ error: "应为金额" })
              .int({ error: "应为整数（元）" })
              .min(0, { error: "不能为负数" }),
          )
          .default([])
          .describe("名次奖励（元）：第 1 名、第 2 名……；并列者各得其名次的奖励"),
        clean_record: z
          .array(
            z
              .object({
                clause: text("条款原文"),
                none_at_or_above: levelSchema.describe("全年未发生该层级及以上信访"),
                amount: z
                  .number({ error: "应为金额" })
                  .int({ error: "应为整数（元）" })
                  .min(0, { error: "不能为负数" })
                  .describe("奖励金额（元）"),
              })
              .describe("无信访奖励档次"),
          )
          .default([])
          .describe("无信访奖励，按顺序取第一个符合的档次（不累加）"),
        last_place: optionalText("末位村（社区）的处理，例如 在年终总结会上表态发言、作出检查"),
      })
      .default({ rank: [], clean_record: [] })
      .describe("奖励（仅在全年考评时计算）"),
    sanctions: z
      .object({
        warning: z
          .object({ clause: text("条款原文"), label: label("上级催办"), when: whenSchema })
          .optional()
          .describe("警告：每件符合条件的信访一次"),
        yellow_card: z
          .object({
            clause: text("条款原文"),
            label: label("处理不公引发赴市集访"),
            when: whenSchema,
            committee_subsidy_months: months("两委成员扣除村级补贴的月数"),
            liaison_award_months: months("包村领导、包村干部扣除精神文明奖的月数"),
          })
          .optional()
          .describe("黄牌警告：每件符合条件的信访一次"),
        key_management: z
          .object({
            clause: text("条款原文"),
            label: label("赴市集访后重访三次"),
            first: whenSchema.describe("引发重点管理的首次信访的条件"),
            then: whenSchema.describe("其后同一问题的信访的条件；min_level 表示该层级及以上"),
            count: z
              .number({ error: "应为次数" })
              .int({ error: "应为整数" })
              .min(1, { error: "至少为 1" })
              .default(3)
              .describe("其后信访达到的次数"),
            months: months("重点管理的月数（整月）").default(3),
            appraisal: text("包村领导、包村干部年终考核等次").default("三等"),
          })
          .optional()
          .describe("重点管理"),
        veto: z
          .object({
            committee_subsidy_months: months("两委成员扣除村级补贴的月数").default(12),
            committee_star_pay: z
              .boolean({ error: "应为 true 或 false" })
              .default(true)
              .describe("是否扣除两委成员年星级评定工资"),
            liaison_award_months: months("包村领导、包村干部扣除精神文明奖的月数").default(12),
          })
          .optional()
          .describe("一票否决的处理"),
      })
      .default({})
      .describe("处理"),
  })
  .describe("考评细则 rules/<年度>.yaml");

export type Rules = z.infer<typeof rulesSchema>;
export type RuleItem = z.infer<typeof itemSchema>;
export type VetoRule = z.infer<typeof vetoSchema>;
export type When = z.infer<typeof whenSchema>;
export type PetitionTable = z.infer<typeof petitionTableSchema>;

/**
 * A rule's short name: its `label`, else its clause without a closing note in （）, what leads up
 * to 遇, a leading 发生 and the closing 的 — `请假的（第一次不扣分）` → `请假`,
 * `县级以上信访遇上级催办通报的` → `上级催办通报`, `发生进京上访的` → `进京上访`.
 */
export function labelOf(rule: { label?: string | undefined; clause: string }): string {
  if (rule.label) return rule.label;
  const stem = rule.clause
    .replace(/的$/, "")
    .replace(/（[^（）]*）$/, "")
    .replace(/的$/, "")
    .replace(/^[^，、；]*?遇到?|^发生/, "");
  return stem || rule.clause;
}

/**
 * True when a `when` tests only the destination and the form (`level`, `min_level`, `form`) and
 * every event of the table cell matches it.
 */
export function whenCoversCell(when: When, level: Level, form: Form): boolean {
  const keys = Object.keys(when);
  if (keys.length === 0 || keys.some((k) => k !== "level" && k !== "form" && k !== "min_level"))
    return false;
  const matches = (field: "level" | "form", value: string) => {
    const v = when[field];
    if (v === undefined) return true;
    return Array.isArray(v) ? v.includes(value) : v === value;
  };
  const min = when.min_level;
  const minRank = typeof min === "string" ? LEVELS.indexOf(min as Level) : -1;
  if (min !== undefined && minRank < 0) return false;
  const atOrAbove = LEVELS.indexOf(level) >= minRank;
  return matches("level", level) && matches("form", form) && atOrAbove;
}

/** The petition vetoes that cover a table cell whatever else the event says. */
export function cellVetoes(rules: Pick<Rules, "vetoes">, level: Level, form: Form): VetoRule[] {
  return rules.vetoes.filter((v) => v.ledger === "petition" && whenCoversCell(v.when, level, form));
}
