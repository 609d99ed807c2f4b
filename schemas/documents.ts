// Document files: 工作方案 (plans/), 目标责任书 (agreements/), 考评结果通报 (notices/) and
// 工作总结 (reports/). Prose is Markdown written by the office; numbering, dates, figures and the
// 考评方法/奖惩办法 clauses are generated.
import { z } from "zod";
import { dateSchema, described, optionalText, text, unitIdSchema } from "./common.ts";

export const documentIdSchema = z
  .string({ error: "应为编号" })
  .regex(/^[a-z0-9-]+$/, { error: "编号只能由小写字母、数字和连字符组成，例如 2025-annual" })
  .describe("文件编号（小写字母、数字、连字符），用于网址和 PDF 文件名");

export const copyNumberSchema = z
  .string({ error: "份号应为 6 位数字（请加引号）" })
  .regex(/^\d{6}$/, { error: '份号应为 6 位数字，例如 "000001"' });

const markdown = described(() => z.string({ error: "应为文字（可用 Markdown）" }));

/** The formats a document is printed in (GB/T 9704 §7 and §10; ../shared/GBT9704.md "Formats"). */
export const DOC_FORMATS = ["文件", "信函", "报告", "无"] as const;
export type DocFormatName = (typeof DOC_FORMATS)[number];

/** How a document is laid out: 文件格式, 信函格式, or no 版头 at all (not a 公文). */
export type DocFormat = "file" | "letter" | "none";

/** What each format name means: its layout, and whether it is an upward 报告 (with 签发人). */
export const FORMAT_LAYOUTS: Record<DocFormatName, { format: DocFormat; upward: boolean }> = {
  文件: { format: "file", upward: false },
  信函: { format: "letter", upward: false },
  报告: { format: "file", upward: true },
  无: { format: "none", upward: false },
};

// The schemas below are made when first asked for (documentParts, documentSchemas): a command
// that reads no document file (`score`, `stats`) does not spend the ~8 ms their making takes in a
// cold start. documentIdSchema and copyNumberSchema stay here: field kinds know them by identity.

/** The building blocks shared by the document schemas: format, header fields, target, stage. */
function makeDocumentParts() {
  const formatSchema = z
    .enum(DOC_FORMATS, { error: `版式应为 ${DOC_FORMATS.join("、")} 之一` })
    .describe(
      "版式：文件（文件格式，红色发文机关标志加分隔线）、信函（信函格式，红色双线）、报告（上行文：文件格式加签发人）、无（不加版头，标题居首）",
    );

  const issuerRef = (description: string) =>
    optionalText(`${description}：office.yaml 中 issuers 的 name 或 short_name`);

  /** GB/T 9704 header and colophon fields shared by every document file. */
  const header = {
    issuer: issuerRef("发文机关"),
    format: formatSchema.optional(),
    number: optionalText("发文字号，例如 青政发〔2025〕3号（注意用六角括号〔〕）"),
    issuer_mark: optionalText(
      "发文机关标志，例如 青禾镇人民政府文件；不填时由发文机关和版式决定，写时必须是发文机关的名称（全称或简称）",
    ),
    recipients: optionalText("主送机关，例如 各村（社区）、镇直各单位"),
    signer: optionalText("签发人（上行文，版式为 报告 时必填），例如 宋文斌"),
    copy: copyNumberSchema.optional().describe("份号，6 位数字"),
    secret: z
      .object({
        level: z
          .enum(["秘密", "机密", "绝密"], { error: "密级应为 秘密、机密、绝密 之一" })
          .describe("密级"),
        term: optionalText("保密期限，例如 1年"),
      })
      .optional()
      .describe("密级和保密期限；有密级的文件不会发布到网站、搜索和合订本"),
    urgency: z
      .enum(["特急", "加急"], { error: "紧急程度应为 特急 或 加急" })
      .optional()
      .describe("紧急程度"),
    note: optionalText("附注，例如 此件公开发布"),
    cc: z.array(text("抄送机关")).default([]).describe("抄送机关"),
    printer: optionalText(
      "印发机关，例如 青禾镇党政办公室；不填为发文机关的印发机关，写时必须是它或发文机关本身",
    ),
    print_date: dateSchema.optional().describe("印发日期（文件格式的版记）；不填按成文日期"),
    seal: z
      .boolean({ error: "应为 true 或 false" })
      .default(true)
      .describe("是否加盖印章（决定署名和成文日期的位置）"),
  };

  const {
    number: _number,
    recipients: _recipients,
    issuer: _issuer,
    format: _format,
    ...noticeHeader
  } = header;

  const targetSchema = z
    .object({
      name: text("指标，例如 初信初访办结率、集体访批次同比下降"),
      op: z
        .enum(["≥", "≤", "=", "下降", "上升"], { error: "应为 ≥、≤、=、下降、上升 之一" })
        .default("≥")
        .describe("比较方式"),
      value: z.number({ error: "应为数字" }).describe("目标值"),
      unit: text("单位，例如 %、件、批次").default("%"),
      note: optionalText("说明"),
    })
    .describe("量化目标");

  const stageSchema = z
    .object({
      name: text("阶段名称，例如 动员部署阶段"),
      from: dateSchema.describe("开始日期"),
      to: dateSchema.describe("结束日期"),
      tasks: markdown("主要任务（Markdown）"),
    })
    .describe("工作步骤中的一个阶段");

  return { formatSchema, issuerRef, header, noticeHeader, targetSchema, stageSchema };
}

