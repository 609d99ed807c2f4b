// The files of a new office's content folder other than the rules: what the office fills in.
// Placeholders are written as an office writes them in a blank form (××镇, 示例一村), and every
// sentence is a short prompt for the office's own wording, never the example town's text.

/** office.yaml: the town government and its 信访办 as the two issuers. */
export function officeText(schemaLine: string): string {
  return `${schemaLine}
# 本机关和以自己名义发文的机关。把“××”换成本镇（街道）名称，机关代字按本机关发文字号填写。
name: ××镇人民政府
short_name: ××镇
level: 镇                                        # 本机关层级：镇（街道也写镇），高于本级的为越级访
issuers:
  # 第一个为本机关：工作方案、年度通报、工作总结以它的名义印发
  - { name: ××镇人民政府, code: ××政发, printer: ××镇党政办公室 }
  # 信访办：月度考评通报和考评得分表以它的名义印发
  - { name: ××镇信访工作领导小组办公室, short_name: ××镇信访办, code: ××信办, petition_office: true }
office_name: ××镇信访办公室                      # 网站名称
address: ××镇××路×号
phone: 0000-0000000
fonts: auto                                      # 先找本机的仿宋_GB2312、方正小标宋等机关字体，找不到用随附字体
`;
}

/** The two example villages of units.yaml (the ledger template lists them too). */
export const EXAMPLE_UNIT_NAMES = ["示例一村", "示例二村"] as const;

/** units.yaml: two example villages with their officials and pay, to be replaced. */
export function unitsText(schemaLine: string): string {
  return `${schemaLine}
# 村（社区）名单。以下两个是填写示例，请换成本镇的村（社区），每个村（社区）一段。
# id 只用小写字母、数字和连字符，台账中用它或名称指代村（社区）；金额单位为元。
units:
  - id: shili-1
    name: ${EXAMPLE_UNIT_NAMES[0]}
    kind: 村                                     # 村 或 社区
    officials: { 书记: 一村书记, 主任: 一村主任, 分管副职: 一村副主任 }
    informants: [一村信息员]                     # 信访信息员，1至3人
    committee:                                   # 两委成员：月村级补贴、年星级评定工资
      - { name: 一村书记, role: 书记, monthly_subsidy: 2000, star_pay: 5000 }
      - { name: 一村主任, role: 主任, monthly_subsidy: 1800, star_pay: 4500 }
      - { name: 一村副主任, role: 副主任, monthly_subsidy: 1500, star_pay: 3500 }
    liaisons:                                    # 包村领导、包村干部：月精神文明奖
      - { name: 包村领导甲, role: 包村领导, monthly_award: 800 }
      - { name: 包村干部乙, role: 包村干部, monthly_award: 500 }
  - id: shili-2
    name: ${EXAMPLE_UNIT_NAMES[1]}
    kind: 村
    officials: { 书记: 二村书记, 主任: 二村主任, 分管副职: 二村副主任 }
    informants: [二村信息员]
    committee:
      - { name: 二村书记, role: 书记, monthly_subsidy: 2000, star_pay: 5000 }
      - { name: 二村主任, role: 主任, monthly_subsidy: 1800, star_pay: 4500 }
      - { name: 二村副主任, role: 副主任, monthly_subsidy: 1500, star_pay: 3500 }
    liaisons:                                    # 一人包多个村的，各处的精神文明奖应相同
      - { name: 包村领导甲, role: 包村领导, monthly_award: 800 }
      - { name: 包村干部丙, role: 包村干部, monthly_award: 500 }
`;
}

