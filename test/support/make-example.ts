// Writes the bundled example office (content/) deterministically:
//   node_modules/.bin/node test/support/make-example.ts [--out DIR]
//
// 青禾镇 is an invented town: 12 villages and communities, one year (2025) of ledgers with a
// realistic spread of petitions and a few scripted cases — one vetoed village (a petition to
// Beijing), one yellow card, one key-management case, two warnings — so that the ranking has a
// clear first, a tie and a last place. People, places and events are all invented.
import { fileURLToPath } from "node:url";
import { dirname, join, resolve } from "node:path";
import {
  Rng,
  SUMMARIES,
  blankPet,
  epochDay,
  meetingsYaml,
  owedWeeks,
  petitionsYaml,
  unitsYaml,
  weeklyYaml,
  writeContent,
  yBlock,
} from "./generate.ts";
import type { GLevel, GForm, GenMeeting, GenReport, Pet, UnitYamlInput } from "./generate.ts";

const YEAR = 2025;
const SEED = 20250101;

const header = (depth: number, name: string): string =>
  `# yaml-language-server: $schema=${"../".repeat(depth)}schemas/json/${name}.json`;

// ---------------------------------------------------------------------------------------------
// Office and leadership

const office = {
  name: "青禾镇人民政府",
  short_name: "青禾镇",
  level: "镇",
  // Who issues in its own name: the town government (plans, the annual notice, reports) and the
  // office of the 信访工作领导小组 (the monthly notices, in 信函格式).
  issuers: [
    { name: "青禾镇人民政府", code: "青政发", printer: "青禾镇党政办公室" },
    {
      name: "青禾镇信访工作领导小组办公室",
      short_name: "青禾镇信访办",
      code: "青信办",
      petition_office: true,
    },
  ],
  office_name: "青禾镇信访办公室",
  address: "青禾镇禾兴路8号",
  // the shipped fonts on every machine, so the example's PDFs are the same everywhere
  fonts: "bundled",
};

const leadership = {
  name: "青禾镇信访工作领导小组",
  leader: { name: "林振华", title: "镇党委书记" },
  deputies: [
    { name: "宋文斌", title: "镇党委副书记、镇长" },
    { name: "周立新", title: "镇党委副书记" },
    { name: "马骏", title: "镇党委委员、政法委员" },
  ],
  members: [
    { name: "陈晓东", title: "副镇长" },
    { name: "吴海燕", title: "镇人大主席" },
    { name: "郑国强", title: "镇党委委员、武装部长" },
    { name: "冯志刚", title: "镇党委委员、组织委员" },
    { name: "黄德胜", title: "镇派出所所长" },
    { name: "邵敏", title: "镇司法所所长" },
    { name: "谢婷", title: "镇综治中心主任" },
    { name: "韩磊", title: "镇信访办主任" },
  ],
  office: {
    location: "镇综治中心",
    director: { name: "韩磊", title: "镇信访办主任" },
    duties:
      "负责领导小组日常工作，统筹信访事项登记、交办、督办和回访，管理考评台账，按月通报考评结果",
  },
};

// ---------------------------------------------------------------------------------------------
// Units

type C = { name: string; role: string; monthly_subsidy: number; star_pay: number };
const m = (name: string, role: string, monthly_subsidy: number, star_pay: number): C => ({
  name,
  role,
  monthly_subsidy,
  star_pay,
});

// 包村领导 (town leaders) and 包村干部: one award per person, wherever they serve.
const L = {
  周立新: { name: "周立新", role: "包村领导", monthly_award: 1000 },
  陈晓东: { name: "陈晓东", role: "包村领导", monthly_award: 800 },
  吴海燕: { name: "吴海燕", role: "包村领导", monthly_award: 900 },
  郑国强: { name: "郑国强", role: "包村领导", monthly_award: 800 },
  冯志刚: { name: "冯志刚", role: "包村领导", monthly_award: 800 },
  罗佳: { name: "罗佳", role: "包村干部", monthly_award: 600 },
  许诺: { name: "许诺", role: "包村干部", monthly_award: 600 },
  曾凡: { name: "曾凡", role: "包村干部", monthly_award: 500 },
  蔡琳: { name: "蔡琳", role: "包村干部", monthly_award: 500 },
  贺明: { name: "贺明", role: "包村干部", monthly_award: 600 },
  龚伟: { name: "龚伟", role: "包村干部", monthly_award: 500 },
  汤静: { name: "汤静", role: "包村干部", monthly_award: 500 },
  万涛: { name: "万涛", role: "包村干部", monthly_award: 600 },
  严立: { name: "严立", role: "包村干部", monthly_award: 500 },
  雷振: { name: "雷振", role: "包村干部", monthly_award: 500 },
} as const;

