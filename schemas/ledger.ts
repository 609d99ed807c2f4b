// ledger/<year>/*.yaml: petitions (信访事项), meetings (例会) and weekly reports (周排查报告).
import { z } from "zod";
import {
  channelSchema,
  dateSchema,
  formSchema,
  levelSchema,
  optionalText,
  satisfactionSchema,
  text,
  textId,
  unitRefSchema,
  weekSchema,
} from "./common.ts";

const flag = (description: string) =>
  z.boolean({ error: "应为 true 或 false" }).default(false).describe(description);

export const PETITION_FLAGS = [
  "early_warning",
  "persuaded_onsite",
  "assigned_overdue",
  "superior_urged",
  "escalated",
  "unfair_handling",
] as const;

/** A weekly report's submission time (the date and time parts are checked in validate/ledger). */
export const submittedSchema = z
  .string({ error: "应为报送时间，写作 2025-01-10T16:30" })
  .regex(/^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?$/, {
    error: "报送时间格式应为 YYYY-MM-DDTHH:MM（北京时间），例如 2025-01-10T16:30",
  });

// The ledger schemas are made when first asked for (ledgerSchemas): a command that reads no
// ledger (`pdf` and `docx` of a plan or an agreement) does not spend their making in a cold
// start. submittedSchema stays here: field kinds know it by identity.

