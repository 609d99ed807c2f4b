// office.yaml and leadership.yaml: who issues the documents, and the 信访工作领导小组.
import { z } from "zod";
import { levelSchema, optionalText, text } from "./common.ts";

const fontPath = (role: string) =>
  optionalText(`${role}字体文件路径（TrueType .ttf/.ttc，相对于内容目录）`);

/**
 * One body that issues documents in its own name: its 发文机关标志, the 机关代字 of its 发文字号,
 * its 署名 and its 印发机关 all name it.
 */
export const issuerSchema = z
  .object({
    name: text("发文机关全称，例如 青禾镇人民政府；落款署名用它，文书的 issuer 也写它"),
    short_name: optionalText("规范化简称，例如 青禾镇政府；文书的 issuer 也可以写它"),
    code: optionalText("机关代字，例如 青政发；发文字号写作 青政发〔2025〕7号"),
    mark: optionalText("文件格式的发文机关标志；不填为全称加“文件”，例如 青禾镇人民政府文件"),
    letter_mark: optionalText("信函格式的发文机关标志；不填为全称"),
    printer: optionalText(
      "印发机关（版记），一般是本机关的办公室，例如 青禾镇党政办公室；不填为本机关",
    ),
    petition_office: z
      .boolean({ error: "应为 true 或 false" })
      .optional()
      .describe("本机关的信访工作机构（信访办）：月度考评通报和考评得分表默认以它的名义"),
  })
  .describe("发文机关");

export const officeSchema = z
  .object({
    name: text("本机关全称，例如 青禾镇人民政府"),
    short_name: optionalText("本机关简称，例如 青禾镇"),
    issuers: z
      .array(issuerSchema)
      .min(1, { error: "至少要有一个发文机关" })
      .optional()
      .describe(
        "以自己名义发文的机关，第一个为本机关（工作方案、年度通报、工作总结默认以它的名义），例如 青禾镇人民政府（青政发）、青禾镇信访工作领导小组办公室（青信办）",
      ),
    code: optionalText("旧写法：机关代字；请改写到 issuers 中"),
    level: levelSchema.default("镇").describe("本机关所在层级，用于认定越级访（高于本级即为越级）"),
    signatory: optionalText("旧写法：默认署名；请改写到 issuers 中"),
    office_name: optionalText("信访办名称，例如 青禾镇信访办公室（网站名称）"),
    address: optionalText("地址"),
    phone: optionalText("联系电话"),
    statistics: z
      .object({
        count_by: z
          .enum(["accepted", "date"], { error: "应为 accepted（按受理日期）或 date（按信访日期）" })
          .default("accepted")
          .describe("统计期间按受理日期（accepted，默认）还是信访日期（date）归属"),
        on_time_days: z
          .number({ error: "应为天数" })
          .int()
          .min(1)
          .default(60)
          .describe("没有填写办理期限时，受理后多少天内办结为按期（默认 60 天）"),
      })
      .default({ count_by: "accepted", on_time_days: 60 })
      .describe("工作总结中的统计口径"),
    fonts: z
      .union(
        [
          z.enum(["auto", "bundled"]),
          z.object({
            仿宋: fontPath("仿宋（正文）"),
            小标宋: fontPath("小标宋（标题）"),
            黑体: fontPath("黑体（一级标题）"),
            楷体: fontPath("楷体（二级标题、签发人、强调）"),
          }),
        ],
        { error: "应为 auto、bundled，或按 仿宋、小标宋、黑体、楷体 写出字体文件路径" },
      )
      .default("auto")
      .describe(
        "公文字体：auto（默认）先找内容目录 fonts 文件夹中、再找本机已安装的机关字体（仿宋_GB2312/仿宋、方正小标宋、黑体、楷体_GB2312/楷体），找不到的用随附的开源字体；bundled 只用随附的开源字体；也可以按角色写出字体文件路径（相对于内容目录），未写的角色用随附字体",
      ),
  })
  .describe("发文机关 office.yaml");

const person = z
  .object({
    name: text("姓名"),
    title: optionalText("职务，例如 镇党委副书记、镇长"),
  })
  .describe("人员");

export const leadershipSchema = z
  .object({
    name: optionalText("领导小组名称，例如 青禾镇信访工作领导小组"),
    leader: person.describe("组长"),
    deputies: z.array(person).default([]).describe("副组长"),
    members: z.array(person).default([]).describe("成员"),
    office: z
      .object({
        location: optionalText("办公室设在何处，例如 镇综治中心"),
        director: person.optional().describe("办公室主任"),
        duties: optionalText("办公室职责"),
      })
      .optional()
      .describe("领导小组办公室"),
  })
  .describe("信访工作领导小组 leadership.yaml");

export type Office = z.infer<typeof officeSchema>;
export type Issuer = z.infer<typeof issuerSchema>;

/**
 * The bodies that issue documents: office.yaml's `issuers`, or — in the older shape — one made
 * of `signatory` (or `name`) and `code`. Empty without an office.yaml.
 */
export function issuersOf(office: Office | null): Issuer[] {
  if (!office) return [];
  if (office.issuers) return office.issuers;
  const name = office.signatory ?? office.name;
  return [{ name, ...(office.code !== undefined ? { code: office.code } : {}) }];
}
export type Leadership = z.infer<typeof leadershipSchema>;