const units: UnitYamlInput[] = [
  {
    id: "qinghe-shequ",
    name: "青禾社区",
    kind: "社区",
    officials: { 书记: "刘振海", 主任: "刘振海", 分管副职: "陈淑芬" },
    informants: ["郑晓燕", "孙丽萍"],
    committee: [
      m("刘振海", "书记、主任", 2800, 7500),
      m("陈淑芬", "副书记", 2300, 6000),
      m("杨卫东", "副主任", 2200, 5500),
      m("郑晓燕", "委员", 2000, 5000),
    ],
    liaisons: [L.周立新, L.罗佳],
  },
  {
    id: "jinxiu-shequ",
    name: "锦绣社区",
    kind: "社区",
    officials: { 书记: "何秀兰", 主任: "钱国平", 分管副职: "吕文静" },
    informants: ["吕文静"],
    committee: [
      m("何秀兰", "书记", 2900, 8000),
      m("钱国平", "主任", 2600, 7000),
      m("吕文静", "副主任", 2100, 5000),
    ],
    liaisons: [L.周立新, L.许诺],
  },
  {
    id: "xinmin-shequ",
    name: "新民社区",
    kind: "社区",
    officials: { 书记: "马德昌", 主任: "马德昌", 分管副职: "许红梅" },
    informants: ["许红梅", "汪俊"],
    committee: [
      m("马德昌", "书记、主任", 2700, 7000),
      m("许红梅", "副书记", 2200, 5500),
      m("丁志勇", "委员", 1900, 4500),
      m("汪俊", "委员", 1900, 4500),
    ],
    liaisons: [L.周立新, L.许诺],
  },
  {
    id: "dongpo",
    name: "东坡村",
    kind: "村",
    officials: { 书记: "唐建军", 主任: "邓永福", 分管副职: "范丽娟" },
    informants: ["范丽娟", "邓春生"],
    committee: [
      m("唐建军", "书记", 2500, 6000),
      m("邓永福", "主任", 2300, 5500),
      m("范丽娟", "副主任", 1900, 4000),
    ],
    liaisons: [L.陈晓东, L.曾凡],
  },
  {
    id: "liushu",
    name: "柳树村",
    kind: "村",
    officials: { 书记: "曹光明", 主任: "曹光明", 分管副职: "彭桂英" },
    informants: ["彭桂英"],
    committee: [
      m("曹光明", "书记、主任", 2400, 5500),
      m("彭桂英", "委员", 1800, 3500),
      m("蒋学文", "委员", 1800, 3000),
    ],
    liaisons: [L.陈晓东, L.蔡琳],
  },
  {
    id: "shiqiao",
    name: "石桥村",
    kind: "村",
    officials: { 书记: "袁长林", 主任: "潘志华", 分管副职: "谭春燕" },
    informants: ["谭春燕", "杜明亮", "石小军"],
    // 杜明亮 joined the committee this year: no 星级评定 yet.
    committee: [
      m("袁长林", "书记", 2600, 6500),
      m("潘志华", "主任", 2400, 6000),
      m("谭春燕", "副书记", 2000, 4500),
      m("杜明亮", "委员", 1800, 0),
    ],
    liaisons: [L.吴海燕, L.贺明],
  },
  {
    id: "nanwan",
    name: "南湾村",
    kind: "村",
    officials: { 书记: "方国栋", 主任: "廖金水", 分管副职: "熊翠英" },
    informants: ["熊翠英", "廖志平"],
    committee: [
      m("方国栋", "书记", 2500, 6000),
      m("廖金水", "主任", 2300, 5000),
      m("熊翠英", "委员", 1800, 3500),
    ],
    liaisons: [L.吴海燕, L.龚伟],
  },
  {
    id: "gaoping",
    name: "高坪村",
    kind: "村",
    officials: { 书记: "崔宏伟", 主任: "崔宏伟", 分管副职: "姜玉兰" },
    informants: ["姜玉兰"],
    committee: [
      m("崔宏伟", "书记、主任", 2300, 5000),
      m("姜玉兰", "副主任", 1900, 4000),
      m("钟树林", "委员", 1800, 3000),
    ],
    liaisons: [L.吴海燕, L.汤静],
  },
  {
    id: "baiyang",
    name: "白杨村",
    kind: "村",
    officials: { 书记: "贾春来", 主任: "夏永刚", 分管副职: "韦秀珍" },
    informants: ["韦秀珍", "付建平"],
    committee: [
      m("贾春来", "书记", 2400, 6000),
      m("夏永刚", "主任", 2200, 5500),
      m("韦秀珍", "委员", 1800, 3500),
      m("付建平", "委员", 1800, 3500),
    ],
    liaisons: [L.郑国强, L.万涛],
  },
  {
    id: "taohua",
    name: "桃花村",
    kind: "村",
    officials: { 书记: "孟庆华", 主任: "秦志远", 分管副职: "邹丽华" },
    informants: ["邹丽华", "秦小燕"],
    committee: [
      m("孟庆华", "书记", 2500, 6500),
      m("秦志远", "主任", 2300, 5500),
      m("邹丽华", "副主任", 1900, 4000),
    ],
    liaisons: [L.郑国强, L.万涛],
  },
  {
    id: "shanghe",
    name: "上河村",
    kind: "村",
    officials: { 书记: "苏德明", 主任: "苏德明", 分管副职: "魏春梅" },
    informants: ["魏春梅"],
    committee: [
      m("苏德明", "书记、主任", 2600, 6000),
      m("魏春梅", "副书记", 2100, 5000),
      m("卢建国", "委员", 1800, 3500),
    ],
    liaisons: [L.冯志刚, L.严立],
  },
  {
    id: "beiling",
    name: "北岭村",
    kind: "村",
    officials: { 书记: "金宝山", 主任: "陆海军", 分管副职: "田秀英" },
    informants: ["田秀英", "白振宇"],
    committee: [
      m("金宝山", "书记", 2400, 5500),
      m("陆海军", "主任", 2200, 5000),
      m("田秀英", "委员", 1800, 3000),
      m("白振宇", "委员", 1800, 3000),
    ],
    liaisons: [L.冯志刚, L.雷振],
  },
];

