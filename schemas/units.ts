// units.yaml: the villages and communities (村/社区) that are scored, with their roster.
import { z } from "zod";
import { optionalText, text, unitIdSchema, yuan } from "./common.ts";

export const committeeMemberSchema = z
  .object({
    name: text("姓名（在本村/社区内唯一）"),
    role: optionalText("职务，例如 书记、主任、委员"),
    monthly_subsidy: yuan("月村级补贴（元）").default(0),
    star_pay: yuan("年星级评定工资（元）").default(0),
  })
  .describe("两委成员");

export const liaisonSchema = z
  .object({
    name: text("姓名（跨村按姓名识别，同一人在各村的月精神文明奖必须相同）"),
    role: z
      .enum(["包村领导", "包村干部"], { error: "应为 包村领导 或 包村干部" })
      .describe("包村领导 或 包村干部"),
    monthly_award: yuan("月精神文明奖（元）").default(0),
  })
  .describe("包村领导 / 包村干部");

export const unitSchema = z
  .object({
    id: unitIdSchema,
    name: text("名称，例如 东山村、城关社区"),
    kind: z
      .enum(["村", "社区"], { error: "应为 村 或 社区" })
      .default("村")
      .describe("类型：村 或 社区"),
    officials: z
      .object({
        书记: optionalText("党支部（党总支）书记"),
        主任: optionalText("村（居）委会主任"),
        分管副职: optionalText("分管信访工作的副职"),
      })
      .default({})
      .describe("信访工作责任人：书记为第一责任人，分管副职为直接责任人"),
    informants: z
      .array(text("信访信息员姓名"))
      .min(1, { error: "信访信息员至少 1 名" })
      .max(3, { error: "信访信息员最多 3 名" })
      .optional()
      .describe("信访信息员（1–3 名）"),
    committee: z
      .array(committeeMemberSchema)
      .default([])
      .describe("两委成员及其月村级补贴、年星级评定工资"),
    liaisons: z.array(liaisonSchema).default([]).describe("包村领导、包村干部及其月精神文明奖"),
  })
  .describe("村（社区）");

export const unitsFileSchema = z
  .object({
    units: z
      .array(unitSchema)
      .min(1, { error: "至少要有一个村（社区）" })
      .describe("参加考评的村（社区），按此顺序排列同分单位"),
  })
  .describe("村（社区）名册 units.yaml");

export type Unit = z.infer<typeof unitSchema>;
export type CommitteeMember = z.infer<typeof committeeMemberSchema>;
export type Liaison = z.infer<typeof liaisonSchema>;
export type UnitsFile = z.infer<typeof unitsFileSchema>;