function makeLedgerSchemas() {
  const petitionSchema = z
    .object({
      id: textId("信访事项编号，在本年度台账中唯一，例如 P-2025-0001"),
      date: dateSchema.describe("信访发生日期（到访、来信或登记之日）"),
      unit: unitRefSchema,
      level: levelSchema.describe("去向：信访到达的层级（镇、县、市、省、京）"),
      form: formSchema
        .optional()
        .describe("形式：个访、集访、重访、非访；不填时按人数判断个访/集访"),
      headcount: z
        .number({ error: "应为人数（整数）" })
        .int({ error: "人数应为整数" })
        .min(1, { error: "人数应为不小于 1 的整数" })
        .optional()
        .describe("人数（人次）"),
      channel: channelSchema.optional().describe("渠道：来信、来访、网上、电话"),
      category: optionalText(
        "问题类别，例如 土地征收、拆迁安置、劳动社保、涉法涉诉、民政优抚、城乡建设、其他",
      ),
      issue: textId(
        "信访问题编号：同一问题的多次信访填写同一编号（用于认定重访和重点管理）",
      ).optional(),
      summary: optionalText("简要事由（不得填写信访人身份信息）"),
      early_warning: flag("及时发现并提前报送信息、采取稳控措施"),
      persuaded_onsite: flag("按时到位接访、劝离且未再上访"),
      assigned_overdue: flag("镇交办案件逾期未查清上报"),
      superior_urged: flag("上级催办通报"),
      escalated: flag("导致事态扩大、影响恶劣"),
      unfair_handling: flag("因村内事务处理不公引发"),
      accepted: dateSchema.optional().describe("受理日期；不填表示不予受理"),
      due: dateSchema.optional().describe("办理期限；不填时为受理日期后 60 日"),
      closed: dateSchema.optional().describe("办结日期"),
      resolved: z.boolean({ error: "应为 true 或 false" }).default(false).describe("是否化解"),
      satisfaction: satisfactionSchema
        .optional()
        .describe("满意度评价：满意、基本满意、不满意、未评价"),
      satisfied: satisfactionSchema.optional().describe("满意度评价（satisfaction 的别名）"),
    })
    .describe("信访事项");

  const petitionsFileSchema = z
    .object({
      petitions: z.array(petitionSchema).default([]).describe("本年度信访事项，一条记录一个事项"),
    })
    .describe("信访事项台账 ledger/<年度>/petitions.yaml");

  const meetingSchema = z
    .object({
      id: textId("例会编号，例如 M-01"),
      date: dateSchema.describe("例会日期"),
      title: optionalText("例会名称，例如 1月信访工作例会"),
      absent: z.array(unitRefSchema).default([]).describe("无故缺席的村（社区）：编号或名称"),
      leave: z.array(unitRefSchema).default([]).describe("请假的村（社区）：编号或名称"),
    })
    .describe("信访工作例会");

  const meetingsFileSchema = z
    .object({
      meetings: z.array(meetingSchema).default([]).describe("本年度信访工作例会及缺席、请假情况"),
    })
    .describe("例会台账 ledger/<年度>/meetings.yaml");

  const weeklyReportSchema = z
    .object({
      unit: unitRefSchema,
      week: weekSchema,
      submitted: submittedSchema.describe(
        "报送时间（北京时间），写作 YYYY-MM-DDTHH:MM，可带秒，不带时区",
      ),
      zero: z.boolean({ error: "应为 true 或 false" }).default(false).describe("是否为零报告"),
    })
    .describe("周排查报告 / 零报告");

  const weeklyReportsFileSchema = z
    .object({
      weekly_reports: z
        .array(weeklyReportSchema)
        .default([])
        .describe("每周矛盾纠纷排查报告或零报告的报送记录"),
    })
    .describe("周报台账 ledger/<年度>/weekly-reports.yaml");

  const mediationSchema = z
    .object({
      id: textId("编号，例如 T-2025-001"),
      date: dateSchema.describe("排查日期"),
      unit: unitRefSchema,
      category: optionalText("纠纷类别，例如 邻里纠纷、土地纠纷、婚姻家庭"),
      resolved: z.boolean({ error: "应为 true 或 false" }).default(false).describe("是否调处成功"),
      summary: optionalText("简要情况（不得填写当事人身份信息）"),
    })
    .describe("矛盾纠纷排查调处记录");

  const mediationFileSchema = z
    .object({
      mediations: z.array(mediationSchema).default([]).describe("本年度排查出的矛盾纠纷及调处结果"),
    })
    .describe("矛盾纠纷排查调处台账 ledger/<年度>/mediation.yaml");

  const receptionSchema = z
    .object({
      id: textId("编号，例如 R-2025-01"),
      date: dateSchema.describe("日期"),
      kind: z
        .enum(["接访", "下访"], { error: "应为 接访 或 下访" })
        .describe("领导接访（在接待室）或下访（到村、到户）"),
      leader: text("接访或下访的领导"),
      batches: z
        .number({ error: "应为批次（整数）" })
        .int({ error: "应为整数" })
        .min(0, { error: "不能为负数" })
        .describe("接待的批次"),
      headcount: z
        .number({ error: "应为人次（整数）" })
        .int({ error: "应为整数" })
        .min(0, { error: "不能为负数" })
        .describe("接待的人次"),
      solved: z
        .number({ error: "应为件数（整数）" })
        .int({ error: "应为整数" })
        .min(0, { error: "不能为负数" })
        .default(0)
        .describe("现场解决的问题件数"),
      unit: unitRefSchema.optional(),
    })
    .describe("领导接访、下访记录");

  const receptionsFileSchema = z
    .object({
      receptions: z.array(receptionSchema).default([]).describe("本年度领导接访、下访记录"),
    })
    .describe("领导接访下访台账 ledger/<年度>/receptions.yaml");

  return {
    petition: petitionSchema,
    petitionsFile: petitionsFileSchema,
    meeting: meetingSchema,
    meetingsFile: meetingsFileSchema,
    weeklyReport: weeklyReportSchema,
    weeklyReportsFile: weeklyReportsFileSchema,
    mediation: mediationSchema,
    mediationFile: mediationFileSchema,
    reception: receptionSchema,
    receptionsFile: receptionsFileSchema,
  };
}

let schemas: ReturnType<typeof makeLedgerSchemas> | undefined;
/** The ledger schemas, made on first use. */
export const ledgerSchemas = () => (schemas ??= makeLedgerSchemas());
type LedgerSchemas = ReturnType<typeof ledgerSchemas>;

export type PetitionRecord = z.infer<LedgerSchemas["petition"]>;
export type MeetingRecord = z.infer<LedgerSchemas["meeting"]>;
export type WeeklyReportRecord = z.infer<LedgerSchemas["weeklyReport"]>;
export type MediationRecord = z.infer<LedgerSchemas["mediation"]>;
export type ReceptionRecord = z.infer<LedgerSchemas["reception"]>;