// ---------------------------------------------------------------------------------------------
// Petitions

const rng = new Rng(SEED);
const Y0 = epochDay(YEAR, 1, 1);
const Y1 = epochDay(YEAR, 12, 31);
const d = (month: number, day: number): number => epochDay(YEAR, month, day);

let issueSeq = 0;
const newIssue = (): string => `I-${String(++issueSeq).padStart(3, "0")}`;

/** Each unit's usual matters (weights over categories). */
const flavour: Record<string, readonly (readonly [string, number])[]> = {
  "qinghe-shequ": [
    ["拆迁安置", 4],
    ["城乡建设", 4],
    ["劳动社保", 3],
    ["民政优抚", 2],
    ["婚姻家庭", 1],
    ["其他", 2],
  ],
  "jinxiu-shequ": [
    ["城乡建设", 3],
    ["民政优抚", 3],
    ["劳动社保", 2],
    ["环境保护", 2],
    ["其他", 2],
  ],
  "xinmin-shequ": [
    ["拆迁安置", 3],
    ["劳动社保", 3],
    ["城乡建设", 2],
    ["民政优抚", 2],
    ["其他", 1],
  ],
  dongpo: [
    ["土地征收", 3],
    ["城乡建设", 3],
    ["婚姻家庭", 2],
    ["民政优抚", 2],
    ["其他", 2],
  ],
  liushu: [
    ["土地征收", 2],
    ["环境保护", 3],
    ["民政优抚", 2],
    ["婚姻家庭", 2],
    ["其他", 2],
  ],
  shiqiao: [
    ["其他", 4],
    ["土地征收", 2],
    ["城乡建设", 2],
    ["民政优抚", 2],
  ],
  nanwan: [
    ["土地征收", 5],
    ["城乡建设", 2],
    ["民政优抚", 2],
    ["其他", 1],
  ],
  gaoping: [
    ["劳动社保", 3],
    ["涉法涉诉", 2],
    ["土地征收", 2],
    ["环境保护", 2],
    ["其他", 2],
  ],
  baiyang: [
    ["民政优抚", 3],
    ["城乡建设", 2],
    ["婚姻家庭", 2],
    ["其他", 2],
  ],
  taohua: [
    ["环境保护", 3],
    ["土地征收", 2],
    ["民政优抚", 2],
    ["其他", 2],
  ],
  shanghe: [
    ["土地征收", 3],
    ["城乡建设", 3],
    ["劳动社保", 2],
    ["其他", 2],
  ],
  beiling: [
    ["涉法涉诉", 2],
    ["土地征收", 2],
    ["民政优抚", 2],
    ["婚姻家庭", 2],
    ["其他", 2],
  ],
};