let parts: ReturnType<typeof makeDocumentParts> | undefined;
const documentParts = () => (parts ??= makeDocumentParts());

export type Target = z.infer<ReturnType<typeof documentParts>["targetSchema"]>;
export type Stage = z.infer<ReturnType<typeof documentParts>["stageSchema"]>;

export interface PlanSection {
  title: string;
  figures?: boolean | undefined;
  body?: string | undefined;
  targets?: Target[] | undefined;
  schedule?: Stage[] | undefined;
  leadership?: boolean | undefined;
  rules?: boolean | undefined;
  sections: PlanSection[];
}

/** The schemas of the four kinds of document file (and of their parts). */
function makeDocumentSchemas() {
  const { formatSchema, issuerRef, header, noticeHeader, targetSchema, stageSchema } =
    documentParts();

  /**
   * Headings go four levels deep (一、（一）1.（1））, so a section of the fourth level has no
   * sections of its own: each one under it is doc/section-depth, and validated documents (all that
   * rendering ever sees) are at most four levels deep.
   */
  const fifthLevelSection = z
    .custom<PlanSection>(() => false, {
      error: "此处是第五级小节，公文的标题只有四级",
      params: { code: "doc/section-depth" },
    })
    .meta({ not: {} });

  function sectionSchemaAt(level: 1 | 2 | 3 | 4): z.ZodType<PlanSection> {
    const sub =
      level === 4
        ? z
            .array(fifthLevelSection)
            .default([])
            .describe("下一级小节（第四级章节之下不能再分小节）")
        : z
            .array(sectionSchemaAt((level + 1) as 2 | 3 | 4))
            .default([])
            .describe("下一级小节");
    return z
      .object({
        title: text("标题（不写序号，序号自动生成：一、（一）1.（1））"),
        body: markdown("正文（Markdown），段落之间空一行").optional(),
        targets: z.array(targetSchema).optional().describe("量化目标，生成为条目"),
        schedule: z.array(stageSchema).optional().describe("工作步骤，生成为阶段和时间"),
        leadership: z
          .boolean({ error: "应为 true 或 false" })
          .optional()
          .describe("在此插入 leadership.yaml 中的领导小组"),
        rules: z
          .boolean({ error: "应为 true 或 false" })
          .optional()
          .describe("在此插入由考评细则生成的考评方法和奖惩办法"),
        figures: z
          .boolean({ error: "应为 true 或 false" })
          .optional()
          .describe("在此插入由台账计算的统计数字、表格和图表（工作总结）"),
        sections: sub,
      })
      .describe("章节");
  }

  const sectionSchema = sectionSchemaAt(1);

  const planSchema = z
    .object({
      id: documentIdSchema,
      year: z.number({ error: "应为年份" }).int().describe("年度"),
      title: text("标题，例如 青禾镇2025年度信访工作方案"),
      date: dateSchema.describe("成文日期"),
      ...header,
      rules_year: z
        .number({ error: "应为年份" })
        .int()
        .optional()
        .describe("考评办法所依据的细则年度（默认同 year）"),
      preamble: markdown("开头语（Markdown）").optional(),
      sections: z.array(sectionSchema).min(1, { error: "至少要有一个章节" }).describe("正文章节"),
      rules_attachment: z
        .boolean({ error: "应为 true 或 false" })
        .default(false)
        .describe("是否把完整的考评细则作为附件"),
    })
    .describe("工作方案 plans/*.yaml");

  const agreementSchema = z
    .object({
      id: documentIdSchema,
      year: z.number({ error: "应为年份" }).int().describe("年度"),
      title: text("标题，例如 2025年度信访工作目标责任书"),
      date: dateSchema.describe("签订日期（成文日期）"),
      ...header,
      term: z
        .object({ from: dateSchema.describe("起"), to: dateSchema.describe("止") })
        .describe("责任期限"),
      party_a: z
        .object({ name: optionalText("甲方名称（默认发文机关）"), signer: text("甲方负责人") })
        .describe("甲方"),
      party_b_signer: z
        .enum(["书记", "主任"], { error: "应为 书记 或 主任" })
        .default("书记")
        .describe("乙方由哪位负责人签字"),
      units: z.array(unitIdSchema).optional().describe("签订责任书的村（社区）；不填为全部"),
      preamble: markdown("开头语（Markdown）").optional(),
      targets: z.array(targetSchema).default([]).describe("责任目标"),
      duties: z.array(markdown("一项责任（Markdown）")).default([]).describe("工作职责"),
      rules_year: z
        .number({ error: "应为年份" })
        .int()
        .optional()
        .describe("考评办法所依据的细则年度（默认同 year）"),
      closing: markdown("结尾（Markdown），例如 本责任书一式两份……").optional(),
    })
    .describe("目标责任书 agreements/*.yaml：一个文件为每个村（社区）各生成一份");

  const noticeSchema = z
    .object({
      id: documentIdSchema,
      year: z.number({ error: "应为年份" }).int().describe("年度"),
      months: z
        .array(
          z
            .number({ error: "应为月份" })
            .int()
            .min(1, { error: "月份为 1–12" })
            .max(12, { error: "月份为 1–12" }),
        )
        .default([])
        .describe("发布月度通报（年初至该月末累计）的月份"),
      annual: z
        .boolean({ error: "应为 true 或 false" })
        .default(true)
        .describe("是否发布年度通报（含奖励和末位）"),
      recipients: text("主送机关").default("各村（社区）"),
      numbers: z
        .record(z.string(), text("发文字号"))
        .default({})
        .describe("各期发文字号：键为月份 1–12 或 annual"),
      dates: z
        .record(z.string(), dateSchema)
        .default({})
        .describe("各期成文日期：键为月份或 annual；不填为次月 5 日"),
      closing: markdown(
        "结尾（Markdown）：月度通报和年度通报都用；月度通报不兑现奖励，不要写奖励的话",
      ).optional(),
      annual_closing: markdown("年度通报的结尾（Markdown），不填时用 closing").optional(),
      issuer: issuerRef("年度通报的发文机关（默认本机关）"),
      format: formatSchema.optional().describe("年度通报的版式（默认 文件）"),
      monthly_issuer: issuerRef("月度通报的发文机关（默认信访办，即 petition_office 的发文机关）"),
      monthly_format: formatSchema.optional().describe("月度通报的版式（默认 信函）"),
      print_dates: z
        .record(z.string(), dateSchema)
        .default({})
        .describe("各期印发日期：键为月份或 annual；不填按 print_date，再不填按成文日期"),
      attach_sheets: z
        .boolean({ error: "应为 true 或 false" })
        .default(false)
        .describe("是否把各村（社区）的考评得分表作为年度通报的附件"),
      ...noticeHeader,
    })
    .describe("考评结果通报 notices/*.yaml");

  const count = described(() =>
    z
      .number({ error: "应为整数" })
      .int({ error: "应为整数" })
      .min(0, { error: "不能为负数" })
      .optional(),
  );

  /** Last year's summary figures, for an office whose ledger starts this year. */
  const previousFiguresSchema = z
    .object({
      accepted: count("受理信访事项（件）"),
      headcount: count("受理人次"),
      collective_batches: count("集体访批次"),
      collective_headcount: count("集体访人次"),
      leapfrog_batches: count("越级访批次"),
      leapfrog_headcount: count("越级访人次"),
      repeat_batches: count("重复访批次"),
      repeat_headcount: count("重复访人次"),
      closed: count("办结（件）"),
      closed_on_time: count("按期办结（件）"),
      resolved: count("化解（件）"),
      evaluated: count("参加满意度评价（件）"),
      satisfied: count("满意和基本满意（件）"),
      mediations: count("排查矛盾纠纷（起）"),
      mediations_resolved: count("调处成功（起）"),
      receptions: count("领导接访下访（次）"),
    })
    .describe("上年同期的汇总数字：没有上年台账时用于计算同比；有台账时以台账为准");

  const reportSchema = z
    .object({
      id: documentIdSchema,
      year: z.number({ error: "应为年份" }).int().describe("年度"),
      title: text("标题，例如 青禾镇2025年信访工作总结"),
      date: dateSchema.describe("成文日期"),
      period: z
        .object({ from: dateSchema.describe("起"), to: dateSchema.describe("止") })
        .describe("总结期间"),
      ...header,
      previous: previousFiguresSchema.optional(),
      preamble: markdown(
        "开头语（Markdown），写在第一个章节之前，例如全年工作的总体评价",
      ).optional(),
      sections: z
        .array(sectionSchema)
        .min(1, { error: "至少要有一个章节" })
        .describe(
          "正文章节；figures: true 的章节在正文之后写统计数字和同年度工作方案量化目标的完成情况，统计表作为附件",
        ),
    })
    .describe("工作总结 reports/*.yaml");

  return {
    target: targetSchema,
    stage: stageSchema,
    section: sectionSchema,
    plan: planSchema,
    agreement: agreementSchema,
    notice: noticeSchema,
    previousFigures: previousFiguresSchema,
    report: reportSchema,
  };
}

let schemas: ReturnType<typeof makeDocumentSchemas> | undefined;
/** The document schemas, made on first use. */
export const documentSchemas = () => (schemas ??= makeDocumentSchemas());
type DocumentSchemas = ReturnType<typeof documentSchemas>;

export type PlanFile = z.infer<DocumentSchemas["plan"]>;
export type AgreementFile = z.infer<DocumentSchemas["agreement"]>;
export type NoticeFile = z.infer<DocumentSchemas["notice"]>;
export type ReportFile = z.infer<DocumentSchemas["report"]>;
export type PreviousFigures = z.infer<DocumentSchemas["previousFigures"]>;