/** leadership.yaml: the 信访工作领导小组, printed where a plan says `leadership: true`. */
export function leadershipText(schemaLine: string): string {
  return `${schemaLine}
# 信访工作领导小组。工作方案中“组织领导”一节由本文件生成。
name: ××镇信访工作领导小组
leader: { name: 组长姓名, title: 镇党委书记 }
deputies:
  - { name: 副组长姓名, title: 镇党委副书记、镇长 }
members:
  - { name: 成员姓名, title: 镇信访办主任 }
office:
  location: 镇信访办
  director: { name: 成员姓名, title: 镇信访办主任 }
  duties: 负责领导小组日常工作，统筹信访事项登记、交办、督办和回访，管理考评台账，按月通报考评结果
`;
}

/** An empty ledger: its key and an empty list, with a comment on how rows are written. */
export function ledgerText(schemaLine: string, key: string, comment: string): string {
  return `${schemaLine}\n${comment
    .split("\n")
    .map((l) => `# ${l}`)
    .join("\n")}\n${key}: []\n`;
}

export const LEDGER_COMMENTS: Record<string, { key: string; comment: (y: number) => string }> = {
  petitions: {
    key: "petitions",
    comment: (y) =>
      `信访事项台账：每件一条，填写后把 [] 删去，例如\n` +
      `  - { id: P-${y}-0001, date: ${y}-01-08, unit: shili-1, level: 县, form: 个访, headcount: 1,\n` +
      `      channel: 来访, category: 土地征收, accepted: ${y}-01-08 }`,
  },
  meetings: {
    key: "meetings",
    comment: (y) =>
      `信访工作例会台账：每次例会一条，absent 为无故缺席、leave 为请假的村（社区），例如\n` +
      `  - { id: M-01, date: ${y}-01-15, title: 1月信访工作例会, absent: [], leave: [] }`,
  },
  "weekly-reports": {
    key: "weekly_reports",
    comment: (y) =>
      `周排查报告台账：每个村（社区）每周一条，submitted 为报送时间，零报告写 zero: true，例如\n` +
      `  - { unit: shili-1, week: ${y}-W02, submitted: "${y}-01-10T16:30", zero: true }`,
  },
  mediation: {
    key: "mediations",
    comment: (y) =>
      `矛盾纠纷排查调处台账（工作总结统计用），例如\n` +
      `  - { id: T-${y}-001, date: ${y}-01-05, unit: shili-1, category: 土地纠纷, resolved: true, summary: 简要情况 }`,
  },
  receptions: {
    key: "receptions",
    comment: (y) =>
      `领导接访下访台账（工作总结统计用），例如\n` +
      `  - { id: R-${y}-001, date: ${y}-01-06, kind: 接访, leader: 领导姓名, batches: 1, headcount: 2, solved: 1 }`,
  },
};

/** plans/<year>-annual.yaml: the annual work plan with its usual chapters. */
export function planText(schemaLine: string, year: number): string {
  return `${schemaLine}
# 年度信访工作方案。括号中的文字是提示，请换成本镇的内容；“考评和奖惩”一节由考评细则自动生成。
id: ${year}-annual
year: ${year}
title: ××镇${year}年度信访工作方案
number: ××政发〔${year}〕1号                      # 发文字号：机关代字、年份和本机关的发文序号
recipients: 各村（社区），镇直各单位
date: ${year}-01-15                                # 成文日期
print_date: ${year}-01-16                          # 印发日期（版记）
preamble: |
  （写明制定本方案的目的和依据。）为做好本镇${year}年度信访工作，结合本镇实际，制定本方案。
sections:
  - title: 指导思想
    body: |
      （写明本年度信访工作的指导思想。）
  - title: 工作目标
    body: |
      （写明全年信访工作的总体目标。）具体目标如下：
    targets:
      - { name: 初信初访按期办结率, op: "≥", value: 95 }
      - { name: 信访事项化解率, op: "≥", value: 90 }
  - title: 组织领导
    leadership: true
  - title: 主要任务
    sections:
      - title: 开展矛盾纠纷排查
        body: （写明排查的频次、报送时间和要求。）
      - title: 规范信访事项办理
        body: （写明受理、交办、办理、答复、回访的要求和时限。）
  - title: 工作步骤
    schedule:
      - { name: 动员部署阶段, from: ${year}-01-01, to: ${year}-02-28, tasks: （写明本阶段的工作。） }
      - { name: 组织实施阶段, from: ${year}-03-01, to: ${year}-11-30, tasks: （写明本阶段的工作。） }
      - { name: 考核总结阶段, from: ${year}-12-01, to: ${year}-12-31, tasks: （写明本阶段的工作。） }
  - title: 考评和奖惩
    rules: true
  - title: 工作要求
    body: |
      （写明对各村（社区）的工作要求和责任追究。）