/** Fewer visits around the Spring Festival, more before the summer harvest and at year end. */
const MONTH_WEIGHTS = [6, 5, 9, 9, 10, 9, 8, 8, 9, 8, 9, 10];

function randomDay(from = Y0, to = Y1): number {
  for (;;) {
    const month = rng.weighted(MONTH_WEIGHTS.map((w, i) => [i + 1, w] as const));
    const first = d(month, 1);
    const last = month === 12 ? Y1 : d(month + 1, 1) - 1;
    const day = rng.int(first, last);
    if (day >= from && day <= to) return day;
  }
}

function summaryFor(category: string): string {
  return rng.pick(SUMMARIES[category] ?? (SUMMARIES["其他"] as readonly string[]));
}

/** 受理、办结、化解、满意度 as a well-run office records them. */
function handle(p: Pet, opts: { accept?: boolean; resolved?: boolean } = {}): void {
  const accept = opts.accept ?? rng.chance(0.95);
  if (!accept) return;
  p.accepted = Math.min(
    Y1,
    p.day +
      rng.weighted([
        [0, 70],
        [1, 15],
        [2, 10],
        [3, 5],
      ] as const),
  );
  if (p.accepted + 60 <= Y1) p.due = p.accepted + 60;
  const closed =
    p.accepted +
    rng.weighted([
      [rng.int(3, 20), 45],
      [rng.int(21, 45), 40],
      [rng.int(46, 60), 12],
      [rng.int(61, 75), 3],
    ] as const);
  if (closed <= Y1) {
    p.closed = closed;
    p.resolved = opts.resolved ?? rng.chance(0.93);
    p.satisfaction = p.resolved
      ? rng.weighted([
          ["满意", 70],
          ["基本满意", 25],
          ["未评价", 5],
        ] as const)
      : rng.weighted([
          ["基本满意", 30],
          ["不满意", 50],
          ["未评价", 20],
        ] as const);
  }
}

interface Spec {
  level: GLevel;
  form?: GForm;
  headcount?: number;
  day?: number;
  category?: string;
  summary?: string;
  issue?: string;
  channel?: string;
  flags?: Partial<
    Record<
      | "early_warning"
      | "persuaded_onsite"
      | "assigned_overdue"
      | "superior_urged"
      | "escalated"
      | "unfair_handling",
      boolean
    >
  >;
  accept?: boolean;
  resolved?: boolean;
}

const pets: Pet[] = [];

function add(unit: string, s: Spec): Pet {
  const category = s.category ?? rng.weighted(flavour[unit] ?? [["其他", 1]]);
  const p = blankPet(unit, s.day ?? randomDay(), s.level);
  p.sub = rng.next();
  if (s.form !== undefined) p.form = s.form;
  p.headcount =
    s.headcount ??
    (s.form === "集访"
      ? rng.int(5, 12)
      : s.form === undefined
        ? 1
        : rng.weighted([
            [1, 85],
            [2, 15],
          ] as const));
  p.channel =
    s.channel ??
    (s.level === "镇"
      ? rng.weighted([
          ["来访", 60],
          ["网上", 20],
          ["来信", 10],
          ["电话", 10],
        ] as const)
      : "来访");
  p.category = category;
  p.issue = s.issue ?? newIssue();
  p.summary = s.summary ?? summaryFor(category);
  for (const [k, v] of Object.entries(s.flags ?? {}))
    (p as unknown as Record<string, boolean>)[k] = v === true;
  handle(p, {
    ...(s.accept !== undefined ? { accept: s.accept } : {}),
    ...(s.resolved !== undefined ? { resolved: s.resolved } : {}),
  });
  pets.push(p);
  return p;
}

