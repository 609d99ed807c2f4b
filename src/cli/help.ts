// The help texts: the overview (`xinfang --help`) and one page per command
// (`xinfang <command> --help`, `xinfang help <command>`): usage, options and an example.
import { displayWidth } from "./text-width.ts";

const CONTENT_OPTION = `
  --content DIR   内容目录（默认 content/）`;

const commonOptions = (content: boolean) => `通用选项：${content ? CONTENT_OPTION : ""}
  --debug         程序出错时显示详细的出错位置（供报告问题用）
  --help          显示本帮助`;

const EXIT_CODES =
  "退出码：0 成功；1 内容有问题；2 命令用法有误；3 无法读写内容目录以外的文件或文件夹；70 程序内部错误";

export const HELP = `xinfang — 信访工作文书系统

用法：
  xinfang init DIR --year 2025             新建一个机关的内容目录（各文件的填写样板）
  xinfang check [--strict]                 检查内容目录中的全部文件，列出所有问题
  xinfang score --year 2025 [--as-of 2025-06-30] [--unit 村名或编号] [--json] [--strict]
                [--xlsx FILE] [--csv FILE]
                                           计算村（社区）考评得分、排名、奖励和处理；--xlsx 另存
                                           为工作簿（得分汇总、扣分明细、经济处理），--csv 另存扣分明细
  xinfang stats --from 2025-01-01 --to 2025-12-31 [--json]
                                           统计受理量、办结率、化解率等，含同比
  xinfang build [--out dist] [--base /]    生成内部网站（含全文搜索）和全部 PDF、Word、Excel 文件
                                           到输出目录
  xinfang pdf <文书编号> [--out FILE]      按 GB/T 9704 版式生成一份文书的 PDF
  xinfang docx <文书编号> [--out FILE]     生成一份文书的 Word 文件（版式与 PDF 相同）
  xinfang template --year 2025 [--out 台账模板.xlsx]
                                           生成 Excel 台账模板（下拉选项、日期格式、填写说明）
  xinfang fonts                            列出 PDF 的仿宋、小标宋、黑体、楷体各用哪个字体文件

${commonOptions(true)}
  --version       显示版本号

查看某个命令的详细用法：xinfang <命令> --help，例如 xinfang score --help

${EXIT_CODES}
`;

interface CommandHelp {
  usage: string;
  does: string;
  options: [string, string][];
  examples: string[];
  /** The command does not read a content folder (no --content). */
  noContent?: true;
}