`;
}

/** agreements/<year>.yaml: one responsibility agreement per village, from one file. */
export function agreementText(schemaLine: string, year: number): string {
  return `${schemaLine}
# 目标责任书：本文件为每个村（社区）各生成一份，考评办法由考评细则自动生成。
id: "${year}"
year: ${year}
title: ${year}年度信访工作目标责任书
date: ${year}-02-01
term: { from: ${year}-01-01, to: ${year}-12-31 }
party_a: { signer: 甲方负责人姓名 }
party_b_signer: 书记                             # 乙方由哪位负责人签字：书记 或 主任
preamble: |
  （写明签订本责任书的目的。）为落实信访工作属地责任，特签订本责任书。
targets:
  - { name: 初信初访按期办结率, op: "≥", value: 95 }
  - { name: 周排查报告按时报送率, op: "=", value: 100 }
duties:
  - （写明村（社区）的一项工作职责。）
  - （写明村（社区）的另一项工作职责。）
closing: 本责任书一式两份，甲乙双方各执一份。
`;
}

/** notices/<year>.yaml: quarterly year-to-date notices and the annual one. */
export function noticeText(schemaLine: string, year: number): string {
  return `${schemaLine}
# 考评结果通报：月度通报为年初至该月末累计，由信访办以信函格式印发；年度通报含奖励和末位，由本机关印发。
id: "${year}"
year: ${year}
months: [3, 6, 9]                                # 发布月度通报的月份
annual: true                                     # 是否发布年度通报
recipients: 各村（社区），镇直各单位
numbers:                                         # 各期发文字号：月度通报用信访办的，年度通报用本机关的
  "3": ××信办〔${year}〕1号
  "6": ××信办〔${year}〕2号
  "9": ××信办〔${year}〕3号
  annual: ××政发〔${year + 1}〕1号
dates:                                           # 各期成文日期；不填为次月5日
  annual: ${year + 1}-01-12
print_dates:                                     # 年度通报的印发日期（版记）
  annual: ${year + 1}-01-12
closing: |
  （写明对扣分较多和受到处理的村（社区）的要求。）
attach_sheets: true                              # 年度通报附各村（社区）考评得分表
`;
}

/** reports/<year>-annual.yaml: the annual summary, its figures computed from the ledgers. */
export function reportText(schemaLine: string, year: number): string {
  return `${schemaLine}
# 年度信访工作总结。带 figures: true 的一节插入由台账计算的统计数字和表格；括号中的文字请换成本镇的内容。
id: ${year}-annual
year: ${year}
title: ××镇${year}年信访工作总结
date: ${year + 1}-01-10
period: { from: ${year}-01-01, to: ${year}-12-31 }
# 没有上年台账时，填写上年同期的汇总数，文中才写同比，例如
# previous: { accepted: 120, headcount: 200, collective_batches: 10, leapfrog_batches: 5, repeat_batches: 8 }
sections:
  - title: ${year}年信访工作基本情况
    figures: true
    body: |
      （概述全年信访工作的总体情况。）
  - title: 主要做法
    body: |
      （写明全年信访工作的主要做法和成效。）
  - title: 存在的问题
    body: |
      （写明工作中存在的主要问题。）
  - title: ${year + 1}年工作打算
    body: |
      （写明下一年度的工作安排。）
`;
}