/** Ordinary town-level (镇) petitions: individual visits, some groups, some repeats. */
function townPetitions(unit: string, n: number): void {
  const mine: Pet[] = [];
  for (let i = 0; i < n; i++) {
    const r = rng.next();
    if (r < 0.1 && mine.length > 0) {
      // a repeat visit on an earlier matter
      const prev = rng.pick(mine);
      if (prev.day < Y1 - 10) {
        const spec: Spec = {
          level: "镇",
          form: "重访",
          day: randomDay(prev.day + 7),
          issue: prev.issue as string,
        };
        if (prev.category !== undefined) spec.category = prev.category;
        if (prev.summary !== undefined) spec.summary = prev.summary;
        mine.push(add(unit, spec));
        continue;
      }
    }
    const spec: Spec = { level: "镇" };
    if (r < 0.18) spec.form = "集访";
    else if (r < 0.24)
      spec.headcount = rng.int(2, 4); // form left to the headcount: 个访
    else spec.form = "个访";
    if (rng.chance(0.05)) spec.flags = { early_warning: true };
    mine.push(add(unit, spec));
  }
}

// Scoring petitions per unit (SPEC table: 县 个访 −1, 集访 −3, 非访 −5; 市 个访 −3, 集访 −10; 省 个访 −10).
// jinxiu-shequ: town level only — the clear first (100, clean record).
townPetitions("jinxiu-shequ", 14);

// baiyang and taohua tie at 98.5 with different patterns.
townPetitions("baiyang", 18);
add("baiyang", { level: "县", form: "个访" });
add("baiyang", { level: "县", form: "个访", flags: { early_warning: true } });

townPetitions("taohua", 20);
add("taohua", { level: "县", form: "个访" });
add("taohua", {
  level: "县",
  form: "个访",
  flags: { persuaded_onsite: true, superior_urged: true },
  day: d(8, 12),
  category: "环境保护",
  summary: "反映养殖场异味扰民问题",
});

// qinghe-shequ: the town seat, busiest ledger; one group visit to the county with the form left
// to the headcount (6 ≥ 5: 集访) that was reported in advance.
townPetitions("qinghe-shequ", 30);
add("qinghe-shequ", { level: "县", form: "个访" });
add("qinghe-shequ", { level: "县", form: "个访" });
add("qinghe-shequ", {
  level: "县",
  headcount: 6,
  category: "拆迁安置",
  summary: "反映安置房分配进度问题",
  flags: { early_warning: true },
});

townPetitions("dongpo", 22);
add("dongpo", { level: "县", form: "个访" });
add("dongpo", { level: "县", form: "个访" });
add("dongpo", { level: "县", form: "个访" });
add("dongpo", {
  level: "县",
  form: "集访",
  headcount: 7,
  category: "土地征收",
  flags: { early_warning: true, persuaded_onsite: true },
});

townPetitions("shanghe", 25);
for (let i = 0; i < 4; i++) add("shanghe", { level: "县", form: "个访" });
add("shanghe", { level: "市", form: "个访", category: "土地征收" });

townPetitions("liushu", 24);
add("liushu", { level: "县", form: "个访" });
add("liushu", { level: "县", form: "个访" });
add("liushu", {
  level: "县",
  form: "非访",
  headcount: 2,
  day: d(4, 3),
  category: "环境保护",
  summary: "反映企业夜间施工噪声问题",
  flags: { superior_urged: true },
});

// xinmin-shequ: one county case assigned back to the town and not reported in time (×2); a
// group of four (below the collective threshold: 个访); one city visit reported in advance.
townPetitions("xinmin-shequ", 28);
for (let i = 0; i < 4; i++) add("xinmin-shequ", { level: "县", form: "个访" });
add("xinmin-shequ", {
  level: "县",
  form: "个访",
  category: "劳动社保",
  summary: "反映务工工资被拖欠问题",
  flags: { assigned_overdue: true },
});
add("xinmin-shequ", { level: "县", headcount: 4, category: "拆迁安置" });
add("xinmin-shequ", {
  level: "市",
  form: "个访",
  category: "劳动社保",
  flags: { early_warning: true },
});