const COMMAND_HELP: Record<string, CommandHelp> = {
  init: {
    usage: "xinfang init DIR --year 年度",
    does: "新建一个机关的内容目录：office.yaml（发文机关）、units.yaml（两个示例村）、默认考评细则、空台账，以及工作方案、目标责任书、考评结果通报和工作总结的样板。DIR 必须是新的或空的文件夹；全部写好后才出现，失败时不留下任何文件。",
    options: [["--year 年度", "考评年度（必填），例如 2025"]],
    examples: ["xinfang init 内容 --year 2025", "xinfang check --content 内容"],
    noContent: true,
  },
  check: {
    usage: "xinfang check [--strict]",
    does: "检查内容目录中的全部文件，一次列出所有问题：文件、行、列、字段和说明。",
    options: [["--strict", "把警告也当作错误（有警告时退出码为 1）"]],
    examples: ["xinfang check", "xinfang check --content 内容 --strict"],
  },
  score: {
    usage:
      "xinfang score --year 年度 [--as-of 日期] [--unit 村名或编号] [--json] [--strict] [--xlsx 文件] [--csv 文件]",
    does: "按考评细则计算各村（社区）的得分、排名、一票否决、奖励、处理和经济处理。",
    options: [
      ["--year 年度", "考评年度；不填为 rules 中最新的年度"],
      ["--as-of 日期", "计算到哪一天（年初至该日累计），写作 2025-06-30；不填为年底"],
      ["--unit 村名或编号", "只看一个村（社区）的扣分明细，例如 --unit 东山村 或 --unit dongshan"],
      ["--json", "以 JSON 输出全部结果（供其他程序读取）"],
      ["--strict", "有警告时不计算"],
      [
        "--xlsx 文件",
        "另存为 Excel 工作簿：考评得分汇总、扣分明细、经济处理三张工作表（全部村（社区））",
      ],
      ["--csv 文件", "另存扣分明细为 CSV（UTF-8，带 BOM，Excel 可直接打开）"],
    ],
    examples: [
      "xinfang score --year 2025",
      "xinfang score --year 2025 --xlsx 2025年度考评.xlsx",
      "xinfang score --year 2025 --as-of 2025-06-30 --unit 东山村",
    ],
  },
  stats: {
    usage: "xinfang stats --from 日期 --to 日期 [--json]",
    does: "统计期间内的受理量、集体访、越级访、重复访、办结率、按期办结率、化解率和满意率，含同比。",
    options: [
      ["--from 日期", "统计期间的第一天（必填），写作 2025-01-01"],
      ["--to 日期", "统计期间的最后一天（必填），写作 2025-12-31"],
      ["--json", "以 JSON 输出"],
    ],
    examples: ["xinfang stats --from 2025-01-01 --to 2025-06-30"],
  },
  build: {
    usage: "xinfang build [--out 目录] [--base 网址路径] [--strict]",
    does: "生成内部网站（含全文搜索）、每份文书的 PDF 和 Word 文件、合订本和 Excel 工作簿到输出目录；内容有错误时不写任何文件。",
    options: [
      ["--out 目录", "输出目录（默认 dist）；只会替换以前生成的输出目录或空文件夹"],
      ["--base 网址路径", "网站放在服务器的哪个路径下（默认 /），例如 /xinfang/"],
      ["--strict", "有警告时不生成"],
    ],
    examples: ["xinfang build", "xinfang build --out 网站 --base /xinfang/"],
  },
  pdf: {
    usage: "xinfang pdf <文书编号> [--out 文件] [--strict]",
    does: "按 GB/T 9704 版式生成一份文书的 PDF。文书编号见 xinfang build 的输出或网站地址，例如 plan-2025-annual。",
    options: [
      ["--out 文件", "PDF 文件名（默认 <文书编号>.pdf）"],
      ["--strict", "有警告时不生成"],
    ],
    examples: ["xinfang pdf plan-2025-annual --out 工作方案.pdf"],
  },
  docx: {
    usage: "xinfang docx <文书编号> [--out 文件] [--strict]",
    does: "生成一份文书的 Word 文件（.docx），版式与 PDF 相同：A4、页边距、每页22行每行28字、红色发文机关标志和分隔线、页码、版记。可在 Word、WPS 中修改后打印或上传。xinfang build 会为每份文书生成 Word 文件（docx/ 文件夹）。",
    options: [
      ["--out 文件", "Word 文件名（默认 <文书编号>.docx）"],
      ["--strict", "有警告时不生成"],
    ],
    examples: ["xinfang docx plan-2025-annual --out 工作方案.docx"],
  },
  template: {
    usage: "xinfang template --year 年度 [--out 文件]",
    does: "生成 Excel 台账模板：信访事项、例会、周排查报告各一张工作表，列的顺序与读取时相同，带下拉选项（去向、形式、渠道、类别、村（社区）、是/否）、日期格式、冻结的表头和一张填写说明。填好后另存到 ledger/<年度>/ 即可读取。",
    options: [
      ["--year 年度", "台账年度（必填），例如 2025"],
      ["--out 文件", "模板文件名（默认 台账模板.xlsx）"],
    ],
    examples: [
      "xinfang template --year 2025",
      "xinfang template --year 2026 --out 2026年台账.xlsx",
    ],
  },
  fonts: {
    usage: "xinfang fonts [--strict]",
    does: "列出 PDF 中仿宋、小标宋、黑体、楷体各用哪个字体文件（office.yaml 的 fonts 设置）。",
    options: [["--strict", "有字体缺失的警告时退出码为 1"]],
    examples: ["xinfang fonts --content 内容"],
  },
};

/** The help page of `command`, or null when there is none. */
export function commandHelp(command: string): string | null {
  const h = COMMAND_HELP[command];
  if (!h) return null;
  const width = Math.max(...h.options.map(([o]) => displayWidth(o)));
  const options = h.options.map(([o, d]) => `  ${o}${" ".repeat(width - displayWidth(o))}  ${d}`);
  return `用法：${h.usage}

${h.does}

选项：
${options.join("\n")}

${commonOptions(h.noContent !== true)}

示例：
${h.examples.map((e) => `  ${e}`).join("\n")}

${EXIT_CODES}
`;
}

/** The commands that have a help page. */
export const HELP_COMMANDS = Object.keys(COMMAND_HELP);