// shiqiao: yellow card — a group visit to the city over the handling of village affairs.
townPetitions("shiqiao", 20);
for (let i = 0; i < 3; i++) add("shiqiao", { level: "县", form: "个访" });
{
  const issue = newIssue();
  const summary = "反映村集体资产处置程序不规范问题";
  add("shiqiao", {
    level: "镇",
    form: "集访",
    headcount: 6,
    day: d(5, 28),
    category: "其他",
    summary,
    issue,
  });
  add("shiqiao", {
    level: "市",
    form: "集访",
    headcount: 9,
    day: d(6, 10),
    category: "其他",
    summary,
    issue,
    flags: { unfair_handling: true },
  });
}

// nanwan: key management — a group visit to the city on a land matter, then three repeat visits
// to the city on the same issue (the 市 重访 cells are unset in the SPEC table: coverage warnings).
townPetitions("nanwan", 18);
add("nanwan", { level: "县", form: "个访" });
add("nanwan", { level: "县", form: "个访" });
{
  const issue = newIssue();
  const summary = "反映征地补偿款分配问题";
  const base: Spec = { level: "县", category: "土地征收", summary, issue };
  add("nanwan", { ...base, level: "县", form: "个访", day: d(3, 12) });
  add("nanwan", { ...base, level: "市", form: "集访", headcount: 14, day: d(4, 8) });
  add("nanwan", {
    ...base,
    level: "市",
    form: "重访",
    headcount: 3,
    day: d(5, 20),
    resolved: false,
  });
  add("nanwan", {
    ...base,
    level: "市",
    form: "重访",
    headcount: 2,
    day: d(6, 17),
    resolved: false,
  });
  add("nanwan", { ...base, level: "市", form: "重访", headcount: 2, day: d(7, 15) });
}

// gaoping: the weakest unvetoed village.
townPetitions("gaoping", 20);
for (let i = 0; i < 4; i++) add("gaoping", { level: "县", form: "个访" });
add("gaoping", {
  level: "县",
  form: "集访",
  headcount: 8,
  category: "劳动社保",
  summary: "反映务工工资被拖欠问题",
  flags: { assigned_overdue: true },
});
add("gaoping", {
  level: "省",
  form: "个访",
  day: d(10, 21),
  category: "涉法涉诉",
  summary: "对民事判决执行情况有异议",
});

// beiling: vetoed — a petition taken to Beijing (一票否决), so it ranks last whatever its score.
townPetitions("beiling", 16);
add("beiling", { level: "县", form: "个访" });
{
  const issue = newIssue();
  const summary = "对借贷纠纷判决执行情况有异议";
  const base: Spec = { level: "县", category: "涉法涉诉", summary, issue };
  add("beiling", { ...base, level: "县", form: "个访", day: d(6, 5), accept: false });
  add("beiling", { ...base, level: "市", form: "个访", day: d(7, 23) });
  add("beiling", { ...base, level: "京", form: "个访", day: d(9, 22), resolved: false });
}

// Ledger order: by date; same-day records in the order they were logged.
pets.sort((a, b) => a.day - b.day || a.sub - b.sub);
// Issue numbers in order of first appearance.
{
  const renum = new Map<string, string>();
  for (const p of pets) {
    if (p.issue === undefined) continue;
    let n = renum.get(p.issue);
    if (n === undefined) {
      n = `I-${String(renum.size + 1).padStart(3, "0")}`;
      renum.set(p.issue, n);
    }
    p.issue = n;
  }
}

// ---------------------------------------------------------------------------------------------
// Meetings: one per month, with a few absences and leaves.

const meetingDays = [
  d(1, 14),
  d(2, 18),
  d(3, 13),
  d(4, 15),
  d(5, 14),
  d(6, 12),
  d(7, 15),
  d(8, 14),
  d(9, 16),
  d(10, 15),
  d(11, 13),
  d(12, 16),
];
const absences: Record<number, { absent?: string[]; leave?: string[] }> = {
  2: { leave: ["qinghe-shequ"] },
  3: { leave: ["jinxiu-shequ"] },
  4: { leave: ["shiqiao"] },
  5: { absent: ["liushu"] },
  6: { leave: ["dongpo"] },
  7: { leave: ["beiling", "taohua"] },
  8: { absent: ["gaoping"] },
  9: { leave: ["qinghe-shequ"] },
  10: { leave: ["shiqiao"] },
  11: { leave: ["nanwan"] },
};
const meetings: GenMeeting[] = meetingDays.map((day, i) => ({
  id: `M-${String(i + 1).padStart(2, "0")}`,
  day,
  title: `${i + 1}月信访工作例会`,
  absent: absences[i + 1]?.absent ?? [],
  leave: absences[i + 1]?.leave ?? [],
}));

// ---------------------------------------------------------------------------------------------
// Weekly reports: every owed week (Friday 17:00 deadline; 2025-W40 exempt for National Day).

const weeks = owedWeeks(YEAR, 5);
const late: Record<string, [string, string]> = {
  // unit:week → submitted (after the Friday 17:00 deadline)
  "dongpo:2025-W12": ["2025-03-24", "09:15"],
  "nanwan:2025-W27": ["2025-07-05", "10:20"],
  "gaoping:2025-W35": ["2025-08-29", "17:05"],
};
const missing = new Set(["xinmin-shequ:2025-W45"]);
const exactly = new Set(["taohua:2025-W20"]); // submitted at 17:00 sharp: on time
const resubmitted = new Set(["baiyang:2025-W18"]); // a corrected report the next Monday

const reports: GenReport[] = [];
units.forEach((u, ui) => {
  for (const w of weeks) {
    const key = `${u.id}:${w.label}`;
    if (w.label === `${YEAR}-W40`) {
      // exempt; two communities sent a zero report anyway
      if (u.id === "jinxiu-shequ" || u.id === "qinghe-shequ") {
        const at = (w.deadline - 1) * 86400 + rng.int(9 * 60, 11 * 60) * 60;
        reports.push({
          unit: u.id,
          week: w.label,
          at,
          showSeconds: false,
          zero: true,
          fileKey: at,
          unitIndex: ui,
        });
      }
      continue;
    }
    if (missing.has(key)) continue;
    const zero = rng.chance(0.65);
    let at: number;
    const lt = late[key];
    if (lt !== undefined) {
      const [day, time] = lt;
      const [y, mo, da] = day.split("-").map(Number) as [number, number, number];
      at =
        epochDay(y, mo, da) * 86400 +
        Number(time.slice(0, 2)) * 3600 +
        Number(time.slice(3, 5)) * 60;
    } else if (exactly.has(key)) {
      at = w.deadline * 86400 + 17 * 3600;
    } else {
      // Thursday afternoon or Friday before the deadline, on the quarter hour or so
      const thursday = rng.chance(0.55);
      const minutes = thursday ? rng.int(14 * 60, 18 * 60) : rng.int(8 * 60 + 30, 16 * 60 + 30);
      at = (w.deadline - (thursday ? 1 : 0)) * 86400 + Math.floor(minutes / 5) * 5 * 60;
    }
    const r: GenReport = {
      unit: u.id,
      week: w.label,
      at,
      showSeconds: false,
      fileKey: at,
      unitIndex: ui,
    };
    if (zero) r.zero = true;
    reports.push(r);
    if (resubmitted.has(key)) {
      const at2 = (w.deadline + 3) * 86400 + 9 * 3600 + 40 * 60;
      reports.push({
        unit: u.id,
        week: w.label,
        at: at2,
        showSeconds: false,
        fileKey: at2,
        unitIndex: ui,
      });
    }
  }
});
reports.sort((a, b) => a.fileKey - b.fileKey || a.unitIndex - b.unitIndex);

// ---------------------------------------------------------------------------------------------
// Files

// ---------------------------------------------------------------------------------------------
// Rules: the SPEC §7 example with a short label for every rule (what notices and scoring sheets
// call a case), clauses that read as sentences, 进京 for 京, and no table cell that a veto also
// covers (赴省非访 is vetoed, so it has no points).

function exampleRulesYaml(year: number): string {
  return `year: ${year}
title: ${year}年度村（社区）信访工作考评细则
base: 100
collective_threshold: 5
unset_cells: zero                                # empty cells score 0, and the 考评办法 says so
weekly_report:
  deadline: { weekday: 5, time: "17:00" }      # Friday 17:00, Asia/Shanghai
  exempt_weeks: [${year}-W40]
items:
  - { id: meeting-absent, clause: 无故不参加信访工作例会的, label: 无故缺席例会, ledger: meeting, when: { status: absent }, points: -5 }
  - { id: meeting-leave,  clause: 请假的, label: 例会请假, ledger: meeting, when: { status: leave }, points: -2, free: 1 }
  - { id: weekly-report,  clause: 未按时报送周排查报告或零报告的, label: 未按时报送周排查报告, ledger: weekly-report, when: { on_time: false }, points: -5 }
  - id: petition
    clause: 群众上访按去向和形式扣分
    label: 群众上访
    ledger: petition
    table:
      镇: { 个访: 0, 集访: 0, 重访: 0, 非访: 0 }
      县: { 个访: -1, 集访: -3, 非访: -5 }
      市: { 个访: -3, 集访: -10 }
      省: { 个访: -10 }                          # 赴省集访、重访、非访 and 进京: 一票否决
    modifiers:
      - { id: early-warning,    clause: 及时发现并提前报送信息、采取稳控措施的, label: 提前报送并稳控, when: { early_warning: true }, factor: 0.5 }
      - { id: persuaded-onsite, clause: 按时到位接访、劝离且未再上访的, label: 到位劝离, when: { persuaded_onsite: true }, factor: 0.5 }
      - { id: assigned-overdue, clause: 镇交办案件逾期未查清上报的, label: 交办逾期, when: { assigned_overdue: true }, factor: 2 }
vetoes:
  - { id: province,  clause: 发生赴省集访、重访、非访的, label: 赴省集访重访非访, ledger: petition, when: { level: 省, form: [集访, 重访, 非访] } }
  - { id: beijing,   clause: 发生进京上访的, label: 进京上访, ledger: petition, when: { level: 京 } }
  - { id: escalated, clause: 导致事态扩大、越级上访、影响恶劣的, label: 事态扩大, ledger: petition, when: { escalated: true } }
rewards:
  rank: [10000, 8000, 6000]
  clean_record:                                  # exclusive tiers: the first that applies
    - { clause: 全年未发生县级以上信访的, none_at_or_above: 县, amount: 10000 }
    - { clause: 全年未发生市级以上信访的, none_at_or_above: 市, amount: 2000 }
  last_place: 在年终信访工作总结会上表态发言、作出检查
sanctions:
  warning: { clause: 遇上级催办通报的, label: 上级催办, when: { superior_urged: true } }
  yellow_card:
    clause: 因村内事务处理不公引发群众赴市集访的
    when: { level: 市, form: 集访, unfair_handling: true }
    committee_subsidy_months: 2
    liaison_award_months: 2
  key_management:
    clause: 同一信访问题引发赴市集访后重访三次以上（含三次）的
    first: { level: 市, form: 集访 }
    then: { form: 重访, min_level: 市 }          # later events of the same issue
    count: 3
    months: 3
    appraisal: 三等
  veto: { committee_subsidy_months: 12, committee_star_pay: true, liaison_award_months: 12 }
`;
}

export function exampleFiles(): Map<string, string> {
  const files = new Map<string, string>();
  files.set("office.yaml", [header(1, "office"), ...yBlock(office)].join("\n") + "\n");
  files.set("leadership.yaml", [header(1, "leadership"), ...yBlock(leadership)].join("\n") + "\n");
  files.set("units.yaml", unitsYaml(units, header(1, "units")));
  files.set(`rules/${YEAR}.yaml`, `${header(2, "rules")}\n${exampleRulesYaml(YEAR)}`);
  files.set(
    `ledger/${YEAR}/petitions.yaml`,
    petitionsYaml(pets, YEAR, { header: header(3, "petitions"), blankLines: true }),
  );
  files.set(`ledger/${YEAR}/meetings.yaml`, meetingsYaml(meetings, header(3, "meetings")));
  files.set(`ledger/${YEAR}/weekly-reports.yaml`, weeklyYaml(reports, header(3, "weekly-reports")));
  return files;
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const i = process.argv.indexOf("--out");
  const out =
    i >= 0 && process.argv[i + 1] !== undefined
      ? resolve(process.argv[i + 1] as string)
      : join(dirname(fileURLToPath(import.meta.url)), "..", "..", "content");
  const files = exampleFiles();
  await writeContent(out, files);
  for (const [rel, text] of files)
    console.log(`${join(out, rel)}  (${text.split("\n").length - 1} 行)`);
  console.log(
    `petitions: ${pets.length}, meetings: ${meetings.length}, weekly reports: ${reports.length}`,
  );
}
