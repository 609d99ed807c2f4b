// Deterministic synthetic content for tests and benchmarks: a roster, a rules file and the three
// scored ledgers (petitions, meetings, weekly reports), built to stress a scoring engine — same-date
// events, derived forms around the collective threshold, modifier combinations, key-management
// near misses, unset table cells, late/missing/duplicate weekly reports, ties.
//
// Everything comes from a seeded PRNG (mulberry32); no clock, no Math.random: the same options
// always give byte-identical files.
import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";

export interface GenOptions {
  seed: number; // same seed + options => byte-identical output
  year: number; // e.g. 2025
  units: number; // number of villages/communities
  petitions: number; // number of petition records
  meetings?: number; // default 12 (one per month)
  petitionFormat?: "yaml" | "csv"; // default "yaml"
  lateRate?: number; // fraction of owed weekly reports submitted late (default 0.03)
  missingRate?: number; // fraction missing (default 0.02)
  /** "spec": rules exactly equal to the SPEC §7 example rules; "random": randomized variations. */
  rules?: "spec" | "random";
}

// ---------------------------------------------------------------------------------------------
// PRNG

/** mulberry32: tiny, fast, good enough for test data. */
export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0;
  }
  next(): number {
    const a = (this.s = (this.s + 0x6d2b79f5) | 0);
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Integer in [lo, hi] inclusive. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  pick<T>(a: readonly T[]): T {
    return a[Math.floor(this.next() * a.length)] as T;
  }
  weighted<T>(pairs: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const p of pairs) total += p[1];
    let r = this.next() * total;
    for (const p of pairs) {
      r -= p[1];
      if (r < 0) return p[0];
    }
    return (pairs[pairs.length - 1] as readonly [T, number])[0];
  }
  shuffle<T>(a: T[]): T[] {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = a[i] as T;
      a[i] = a[j] as T;
      a[j] = t;
    }
    return a;
  }
  /** `k` distinct elements of `a`, in random order. */
  sample<T>(a: readonly T[], k: number): T[] {
    return this.shuffle(a.slice()).slice(0, Math.max(0, Math.min(k, a.length)));
  }
}

/** A stream seed derived from the user seed and a label, so the parts do not share a stream. */
export function subSeed(seed: number, label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) {
    h ^= label.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h ^= Math.imul(Math.floor(seed) | 0, 0x9e3779b1);
  h ^= Math.floor(seed / 4294967296) | 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

// ---------------------------------------------------------------------------------------------
// Dates (as day numbers since 1970-01-01, UTC arithmetic — calendar only, no time zone)

const MS_DAY = 86400000;

export function epochDay(y: number, m: number, d: number): number {
  return Math.round(Date.UTC(y, m - 1, d) / MS_DAY);
}

const dayCache = new Map<number, string>();
/** `YYYY-MM-DD` of a day number. */
export function fmtDay(e: number): string {
  let s = dayCache.get(e);
  if (s === undefined) {
    s = new Date(e * MS_DAY).toISOString().slice(0, 10);
    dayCache.set(e, s);
  }
  return s;
}

export function yearOfDay(e: number): number {
  return new Date(e * MS_DAY).getUTCFullYear();
}

/** ISO weekday, 1 = Monday … 7 = Sunday. */
export function isoWeekday(e: number): number {
  return ((((e + 3) % 7) + 7) % 7) + 1;
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, "0");
}

/** ISO week label (`2025-W02`) of the week starting on Monday `monday`. */
export function isoWeekLabel(monday: number): string {
  const thursday = monday + 3;
  const y = yearOfDay(thursday);
  const w = Math.floor((thursday - epochDay(y, 1, 1)) / 7) + 1;
  return `${y}-W${pad(w, 2)}`;
}

export interface OwedWeek {
  label: string;
  monday: number;
  deadline: number; // day number of the deadline day
}

/** The weeks whose deadline day (ISO weekday) falls in `year`, in order. */
export function owedWeeks(year: number, weekday: number): OwedWeek[] {
  const start = epochDay(year, 1, 1);
  const end = epochDay(year, 12, 31);
  const out: OwedWeek[] = [];
  for (let monday = start - (isoWeekday(start) - 1); monday <= end; monday += 7) {
    const deadline = monday + weekday - 1;
    if (deadline >= start && deadline <= end)
      out.push({ label: isoWeekLabel(monday), monday, deadline });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// YAML output helpers (YAML 1.2 core schema, as the loaders read it)

const PLAIN_RE =
  /^[A-Za-z0-9_\u00a0-\u2027\u202a-\ufefe\uff00-\uffff][A-Za-z0-9_./\-\u00a0-\u2027\u202a-\ufefe\uff00-\uffff]*$/;
const CORE_SPECIAL_RE =
  /^(?:~|null|Null|NULL|true|True|TRUE|false|False|FALSE|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/;

/** A string as a YAML scalar: plain when that reads back as the same string, else double-quoted. */
export function yStr(s: string): string {
  return PLAIN_RE.test(s) && !CORE_SPECIAL_RE.test(s) ? s : JSON.stringify(s);
}

export function yScalar(v: unknown): string {
  if (typeof v === "string") return yStr(v);
  if (typeof v === "number") {
    if (!Number.isFinite(v)) throw new Error(`not a finite number: ${v}`);
    return String(v);
  }
  if (typeof v === "boolean") return v ? "true" : "false";
  if (v === null) return "null";
  throw new Error(`not a scalar: ${String(v)}`);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** One-line flow rendering: `{ a: 1, b: [x, y] }`. */
export function yFlow(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(yFlow).join(", ")}]`;
  if (isPlainObject(v)) {
    const parts = Object.entries(v)
      .filter(([, x]) => x !== undefined)
      .map(([k, x]) => `${yStr(k)}: ${yFlow(x)}`);
    return parts.length === 0 ? "{}" : `{ ${parts.join(", ")} }`;
  }
  return yScalar(v);
}

const FLOW_WIDTH = 120;

/** Display width: CJK and full-width characters count double. */
function width(s: string): number {
  let w = 0;
  for (let i = 0; i < s.length; i++) w += s.charCodeAt(i) >= 0x1100 ? 2 : 1;
  return w;
}

/** Block rendering of a mapping; small nested values go on one line in flow style. */
export function yBlock(obj: Record<string, unknown>, indent = 0): string[] {
  const padS = " ".repeat(indent);
  const out: string[] = [];
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined) continue;
    const key = `${padS}${yStr(k)}:`;
    if (!Array.isArray(v) && !isPlainObject(v)) {
      out.push(`${key} ${yScalar(v)}`);
      continue;
    }
    const flow = yFlow(v);
    const hasObjectItems = Array.isArray(v) && v.some((x) => isPlainObject(x) || Array.isArray(x));
    if (width(flow) + width(key) <= FLOW_WIDTH && !(hasObjectItems && v.length > 1)) {
      out.push(`${key} ${flow}`);
      continue;
    }
    out.push(key);
    if (isPlainObject(v)) {
      out.push(...yBlock(v, indent + 2));
      continue;
    }
    for (const item of v) {
      const itemPad = `${padS}  - `;
      if (isPlainObject(item)) {
        const f = yFlow(item);
        if (width(f) + itemPad.length <= FLOW_WIDTH + 60) {
          out.push(itemPad + f);
        } else {
          const lines = yBlock(item, indent + 4);
          if (lines.length > 0) lines[0] = itemPad + (lines[0] as string).slice(indent + 4);
          out.push(...lines);
        }
      } else {
        out.push(itemPad + yFlow(item));
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Vocabulary

export const LEVEL_LIST = ["镇", "县", "市", "省", "京"] as const;
export const FORM_LIST = ["个访", "集访", "重访", "非访"] as const;
export type GLevel = (typeof LEVEL_LIST)[number];
export type GForm = (typeof FORM_LIST)[number];

export const CATEGORIES = [
  "土地征收",
  "拆迁安置",
  "劳动社保",
  "涉法涉诉",
  "民政优抚",
  "城乡建设",
  "环境保护",
  "婚姻家庭",
  "其他",
] as const;

/** Short neutral descriptions per category (invented; no personal details). */
// prettier-ignore
export const SUMMARIES: Record<string, readonly string[]> = {
  土地征收: ["反映征地补偿款分配问题", "反映承包地被占用后补偿未到位", "咨询土地征收补偿标准", "反映青苗补偿费发放问题", "反映集体土地流转收益分配问题"],
  拆迁安置: ["反映安置房分配进度问题", "反映拆迁过渡费发放问题", "反映安置小区配套设施问题", "对房屋拆迁评估结果有异议"],
  劳动社保: ["反映务工工资被拖欠问题", "反映养老保险待遇认定问题", "反映工伤赔偿问题", "咨询城乡居民医保缴费政策", "反映灵活就业社保补贴问题"],
  涉法涉诉: ["对民事判决执行情况有异议", "反映借贷纠纷诉讼进展问题", "对治安案件处理结果有异议"],
  民政优抚: ["申请最低生活保障", "反映优抚待遇落实问题", "反映临时救助申请问题", "咨询残疾人补贴政策", "反映高龄津贴发放问题"],
  城乡建设: ["反映村道硬化施工质量问题", "反映宅基地审批问题", "反映排水沟渠堵塞问题", "反映路灯损坏未修复", "反映危房改造补助问题"],
  环境保护: ["反映养殖场异味扰民问题", "反映企业夜间施工噪声问题", "反映河道垃圾清理问题", "反映秸秆焚烧问题"],
  婚姻家庭: ["反映家庭赡养纠纷", "反映邻里宅基地边界纠纷", "反映家庭财产分割纠纷"],
  其他: ["反映村务公开问题", "反映集体资产处置问题", "咨询惠农补贴政策", "反映自来水供水不稳定问题", "反映村级财务公开问题"],
};

/** Awkward texts that need quoting in YAML and CSV. */
const AWKWARD_SUMMARIES = [
  '反映"一事一议"项目资金使用问题',
  "反映灌溉用水,排水沟渠问题",
  "反映: 村组账目公开不及时",
  "# 反映宅基地确权问题",
  "反映道路维修问题\n补充材料另附",
  "- 反映低保评审问题",
  "2025",
  "true",
];

// prettier-ignore
const NAME_CHARS: readonly (readonly [string, string])[] = [
  ["东", "dong"], ["西", "xi"], ["南", "nan"], ["北", "bei"], ["山", "shan"], ["河", "he"], ["湖", "hu"],
  ["桥", "qiao"], ["石", "shi"], ["柳", "liu"], ["杨", "yang"], ["桃", "tao"], ["梅", "mei"], ["松", "song"],
  ["竹", "zhu"], ["兰", "lan"], ["荷", "he"], ["青", "qing"], ["红", "hong"], ["白", "bai"], ["黄", "huang"],
  ["金", "jin"], ["银", "yin"], ["新", "xin"], ["安", "an"], ["平", "ping"], ["和", "he"], ["兴", "xing"],
  ["隆", "long"], ["丰", "feng"], ["富", "fu"], ["康", "kang"], ["宁", "ning"], ["泰", "tai"], ["福", "fu"],
  ["庆", "qing"], ["吉", "ji"], ["祥", "xiang"], ["长", "chang"], ["永", "yong"], ["春", "chun"], ["秋", "qiu"],
  ["马", "ma"], ["龙", "long"], ["凤", "feng"], ["鹤", "he"], ["岭", "ling"], ["坪", "ping"], ["湾", "wan"],
  ["沟", "gou"], ["塘", "tang"], ["坝", "ba"], ["营", "ying"], ["店", "dian"], ["庄", "zhuang"], ["岗", "gang"],
  ["林", "lin"], ["田", "tian"], ["园", "yuan"], ["泉", "quan"], ["溪", "xi"], ["井", "jing"], ["峰", "feng"],
  ["坡", "po"], ["源", "yuan"], ["沙", "sha"], ["芦", "lu"], ["麦", "mai"], ["禾", "he"], ["茶", "cha"],
  ["桑", "sang"], ["枣", "zao"], ["槐", "huai"], ["云", "yun"], ["星", "xing"], ["月", "yue"], ["华", "hua"],
];

// prettier-ignore
const SURNAMES = [
  "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "高",
  "林", "罗", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "袁",
  "潘", "于", "蒋", "蔡", "余", "杜", "叶", "程", "苏", "魏", "吕", "丁", "任", "沈", "姚", "卢", "姜", "崔",
  "钟", "谭", "陆", "汪", "范", "金", "石", "廖", "贾", "夏", "韦", "付", "方", "白", "邹", "孟", "熊", "秦",
];
// prettier-ignore
const GIVEN = [
  "建", "国", "明", "芳", "伟", "强", "敏", "静", "丽", "军", "磊", "洋", "勇", "艳", "杰", "娟", "涛", "超",
  "霞", "平", "刚", "桂", "英", "华", "红", "玉", "兰", "志", "文", "斌", "辉", "鹏", "春", "海", "燕", "波",
  "宁", "秀", "云", "林", "峰", "亮", "德", "成", "新", "荣", "福", "金", "凤", "梅", "玲", "东", "晓", "振",
  "立", "永", "庆", "光", "学", "长", "胜", "安", "雪", "琴", "宏", "利", "启", "彬", "欣", "宇", "浩", "晨",
];

export function personName(rng: Rng): string {
  const s = rng.pick(SURNAMES);
  return rng.chance(0.7) ? s + rng.pick(GIVEN) + rng.pick(GIVEN) : s + rng.pick(GIVEN);
}

// ---------------------------------------------------------------------------------------------
// Units

type Profile = "quiet" | "clean" | "county" | "normal";

interface CommitteeOut {
  name: string;
  role: string;
  monthly_subsidy?: number;
  star_pay?: number;
}
interface LiaisonOut {
  name: string;
  role: "包村领导" | "包村干部";
  monthly_award?: number;
}

export interface GenUnit {
  id: string;
  name: string;
  kind: "村" | "社区";
  officials: { 书记?: string; 主任?: string; 分管副职?: string };
  informants: string[];
  committee: CommitteeOut[];
  liaisons: LiaisonOut[];
  // generator-only
  profile: Profile;
  /** Index of the unit whose events this one copies exactly (a scripted tie), or -1. */
  twinOf: number;
  weight: number;
  absentP: number;
  leaveP: number;
}

function makeUnits(n: number, rng: Rng): GenUnit[] {
  const names = new Set<string>();
  const ids = new Set<string>();
  const units: GenUnit[] = [];
  for (let i = 0; i < n; i++) {
    const kind: "村" | "社区" = rng.chance(0.15) ? "社区" : "村";
    let stem: string;
    let py: string;
    for (let attempt = 0; ; attempt++) {
      const len = attempt < 12 ? 2 : attempt < 40 ? 3 : 4;
      const chars: (readonly [string, string])[] = [];
      while (chars.length < len) {
        const c = rng.pick(NAME_CHARS);
        if (!chars.some((x) => x[0] === c[0])) chars.push(c);
      }
      stem = chars.map((c) => c[0]).join("");
      py = chars.map((c) => c[1]).join("");
      if (!names.has(stem + kind)) break;
    }
    const name = stem + kind;
    names.add(name);
    let id = kind === "社区" ? `${py}-shequ` : py;
    if (ids.has(id)) {
      let k = 2;
      while (ids.has(`${id}-${k}`)) k++;
      id = `${id}-${k}`;
    }
    ids.add(id);

    // 两委成员: 2–5 people, unique within the unit.
    const size = rng.int(2, 5);
    const people = new Set<string>();
    while (people.size < size) people.add(personName(rng));
    const members = [...people];
    const combined = rng.chance(0.4); // 书记、主任“一肩挑”
    const roles: string[] = combined ? ["书记、主任"] : ["书记", "主任"];
    const rest = ["副书记", "副主任", "委员", "委员", "委员"];
    const committee: CommitteeOut[] = members.map((name, k) => {
      const role = roles[k] ?? rest[k - roles.length] ?? "委员";
      const m: CommitteeOut = { name, role };
      const r = rng.next();
      if (r < 0.05) m.monthly_subsidy = 0;
      else if (r < 0.08) {
        /* omitted: defaults to 0 */
      } else m.monthly_subsidy = rng.int(15, 32) * 100;
      const s = rng.next();
      if (s < 0.08) m.star_pay = 0;
      else if (s < 0.1) {
        /* omitted */
      } else m.star_pay = rng.int(4, 16) * 500;
      return m;
    });
    const officials: GenUnit["officials"] = {
      书记: members[0],
      主任: combined ? members[0] : members[1],
    };
    const deputy = members[combined ? 1 : 2] ?? members[members.length - 1];
    if (deputy !== undefined && rng.chance(0.9)) officials.分管副职 = deputy;
    const informants = new Set<string>();
    const ni = rng.int(1, 3);
    while (informants.size < ni)
      informants.add(rng.chance(0.3) ? rng.pick(members) : personName(rng));

    units.push({
      id,
      name,
      kind,
      officials,
      informants: [...informants],
      committee,
      liaisons: [],
      profile: "normal",
      twinOf: -1,
      weight: 0.2 + 3 * rng.next() ** 2,
      absentP: rng.weighted([
        [0, 60],
        [0.03, 25],
        [0.12, 15],
      ] as const),
      leaveP: rng.weighted([
        [0, 35],
        [0.08, 30],
        [0.2, 25],
        [0.4, 10],
      ] as const),
    });
  }

  // 包村领导 / 包村干部: unique names across the roster; one person covers 1–3 units with one award.
  const used = new Set<string>();
  for (const u of units) for (const c of u.committee) used.add(c.name);
  const freshName = (): string => {
    for (;;) {
      const s = personName(rng);
      if (!used.has(s)) {
        used.add(s);
        return s;
      }
    }
  };
  const assign = (
    role: "包村领导" | "包村干部",
    sizes: readonly (readonly [number, number])[],
    awards: readonly number[],
    skip: number,
  ) => {
    const order = rng.shuffle(units.map((_, i) => i));
    let k = 0;
    while (k < order.length) {
      if (rng.chance(skip)) {
        k++;
        continue;
      }
      const size = rng.weighted(sizes);
      const name = freshName();
      const award = rng.pick(awards);
      const omit = award === 0 && rng.chance(0.5);
      for (let j = 0; j < size && k < order.length; j++, k++) {
        const u = units[order[k] as number] as GenUnit;
        u.liaisons.push(omit ? { name, role } : { name, role, monthly_award: award });
      }
    }
  };
  assign(
    "包村领导",
    [
      [1, 20],
      [2, 45],
      [3, 35],
    ],
    [0, 600, 800, 800, 1000, 1200],
    0.02,
  );
  assign(
    "包村干部",
    [
      [1, 70],
      [2, 30],
    ],
    [0, 500, 500, 600, 700],
    0.05,
  );
  for (const u of units)
    u.liaisons.sort((a, b) => (a.role === b.role ? 0 : a.role === "包村领导" ? -1 : 1));

  // Profiles: a few quiet units (score exactly base: ties), clean and county-only units for the
  // clean-record tiers, and twin pairs whose events are copies (ties with a non-trivial score).
  const order = rng.shuffle(units.map((_, i) => i));
  let k = 0;
  const quiet = n >= 8 ? Math.max(2, Math.round(n * 0.05)) : 0;
  for (let j = 0; j < quiet; j++) (units[order[k++] as number] as GenUnit).profile = "quiet";
  const pairs = n >= 10 ? Math.max(1, Math.round(n * 0.02)) : 0;
  for (let j = 0; j < pairs; j++) {
    const a = units[order[k++] as number] as GenUnit;
    const bIndex = order[k++] as number;
    const b = units[bIndex] as GenUnit;
    const aIndex = units.indexOf(a);
    a.profile = "normal";
    b.profile = "normal";
    b.twinOf = aIndex;
    b.absentP = a.absentP;
    b.leaveP = a.leaveP;
  }
  while (k < order.length) {
    const u = units[order[k++] as number] as GenUnit;
    u.profile = rng.weighted([
      ["clean", 8],
      ["county", 15],
      ["normal", 77],
    ] as const);
  }
  for (const u of units) {
    if (u.profile === "quiet") {
      u.absentP = 0;
      u.leaveP = 0;
      u.weight = 0;
    }
  }
  return units;
}

export interface UnitYamlInput {
  id: string;
  name: string;
  kind: string;
  officials: Record<string, string | undefined>;
  informants: readonly string[];
  committee: readonly CommitteeOut[];
  liaisons: readonly LiaisonOut[];
}

/** units.yaml in the SPEC §7 layout (one flow mapping per person). */
export function unitsYaml(units: readonly UnitYamlInput[], header = ""): string {
  const out: string[] = [];
  if (header) out.push(header);
  out.push("units:");
  for (const u of units) {
    out.push(`  - id: ${yStr(u.id)}`);
    out.push(`    name: ${yStr(u.name)}`);
    out.push(`    kind: ${yStr(u.kind)}`);
    const off: Record<string, string> = {};
    for (const [k, v] of Object.entries(u.officials)) if (v !== undefined) off[k] = v;
    out.push(`    officials: ${yFlow(off)}`);
    out.push(`    informants: ${yFlow(u.informants)}`);
    if (u.committee.length === 0) out.push("    committee: []");
    else {
      out.push("    committee:");
      for (const c of u.committee) out.push(`      - ${yFlow(c)}`);
    }
    if (u.liaisons.length === 0) out.push("    liaisons: []");
    else {
      out.push("    liaisons:");
      for (const l of u.liaisons) out.push(`      - ${yFlow(l)}`);
    }
  }
  return out.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// Rules

/** What the event generators need to know about the rules. */
interface RuleParams {
  threshold: number;
  weekday: number;
  time: string; // HH:MM
  exempt: Set<string>;
  kmCount: number;
  kmMinLevel: GLevel;
}

/** The SPEC §7 example rules, verbatim, for `year`. */
export function specRulesYaml(year: number): string {
  return `year: ${year}
title: ${year}年度村（社区）信访工作考评细则
base: 100
collective_threshold: 5
weekly_report:
  deadline: { weekday: 5, time: "17:00" }      # Friday 17:00, Asia/Shanghai
  exempt_weeks: [${year}-W40]
items:
  - { id: meeting-absent, clause: 无故不参加信访工作例会的, ledger: meeting, when: { status: absent }, points: -5 }
  - { id: meeting-leave,  clause: 请假的（第一次不扣分）, ledger: meeting, when: { status: leave }, points: -2, free: 1 }
  - { id: weekly-report,  clause: 未按时报送周排查报告或零报告的, ledger: weekly-report, when: { on_time: false }, points: -5 }
  - id: petition
    clause: 群众越级上访的
    ledger: petition
    table:
      镇: { 个访: 0, 集访: 0, 重访: 0, 非访: 0 }
      县: { 个访: -1, 集访: -3, 非访: -5 }
      市: { 个访: -3, 集访: -10 }
      省: { 个访: -10, 非访: -20 }
    modifiers:
      - { id: early-warning,    clause: 及时发现并提前报送信息、采取稳控措施的, when: { early_warning: true }, factor: 0.5 }
      - { id: persuaded-onsite, clause: 按时到位接访、劝离且未再上访的, when: { persuaded_onsite: true }, factor: 0.5 }
      - { id: assigned-overdue, clause: 镇交办案件逾期未查清上报的, when: { assigned_overdue: true }, factor: 2 }
vetoes:
  - { id: province,  clause: 发生赴省集访、重访、非访的, ledger: petition, when: { level: 省, form: [集访, 重访, 非访] } }
  - { id: beijing,   clause: 发生赴京上访的, ledger: petition, when: { level: 京 } }
  - { id: escalated, clause: 导致事态扩大、越级上访、影响恶劣的, ledger: petition, when: { escalated: true } }
rewards:
  rank: [10000, 8000, 6000]
  clean_record:                                  # exclusive tiers: the first that applies
    - { clause: 全年未发生县级以上信访的, none_at_or_above: 县, amount: 10000 }
    - { clause: 全年未发生市级以上信访的, none_at_or_above: 市, amount: 2000 }
  last_place: 在年终信访工作总结会上表态发言、作出检查
sanctions:
  warning: { clause: 遇上级催办通报的, when: { superior_urged: true } }
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

function specParams(year: number): RuleParams {
  return {
    threshold: 5,
    weekday: 5,
    time: "17:00",
    exempt: new Set([`${year}-W40`]),
    kmCount: 3,
    kmMinLevel: "市",
  };
}

const CN_NUM = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

function randomRules(year: number, rng: Rng): { text: string; params: RuleParams } {
  const weekday = rng.int(1, 7);
  const time = rng.pick([
    "17:00",
    "17:00",
    "17:00",
    "12:00",
    "18:30",
    "09:00",
    "23:59",
    "00:00",
    "16:45",
  ]);
  const threshold = rng.int(3, 8);
  const owed = owedWeeks(year, weekday);
  const exempt = rng.sample(
    owed.map((w) => w.label),
    rng.int(0, 4),
  );

  const items: Record<string, unknown>[] = [];
  const absentPts = rng.pick([-5, -5, -3, -10, -2.5]);
  items.push({
    id: "meeting-absent",
    clause: "无故不参加信访工作例会的",
    ledger: "meeting",
    when: { status: "absent" },
    points: absentPts,
  });
  const leaveFree = rng.pick([0, 1, 1, 2, 3]);
  items.push({
    id: "meeting-leave",
    clause: leaveFree > 0 ? `请假的（前${CN_NUM[leaveFree]}次不扣分）` : "请假的",
    ledger: "meeting",
    when: { status: "leave" },
    points: rng.pick([-2, -1, -1.5, -0.5, -0.3]),
    free: leaveFree,
  });
  if (rng.chance(0.3)) {
    items.push({
      id: "meeting-any",
      clause: "例会缺席或请假累计超过两次的",
      ledger: "meeting",
      when: { status: ["absent", "leave"] },
      points: -0.1,
      free: 2,
    });
  }
  const weeklyFree = rng.pick([0, 0, 0, 1, 2]);
  items.push({
    id: "weekly-report",
    clause:
      weeklyFree > 0
        ? `未按时报送周排查报告或零报告的（前${CN_NUM[weeklyFree]}次不扣分）`
        : "未按时报送周排查报告或零报告的",
    ledger: "weekly-report",
    when: { on_time: false },
    points: rng.pick([-5, -5, -2, -1, -0.5, -3, -0.1]),
    free: weeklyFree,
  });

  // The petition table, with some cells (and sometimes whole rows) unset.
  const cellValues: Record<GLevel, readonly number[]> = {
    镇: [0, 0, 0, -0.5, -0.1],
    县: [-1, -1, -2, -3, -5, -1.5, -0.3],
    市: [-3, -3, -5, -10, -6.5, -0.7],
    省: [-10, -10, -15, -20, -12.5],
    京: [-20, -30, -50],
  };
  const table: Record<string, Record<string, number>> = {};
  for (const level of LEVEL_LIST) {
    if (!rng.chance(level === "京" ? 0.3 : 0.92)) continue;
    const row: Record<string, number> = {};
    for (const form of FORM_LIST) if (rng.chance(0.75)) row[form] = rng.pick(cellValues[level]);
    table[level] = row;
  }
  const modifierPool: Record<string, unknown>[] = [
    {
      id: "early-warning",
      clause: "及时发现并提前报送信息、采取稳控措施的",
      when: { early_warning: true },
      factor: rng.pick([0.5, 0.5, 0.25, 0.75]),
    },
    {
      id: "persuaded-onsite",
      clause: "按时到位接访、劝离且未再上访的",
      when: { persuaded_onsite: true },
      factor: rng.pick([0.5, 0.5, 0.25]),
    },
    {
      id: "assigned-overdue",
      clause: "镇交办案件逾期未查清上报的",
      when: { assigned_overdue: true },
      factor: rng.pick([2, 2, 1.5, 3]),
    },
    {
      id: "land-collective",
      clause: "因土地征收、拆迁安置问题引发集访的",
      when: { form: "集访", category: ["土地征收", "拆迁安置"] },
      factor: 1.5,
    },
    {
      id: "online",
      clause: "通过网上渠道反映、未到现场的",
      when: { channel: "网上" },
      factor: 0.5,
    },
  ];
  const modifiers = modifierPool.filter((_, i) => rng.chance(i < 3 ? 0.85 : 0.3));
  items.push({ id: "petition", clause: "群众越级上访的", ledger: "petition", table, modifiers });

  // Extra petition items with when-conditions on other fields.
  if (rng.chance(0.5)) {
    items.push({
      id: "land-city",
      clause: "因土地征收、拆迁安置问题引发赴市以上信访的",
      ledger: "petition",
      when: { category: ["土地征收", "拆迁安置"], level: ["市", "省", "京"] },
      points: rng.pick([-2, -1, -0.5]),
      free: rng.pick([0, 1]),
    });
  }
  if (rng.chance(0.4)) {
    items.push({
      id: "online-handled",
      clause: "网上信访在镇级及时受理办理的",
      ledger: "petition",
      when: { channel: "网上", level: "镇" },
      points: 0.5,
    });
  }
  if (rng.chance(0.4)) {
    items.push({
      id: "near-collective",
      clause: `${threshold - 1}人以上${threshold + 1}人以下联名或结伴上访的`,
      ledger: "petition",
      when: { headcount: [threshold - 1, threshold, threshold + 1] },
      points: -0.1,
    });
  }
  if (rng.chance(0.4)) {
    items.push({
      id: "early-report-bonus",
      clause: "主动排查、提前报送信访苗头的",
      ledger: "petition",
      when: { early_warning: true },
      points: 1,
      modifiers: [{ id: "town-level", clause: "化解在镇级的", when: { level: "镇" }, factor: 2 }],
    });
  }
  if (rng.chance(0.3)) {
    items.push({
      id: "overdue-unpersuaded",
      clause: "交办案件逾期且未能劝离的",
      ledger: "petition",
      when: { assigned_overdue: true, persuaded_onsite: false },
      points: -1,
      free: 1,
    });
  }
  if (rng.chance(0.3)) {
    items.push({
      id: "collective-any",
      clause: "发生集访的",
      ledger: "petition",
      when: { form: "集访" },
      points: -0.3,
    });
  }

  const provinceForms = FORM_LIST.filter((f) => f !== "个访" && rng.chance(0.8));
  const vetoes: Record<string, unknown>[] = [];
  if (provinceForms.length > 0) {
    vetoes.push({
      id: "province",
      clause: "发生赴省集访、重访、非访的",
      ledger: "petition",
      when: { level: "省", form: provinceForms },
    });
  }
  if (rng.chance(0.9))
    vetoes.push({
      id: "beijing",
      clause: "发生赴京上访的",
      ledger: "petition",
      when: { level: "京" },
    });
  if (rng.chance(0.9))
    vetoes.push({
      id: "escalated",
      clause: "导致事态扩大、越级上访、影响恶劣的",
      ledger: "petition",
      when: { escalated: true },
    });
  if (rng.chance(0.3))
    vetoes.push({
      id: "city-abnormal",
      clause: "发生赴市非访的",
      ledger: "petition",
      when: { level: "市", form: "非访" },
    });

  const rankAll = rng.pick([
    [10000, 8000, 6000, 4000, 2000],
    [5000, 5000, 3000, 3000, 1000],
    [20000, 10000, 5000, 3000, 2000],
  ]);
  const rank = rankAll.slice(0, rng.int(0, 5));
  const tiers = rng.sample(["县", "市", "省"] as const, rng.int(0, 3)).map((lvl) => ({
    clause: `全年未发生${lvl}级以上信访的`,
    none_at_or_above: lvl,
    amount: rng.pick([10000, 5000, 2000, 1000, 0]),
  }));
  const rewards: Record<string, unknown> = { rank, clean_record: tiers };
  if (rng.chance(0.8)) rewards.last_place = "在年终信访工作总结会上表态发言、作出检查";

  const sanctions: Record<string, unknown> = {};
  if (rng.chance(0.85)) {
    sanctions.warning = rng.chance(0.7)
      ? { clause: "遇上级催办通报的", when: { superior_urged: true } }
      : {
          clause: "县级以上信访遇上级催办通报的",
          when: { superior_urged: true, level: ["县", "市", "省", "京"] },
        };
  }
  if (rng.chance(0.85)) {
    sanctions.yellow_card = {
      clause: "因村内事务处理不公引发群众赴市集访的",
      when: rng.chance(0.7)
        ? { level: "市", form: "集访", unfair_handling: true }
        : { level: ["市", "省"], form: "集访", unfair_handling: true },
      committee_subsidy_months: rng.int(1, 4),
      liaison_award_months: rng.int(0, 4),
    };
  }
  let kmCount = 3;
  let kmMinLevel: GLevel = "市";
  if (rng.chance(0.85)) {
    kmCount = rng.int(1, 4);
    kmMinLevel = rng.pick(["市", "市", "县"] as const);
    sanctions.key_management = {
      clause: `同一信访问题引发赴市集访后重访${CN_NUM[kmCount]}次以上（含${CN_NUM[kmCount]}次）的`,
      first: rng.chance(0.7)
        ? { level: "市", form: "集访" }
        : { level: ["市", "省"], form: "集访" },
      then: rng.chance(0.8)
        ? { form: "重访", min_level: kmMinLevel }
        : { form: ["重访"], min_level: kmMinLevel },
      count: kmCount,
      months: rng.pick([1, 2, 3, 3, 6]),
      appraisal: rng.pick(["三等", "三等", "基本称职"]),
    };
  }
  if (rng.chance(0.8)) {
    sanctions.veto = {
      committee_subsidy_months: rng.pick([12, 12, 6, 3]),
      committee_star_pay: rng.chance(0.8),
      liaison_award_months: rng.pick([12, 12, 6, 0]),
    };
  }

  const rules: Record<string, unknown> = {
    year,
    title: `${year}年度村（社区）信访工作考评细则`,
    base: rng.pick([100, 100, 100, 80, 120, 99.5]),
    collective_threshold: threshold,
    weekly_report: { deadline: { weekday, time }, exempt_weeks: exempt },
    items,
    vetoes,
    rewards,
    sanctions,
  };
  const text = yBlock(rules).join("\n") + "\n";
  return {
    text,
    params: { threshold, weekday, time, exempt: new Set(exempt), kmCount, kmMinLevel },
  };
}

// ---------------------------------------------------------------------------------------------
// Petitions

export interface Pet {
  day: number;
  sub: number; // tiebreak within a day (ledger order)
  pinned: boolean; // keep relative order (scripted scenarios)
  unit: string;
  level: GLevel;
  form?: GForm;
  headcount?: number;
  channel?: string;
  category?: string;
  issue?: string;
  summary?: string;
  early_warning: boolean;
  persuaded_onsite: boolean;
  assigned_overdue: boolean;
  superior_urged: boolean;
  escalated: boolean;
  unfair_handling: boolean;
  accepted?: number;
  due?: number;
  closed?: number;
  resolved?: boolean;
  satisfaction?: string;
  /** Write `satisfied:` (the alias) instead of `satisfaction:`. */
  satAlias?: boolean;
  /** A false flag to write explicitly (`escalated: false`). */
  explicitFalse?: string;
  /** CSV: write false booleans as 否 instead of an empty cell. */
  csvNo?: boolean;
}

export function blankPet(unit: string, day: number, level: GLevel): Pet {
  return {
    day,
    sub: 0,
    pinned: false,
    unit,
    level,
    early_warning: false,
    persuaded_onsite: false,
    assigned_overdue: false,
    superior_urged: false,
    escalated: false,
    unfair_handling: false,
  };
}

interface YearCtx {
  year: number;
  start: number; // day number of Jan 1
  end: number; // day number of Dec 31
  days: number;
}

function yearCtx(year: number): YearCtx {
  const start = epochDay(year, 1, 1);
  const end = epochDay(year, 12, 31);
  return { year, start, end, days: end - start + 1 };
}

const FLAG_KEYS = [
  "early_warning",
  "persuaded_onsite",
  "assigned_overdue",
  "superior_urged",
  "escalated",
  "unfair_handling",
] as const;

class PetitionMaker {
  private rng: Rng;
  private y: YearCtx;
  private p: RuleParams;
  private hotDays: number[];
  private issueSeq = 0;
  private pJing: number;
  private pSheng: number;
  private pEsc: number;
  readonly issuesByUnit = new Map<string, string[]>();

  constructor(rng: Rng, y: YearCtx, p: RuleParams, avgPerUnit: number) {
    this.rng = rng;
    this.y = y;
    this.p = p;
    const nHot = rng.int(8, 15);
    this.hotDays = [];
    for (let i = 0; i < nHot; i++) this.hotDays.push(y.start + rng.int(0, y.days - 1));
    const a = Math.max(1, avgPerUnit);
    this.pJing = Math.min(0.01, 0.08 / a);
    this.pSheng = Math.min(0.05, 0.4 / a);
    this.pEsc = Math.min(0.003, 0.04 / a);
  }

  newIssue(): string {
    this.issueSeq++;
    return `I-${this.issueSeq}`;
  }

  randomDay(): number {
    return this.rng.chance(0.25)
      ? this.rng.pick(this.hotDays)
      : this.y.start + this.rng.int(0, this.y.days - 1);
  }

  levelFor(profile: Profile): GLevel {
    const r = this.rng.next();
    if (profile === "clean") return "镇";
    if (profile === "county") return r < 0.6 ? "镇" : "县";
    if (r < this.pJing) return "京";
    if (r < this.pJing + this.pSheng) return "省";
    if (r < this.pJing + this.pSheng + 0.14) return "市";
    if (r < this.pJing + this.pSheng + 0.5) return "县";
    return "镇";
  }

  /** Headcount for a record without `form`, clustered around the collective threshold. */
  derivedHeadcount(): number {
    const t = this.p.threshold;
    return this.rng.weighted([
      [t - 1, 25],
      [t, 25],
      [t + 1, 10],
      [1, 20],
      [Math.max(1, this.rng.int(2, Math.max(2, t - 2))), 10],
      [this.rng.int(t + 2, t + 30), 10],
    ] as const);
  }

  formAndHeadcount(pet: Pet): void {
    const rng = this.rng;
    const t = this.p.threshold;
    if (rng.chance(0.25)) {
      pet.headcount = this.derivedHeadcount();
      return;
    }
    const form = rng.weighted([
      ["个访", 62],
      ["集访", 14],
      ["重访", 14],
      ["非访", 10],
    ] as const);
    pet.form = form;
    if (rng.chance(0.2)) return; // headcount omitted
    if (form === "集访")
      pet.headcount = rng.chance(0.04) ? rng.int(2, Math.max(2, t - 1)) : rng.int(t, t + 35);
    else if (rng.chance(0.03))
      pet.headcount = rng.int(t, t + 10); // a given form is used as is
    else
      pet.headcount =
        form === "个访"
          ? rng.weighted([
              [1, 85],
              [2, 15],
            ] as const)
          : rng.int(1, 3);
  }

  flags(pet: Pet): void {
    const rng = this.rng;
    pet.early_warning = rng.chance(0.08);
    pet.persuaded_onsite = rng.chance(0.06);
    pet.assigned_overdue = rng.chance(0.05);
    pet.superior_urged = rng.chance(pet.level === "镇" ? 0.005 : 0.025);
    pet.escalated = rng.chance(this.pEsc);
    const cityCollective =
      pet.level === "市" &&
      (pet.form === "集访" || (pet.form === undefined && (pet.headcount ?? 0) >= this.p.threshold));
    pet.unfair_handling = rng.chance(cityCollective ? 0.3 : 0.01);
    if (rng.chance(0.02)) pet.explicitFalse = rng.pick(FLAG_KEYS.filter((k) => !pet[k]));
  }

  details(pet: Pet): void {
    const rng = this.rng;
    if (rng.chance(0.93))
      pet.channel = rng.weighted([
        ["来访", 60],
        ["网上", 20],
        ["来信", 12],
        ["电话", 8],
      ] as const);
    if (rng.chance(0.95)) {
      pet.category = rng.chance(0.01)
        ? rng.pick(["教育医疗", "交通运输", "农村水利"])
        : rng.pick(CATEGORIES);
    }
    if (rng.chance(0.85)) {
      pet.summary = rng.chance(0.004)
        ? rng.pick(AWKWARD_SUMMARIES)
        : rng.pick(SUMMARIES[pet.category ?? "其他"] ?? (SUMMARIES["其他"] as readonly string[]));
    }
    pet.csvNo = rng.chance(0.5);
  }

  /** 受理 / 期限 / 办结 / 化解 / 满意度, consistent and inside the year. */
  handling(pet: Pet): void {
    const rng = this.rng;
    const end = this.y.end;
    if (!rng.chance(0.88)) {
      if (rng.chance(0.1)) pet.satisfaction = "未评价";
      return;
    }
    pet.accepted = Math.min(end, pet.day + (rng.chance(0.6) ? 0 : rng.int(1, 7)));
    const r = rng.next();
    if (r < 0.4) {
      const due = pet.accepted + 60;
      if (due <= end) pet.due = due;
    } else if (r < 0.5) {
      const due = pet.accepted + rng.pick([15, 30]);
      if (due <= end) pet.due = due;
    }
    if (rng.chance(0.85)) {
      const closed = pet.accepted + rng.int(0, 80);
      if (closed <= end) pet.closed = closed;
      else if (rng.chance(0.3)) pet.closed = end;
    }
    if (pet.closed !== undefined) {
      pet.resolved = rng.chance(0.9);
      const s = rng.weighted([
        ["满意", 50],
        ["基本满意", 25],
        ["不满意", 8],
        ["未评价", 10],
        ["", 7],
      ] as const);
      if (s !== "") pet.satisfaction = s;
    } else if (rng.chance(0.05)) pet.resolved = false;
    if (pet.satisfaction !== undefined && rng.chance(0.03)) pet.satAlias = true;
  }

  issue(pet: Pet): void {
    const list = this.issuesByUnit.get(pet.unit);
    if (list !== undefined && list.length > 0 && this.rng.chance(0.18)) {
      pet.issue = this.rng.pick(list);
      return;
    }
    if (!this.rng.chance(0.9)) return;
    pet.issue = this.newIssue();
    if (list === undefined) this.issuesByUnit.set(pet.unit, [pet.issue]);
    else list.push(pet.issue);
  }

  base(unit: GenUnit): Pet {
    const pet = blankPet(unit.id, this.randomDay(), this.levelFor(unit.profile));
    pet.sub = this.rng.next();
    this.formAndHeadcount(pet);
    this.flags(pet);
    this.details(pet);
    this.issue(pet);
    this.handling(pet);
    return pet;
  }

  /** A petition of a scripted scenario: fields chosen by the caller, the rest filled in. */
  scripted(
    unit: string,
    day: number,
    level: GLevel,
    form: GForm | undefined,
    headcount: number | undefined,
    issue: string,
    sub: number,
  ): Pet {
    const pet = blankPet(unit, Math.max(this.y.start, Math.min(this.y.end, day)), level);
    pet.sub = sub;
    pet.pinned = true;
    if (form !== undefined) pet.form = form;
    if (headcount !== undefined) pet.headcount = headcount;
    pet.issue = issue;
    this.flags(pet);
    pet.escalated = false;
    this.details(pet);
    this.handling(pet);
    return pet;
  }

  levelAtOrAbove(min: GLevel): GLevel {
    if (min === "县")
      return this.rng.weighted([
        ["县", 50],
        ["市", 40],
        ["省", 7],
        ["京", 3],
      ] as const);
    if (min === "市")
      return this.rng.weighted([
        ["市", 92],
        ["省", 6],
        ["京", 2],
      ] as const);
    if (min === "省")
      return this.rng.weighted([
        ["省", 80],
        ["京", 20],
      ] as const);
    return min;
  }
}

/**
 * Key-management scenarios around the rules' `first`/`then`/`count`: exact triggers, count − 1,
 * follow-ups from another unit, follow-ups before the first, same-day ordering, near misses.
 */
function scenario(
  kind: number,
  mk: PetitionMaker,
  rng: Rng,
  y: YearCtx,
  p: RuleParams,
  u: string,
  other: string,
): Pet[] {
  const C = p.kmCount;
  const t = p.threshold;
  const issue = mk.newIssue();
  const lateStart = kind === 4;
  const d0 = lateStart ? y.end - rng.int(60, 110) : y.start + rng.int(5, Math.max(6, y.days - 150));
  const out: Pet[] = [];
  const firstOmitForm = rng.chance(0.5);
  const first = (day: number, sub: number): Pet =>
    mk.scripted(
      u,
      day,
      "市",
      firstOmitForm ? undefined : "集访",
      firstOmitForm ? rng.int(t, t + 25) : rng.chance(0.8) ? rng.int(t, t + 25) : undefined,
      issue,
      sub,
    );
  const follow = (
    unit: string,
    day: number,
    sub: number,
    form: GForm | undefined = "重访",
    level?: GLevel,
  ): Pet =>
    mk.scripted(
      unit,
      day,
      level ?? mk.levelAtOrAbove(p.kmMinLevel),
      form,
      form === undefined ? 2 : rng.int(1, 3),
      issue,
      sub,
    );
  // Follow-up days strictly after d0 (some on the same day, later in ledger order).
  const afterDays = (n: number): number[] => {
    const days: number[] = [];
    let d = d0;
    for (let i = 0; i < n; i++) {
      d += rng.chance(0.15) ? 0 : rng.int(1, 30);
      days.push(d);
    }
    return days;
  };
  switch (kind) {
    case 0: // exact trigger
    case 4: {
      // 4: more than count, starting late in the year (months run past December)
      out.push(first(d0, 0.5));
      const n = kind === 4 ? C + 2 : C;
      afterDays(n).forEach((d, i) => out.push(follow(u, d, 0.6 + i * 0.01)));
      break;
    }
    case 1: {
      // count − 1 qualifying follow-ups, plus a repeat below min_level when there is one
      out.push(first(d0, 0.5));
      afterDays(Math.max(0, C - 1)).forEach((d, i) => out.push(follow(u, d, 0.6 + i * 0.01)));
      if (p.kmMinLevel !== "镇")
        out.push(follow(u, d0 + rng.int(1, 40), 0.7, "重访", p.kmMinLevel === "县" ? "镇" : "县"));
      break;
    }
    case 2: {
      // count follow-ups on the issue id, but one or more of them from another unit
      out.push(first(d0, 0.5));
      const k = rng.int(1, Math.max(1, C));
      afterDays(C).forEach((d, i) => out.push(follow(i < k ? other : u, d, 0.6 + i * 0.01)));
      break;
    }
    case 3: {
      // one of the count follow-ups is dated before the first 市 集访
      out.push(first(d0, 0.5));
      out.push(follow(u, d0 - rng.int(1, 20), 0.5));
      afterDays(Math.max(0, C - 1)).forEach((d, i) => out.push(follow(u, d, 0.6 + i * 0.01)));
      break;
    }
    case 5: {
      // a follow-up the same day, after the first in ledger order: it counts
      out.push(first(d0, 0.5));
      out.push(follow(u, d0, 0.55));
      afterDays(Math.max(0, C - 1)).forEach((d, i) => out.push(follow(u, d + 1, 0.6 + i * 0.01)));
      break;
    }
    case 6: {
      // a follow-up the same day, before the first in ledger order: it does not count
      out.push(first(d0, 0.5));
      out.push(follow(u, d0, 0.45));
      afterDays(Math.max(0, C - 1)).forEach((d, i) => out.push(follow(u, d + 1, 0.6 + i * 0.01)));
      break;
    }
    case 7: {
      // near miss: the "first" has headcount threshold − 1 and no form (→ 个访)
      out.push(mk.scripted(u, d0, "市", undefined, t - 1, issue, 0.5));
      afterDays(C).forEach((d, i) => out.push(follow(u, d, 0.6 + i * 0.01)));
      break;
    }
    case 8: {
      // two 市 集访 on the issue; the follow-ups come after the second
      out.push(first(d0, 0.5));
      const d1 = d0 + rng.int(5, 40);
      out.push(first(d1, 0.5));
      let d = d1;
      for (let i = 0; i < C; i++) {
        d += rng.int(1, 20);
        out.push(follow(u, d, 0.6 + i * 0.01));
      }
      break;
    }
    default: {
      // one of the count repeats has no form (derived 个访/集访): not a 重访
      out.push(first(d0, 0.5));
      afterDays(C).forEach((d, i) =>
        out.push(follow(u, d, 0.6 + i * 0.01, i === 0 ? undefined : "重访")),
      );
      break;
    }
  }
  return out;
}

const SCENARIO_KINDS = 10;

function makePetitions(
  o: Required<GenOptions>,
  units: readonly GenUnit[],
  p: RuleParams,
  rng: Rng,
): Pet[] {
  const y = yearCtx(o.year);
  const P = o.petitions;
  const active = units.filter((u) => u.profile !== "quiet");
  const mk = new PetitionMaker(rng, y, p, active.length > 0 ? P / active.length : P);
  const pets: Pet[] = [];
  if (P === 0) return pets;
  // With no unit able to take petitions (every unit quiet), fall back to all units.
  const pool = active.length > 0 ? active : units.slice();
  const twinSources = new Set<GenUnit>();
  for (const u of units) if (u.twinOf >= 0) twinSources.add(units[u.twinOf] as GenUnit);
  const sources = pool.filter((u) => u.twinOf < 0 && !twinSources.has(u));
  const scenarioUnits = sources.filter((u) => u.profile === "normal");
  const anyUnits = sources.length > 0 ? sources : pool;

  // 1. Key-management scenarios (at most a third of the budget).
  if (P >= 30 && scenarioUnits.length > 0) {
    const nScen = Math.min(400, Math.max(SCENARIO_KINDS, Math.floor(P / 120)));
    for (let i = 0; i < nScen; i++) {
      const u = rng.pick(scenarioUnits);
      const others = anyUnits.length > 1 ? anyUnits.filter((x) => x !== u) : anyUnits;
      const batch = scenario(i % SCENARIO_KINDS, mk, rng, y, p, u.id, rng.pick(others).id);
      if (pets.length + batch.length > P / 3) break;
      pets.push(...batch);
    }
  }

  // 2. Unset cells (县 重访, 市 重访, 市 非访 in the SPEC table), some also vetoed; modifier combos.
  const extraUnits = scenarioUnits.length > 0 ? scenarioUnits : anyUnits;
  if (P >= 20) {
    const nUnc = Math.min(200, Math.max(4, Math.floor(P / 400)));
    const cells: readonly (readonly [GLevel, GForm])[] = [
      ["县", "重访"],
      ["市", "重访"],
      ["市", "非访"],
    ];
    for (let i = 0; i < nUnc && pets.length < P; i++) {
      const [level, form] = cells[i % 3] as readonly [GLevel, GForm];
      const pet = mk.base(rng.pick(extraUnits));
      pet.level = level;
      pet.form = form;
      pet.escalated = i % 4 === 3;
      pets.push(pet);
    }
    const nCombo = Math.min(50, Math.max(3, Math.floor(P / 1000)));
    for (let i = 0; i < nCombo && pets.length < P; i++) {
      const pet = mk.base(rng.pick(extraUnits));
      pet.level = rng.pick(["县", "市"] as const);
      pet.form = rng.pick(["个访", "集访"] as const);
      pet.early_warning = i % 2 === 0 || i % 3 === 0;
      pet.persuaded_onsite = i % 2 === 1 || i % 3 === 0;
      pet.assigned_overdue = true;
      pets.push(pet);
    }
  }

  // 3. The rest by unit weight; a twin source's petitions are copied to its twin.
  const twinOf = new Map<GenUnit, GenUnit>();
  for (const u of units) if (u.twinOf >= 0) twinOf.set(units[u.twinOf] as GenUnit, u);
  const weighted = pool.filter((u) => u.twinOf < 0);
  const cum: number[] = [];
  let total = 0;
  for (const u of weighted) {
    total += u.weight > 0 ? u.weight : 0.01;
    cum.push(total);
  }
  const singles = weighted.filter((u) => !twinOf.has(u));
  const twinIssue = new Map<string, string>();
  while (pets.length < P) {
    let u: GenUnit;
    if (weighted.length === 0) u = rng.pick(pool);
    else {
      const r = rng.next() * total;
      let lo = 0;
      let hi = cum.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((cum[mid] as number) > r) hi = mid;
        else lo = mid + 1;
      }
      u = weighted[lo] as GenUnit;
    }
    const twin = twinOf.get(u);
    if (twin !== undefined && P - pets.length < 2) {
      if (singles.length === 0) break;
      u = rng.pick(singles);
    }
    const pet = mk.base(u);
    pets.push(pet);
    if (twin !== undefined && P - pets.length >= 1) {
      const copy: Pet = { ...pet, unit: twin.id, sub: pet.sub };
      if (pet.issue !== undefined) {
        let mapped = twinIssue.get(pet.issue);
        if (mapped === undefined) {
          mapped = mk.newIssue();
          twinIssue.set(pet.issue, mapped);
        }
        copy.issue = mapped;
      }
      pets.push(copy);
    }
  }
  while (pets.length < P) pets.push(mk.base(rng.pick(pool)));

  // Ledger order: by date (random within a day), then ~1% entered late further down the file.
  const indexed = pets.map((pet, i) => ({ pet, i }));
  indexed.sort((a, b) => a.pet.day - b.pet.day || a.pet.sub - b.pet.sub || a.i - b.i);
  const keyed = indexed.map((x, i) => ({
    pet: x.pet,
    key: !x.pet.pinned && rng.chance(0.01) ? i + rng.int(1, 50) + 0.5 : i,
  }));
  keyed.sort((a, b) => a.key - b.key);
  return keyed.map((x) => x.pet);
}

export const CSV_HEADER =
  "编号,日期,村（社区）,去向,形式,人数,渠道,类别,问题编号,事由,提前报送,劝离,交办逾期,上级催办,事态扩大,处理不公,受理日期,办理期限,办结日期,化解,满意度";

function csvCell(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function petitionId(year: number, i: number, width: number): string {
  return `P-${year}-${pad(i + 1, width)}`;
}

export function petitionsCsv(pets: readonly Pet[], year: number): string {
  const width = Math.max(4, String(pets.length).length);
  const rows: string[] = [CSV_HEADER];
  for (let i = 0; i < pets.length; i++) {
    const p = pets[i] as Pet;
    const no = p.csvNo ? "否" : "";
    const b = (v: boolean): string => (v ? "是" : no);
    rows.push(
      [
        petitionId(year, i, width),
        fmtDay(p.day),
        p.unit,
        p.level,
        p.form ?? "",
        p.headcount === undefined ? "" : String(p.headcount),
        p.channel ?? "",
        csvCell(p.category ?? ""),
        csvCell(p.issue ?? ""),
        csvCell(p.summary ?? ""),
        b(p.early_warning),
        b(p.persuaded_onsite),
        b(p.assigned_overdue),
        b(p.superior_urged),
        b(p.escalated),
        b(p.unfair_handling),
        p.accepted === undefined ? "" : fmtDay(p.accepted),
        p.due === undefined ? "" : fmtDay(p.due),
        p.closed === undefined ? "" : fmtDay(p.closed),
        p.resolved === undefined ? "" : p.resolved ? "是" : "否",
        p.satisfaction ?? "",
      ].join(","),
    );
  }
  return rows.join("\r\n") + "\r\n";
}

export function petitionsYaml(
  pets: readonly Pet[],
  year: number,
  opts: { header?: string; blankLines?: boolean; ids?: readonly string[] } = {},
): string {
  const width = Math.max(4, String(pets.length).length);
  const out: string[] = [];
  if (opts.header) out.push(opts.header);
  if (pets.length === 0) {
    out.push("petitions: []");
    return out.join("\n") + "\n";
  }
  out.push("petitions:");
  for (let i = 0; i < pets.length; i++) {
    const p = pets[i] as Pet;
    if (opts.blankLines && i > 0) out.push("");
    out.push(`  - id: ${yStr(opts.ids?.[i] ?? petitionId(year, i, width))}`);
    out.push(`    date: ${fmtDay(p.day)}`);
    out.push(`    unit: ${p.unit}`);
    out.push(`    level: ${p.level}`);
    if (p.form !== undefined) out.push(`    form: ${p.form}`);
    if (p.headcount !== undefined) out.push(`    headcount: ${p.headcount}`);
    if (p.channel !== undefined) out.push(`    channel: ${p.channel}`);
    if (p.category !== undefined) out.push(`    category: ${yStr(p.category)}`);
    if (p.issue !== undefined) out.push(`    issue: ${yStr(p.issue)}`);
    if (p.summary !== undefined) out.push(`    summary: ${yStr(p.summary)}`);
    for (const k of FLAG_KEYS) {
      if (p[k]) out.push(`    ${k}: true`);
      else if (p.explicitFalse === k) out.push(`    ${k}: false`);
    }
    if (p.accepted !== undefined) out.push(`    accepted: ${fmtDay(p.accepted)}`);
    if (p.due !== undefined) out.push(`    due: ${fmtDay(p.due)}`);
    if (p.closed !== undefined) out.push(`    closed: ${fmtDay(p.closed)}`);
    if (p.resolved !== undefined) out.push(`    resolved: ${p.resolved ? "true" : "false"}`);
    if (p.satisfaction !== undefined)
      out.push(`    ${p.satAlias ? "satisfied" : "satisfaction"}: ${p.satisfaction}`);
  }
  return out.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// Meetings

export interface GenMeeting {
  id: string;
  day: number;
  title: string;
  absent: string[];
  leave: string[];
}

function makeMeetings(o: Required<GenOptions>, units: readonly GenUnit[], rng: Rng): GenMeeting[] {
  const y = yearCtx(o.year);
  const M = o.meetings;
  const width = Math.max(2, String(M).length);
  const byMonth = new Map<number, number[]>();
  for (let k = 0; k < M; k++) {
    const month = Math.min(11, Math.floor((k * 12) / M));
    const list = byMonth.get(month) ?? [];
    list.push(k);
    byMonth.set(month, list);
  }
  const days: number[] = [];
  for (const [month, list] of [...byMonth.entries()].sort((a, b) => a[0] - b[0])) {
    const first = epochDay(o.year, month + 1, 1);
    const last = epochDay(o.year, month + 2, 1) - 1;
    const ds: number[] = [];
    for (let j = 0; j < list.length; j++) {
      if (j > 0 && rng.chance(0.2))
        ds.push(ds[j - 1] as number); // two meetings the same day
      else ds.push(rng.int(first + 2, Math.max(first + 2, last - 3)));
    }
    ds.sort((a, b) => a - b);
    days.push(...ds);
  }
  const meetings: GenMeeting[] = [];
  const status: ("absent" | "leave" | "")[][] = units.map(() => []);
  for (let k = 0; k < M; k++) {
    units.forEach((u, i) => {
      const r = rng.next();
      (status[i] as string[])[k] =
        r < u.absentP ? "absent" : r < u.absentP + u.leaveP ? "leave" : "";
    });
  }
  units.forEach((u, i) => {
    if (u.twinOf >= 0) status[i] = (status[u.twinOf] as ("absent" | "leave" | "")[]).slice();
  });
  const sameMonthCount = new Map<number, number>();
  for (let k = 0; k < M; k++) {
    const day = Math.max(y.start, Math.min(y.end, days[k] as number));
    const month = Number(fmtDay(day).slice(5, 7));
    const nth = (sameMonthCount.get(month) ?? 0) + 1;
    sameMonthCount.set(month, nth);
    const perMonth = byMonth.get(month - 1)?.length ?? 1;
    const title = perMonth > 1 ? `${month}月第${nth}次信访工作例会` : `${month}月信访工作例会`;
    const absent: string[] = [];
    const leave: string[] = [];
    units.forEach((u, i) => {
      const s = (status[i] as string[])[k];
      if (s === "absent") absent.push(u.id);
      else if (s === "leave") leave.push(u.id);
    });
    if (rng.chance(0.5)) rng.shuffle(absent);
    if (rng.chance(0.5)) rng.shuffle(leave);
    meetings.push({ id: `M-${pad(k + 1, width)}`, day, title, absent, leave });
  }
  return meetings;
}

export function meetingsYaml(meetings: readonly GenMeeting[], header = ""): string {
  const out: string[] = [];
  if (header) out.push(header);
  if (meetings.length === 0) out.push("meetings: []");
  else out.push("meetings:");
  for (const m of meetings) {
    const parts = [`id: ${yStr(m.id)}`, `date: ${fmtDay(m.day)}`, `title: ${yStr(m.title)}`];
    if (m.absent.length > 0) parts.push(`absent: ${yFlow(m.absent)}`);
    if (m.leave.length > 0) parts.push(`leave: ${yFlow(m.leave)}`);
    out.push(`  - { ${parts.join(", ")} }`);
  }
  return out.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// Weekly reports

export interface GenReport {
  unit: string;
  week: string;
  /** Submission time in seconds since the epoch day 0 (local time, no zone). */
  at: number;
  showSeconds: boolean;
  zero?: boolean;
  fileKey: number;
  unitIndex: number;
}

export function fmtSubmitted(at: number, showSeconds: boolean): string {
  const day = Math.floor(at / 86400);
  const s = at - day * 86400;
  const hh = Math.floor(s / 3600);
  const mm = Math.floor((s % 3600) / 60);
  const ss = s % 60;
  return `${fmtDay(day)}T${pad(hh, 2)}:${pad(mm, 2)}${showSeconds || ss !== 0 ? `:${pad(ss, 2)}` : ""}`;
}

function timeSeconds(hhmm: string): number {
  return Number(hhmm.slice(0, 2)) * 3600 + Number(hhmm.slice(3, 5)) * 60;
}

interface WeekPlan {
  /** Submission times (seconds); the first is the primary record. Empty = missing. */
  times: number[];
  showSeconds: boolean[];
  zero: (boolean | undefined)[];
  /** Write the duplicate before the primary in the file. */
  swap: boolean;
}

function makeWeekly(
  o: Required<GenOptions>,
  units: readonly GenUnit[],
  p: RuleParams,
  rng: Rng,
): GenReport[] {
  const y = yearCtx(o.year);
  const yearEndSec = (y.end + 1) * 86400 - 1;
  const weeks = owedWeeks(o.year, p.weekday);
  const dl = timeSeconds(p.time);
  const zeroFlag = (): boolean | undefined =>
    rng.weighted([
      [true, 45],
      [false, 5],
      [undefined, 50],
    ] as const);

  const onTime = (deadline: number, monday: number): [number, boolean] => {
    const r = rng.next();
    if (r < 0.03) return [deadline, false]; // exactly at the deadline minute: on time
    if (r < 0.04) return [deadline, true]; // HH:MM:00
    if (r < 0.045) return [(monday - rng.int(1, 3)) * 86400 + rng.int(8 * 60, 20 * 60) * 60, false]; // before the week
    const back = rng.int(1, 4 * 24 * 60) * 60;
    const withSec = rng.chance(0.2);
    return [deadline - back + (withSec ? rng.int(0, 59) : 0), withSec];
  };
  const late = (deadline: number): [number, boolean] => {
    const r = rng.next();
    if (r < 0.25 || deadline + 60 > yearEndSec) return [deadline + 30, true]; // HH:MM:30 is late
    if (r < 0.5) return [deadline + 60, false]; // one minute late
    return [Math.min(yearEndSec - 59, deadline + rng.int(2, 4000) * 60), false];
  };

  const plans: WeekPlan[][] = units.map(() => []);
  units.forEach((u, ui) => {
    if (u.twinOf >= 0) return;
    for (const w of weeks) {
      const deadline = w.deadline * 86400 + dl;
      const plan: WeekPlan = { times: [], showSeconds: [], zero: [], swap: false };
      const push = (t: [number, boolean]): void => {
        plan.times.push(t[0]);
        plan.showSeconds.push(t[1]);
        plan.zero.push(zeroFlag());
      };
      if (p.exempt.has(w.label)) {
        if (rng.chance(0.5)) push(onTime(deadline, w.monday));
      } else if (u.profile === "quiet") {
        push(onTime(deadline, w.monday));
      } else {
        const r = rng.next();
        if (r < o.lateRate) push(late(deadline));
        else if (r >= o.lateRate + o.missingRate) push(onTime(deadline, w.monday));
        if (plan.times.length > 0 && rng.chance(0.02)) {
          // A second submission for the week: later (on time or late) or, for an on-time week,
          // earlier still; either may come first in the file. The earliest counts.
          const t0 = plan.times[0] as number;
          const laterLate = t0 > deadline || rng.chance(0.5);
          const t1 = laterLate
            ? Math.min(yearEndSec, Math.max(t0, deadline) + rng.int(1, 3000) * 60)
            : t0 - rng.int(1, 600) * 60;
          if (t1 !== t0) {
            push([t1, false]);
            plan.swap = rng.chance(0.5);
          }
        }
      }
      (plans[ui] as WeekPlan[]).push(plan);
    }
  });
  units.forEach((u, ui) => {
    if (u.twinOf >= 0) plans[ui] = plans[u.twinOf] as WeekPlan[];
  });

  const reports: GenReport[] = [];
  units.forEach((u, ui) => {
    const list = plans[ui] as WeekPlan[];
    list.forEach((plan, wi) => {
      const w = weeks[wi] as OwedWeek;
      plan.times.forEach((at, j) => {
        const fileKey = plan.swap ? (plan.times[1 - j] as number) : at;
        const rep: GenReport = {
          unit: u.id,
          week: w.label,
          at,
          showSeconds: plan.showSeconds[j] as boolean,
          fileKey,
          unitIndex: ui,
        };
        const z = plan.zero[j];
        if (z !== undefined) rep.zero = z;
        reports.push(rep);
      });
    });
  });
  // File order: as the office logs them, by submission time (duplicates sometimes swapped).
  reports.sort((a, b) => a.fileKey - b.fileKey || a.unitIndex - b.unitIndex || a.at - b.at);
  return reports;
}

export function weeklyYaml(reports: readonly GenReport[], header = ""): string {
  const out: string[] = [];
  if (header) out.push(header);
  out.push(reports.length === 0 ? "weekly_reports: []" : "weekly_reports:");
  for (const r of reports) {
    const z = r.zero === undefined ? "" : `, zero: ${r.zero ? "true" : "false"}`;
    out.push(
      `  - { unit: ${r.unit}, week: ${r.week}, submitted: "${fmtSubmitted(r.at, r.showSeconds)}"${z} }`,
    );
  }
  return out.join("\n") + "\n";
}

// ---------------------------------------------------------------------------------------------
// Entry points

function normalize(opts: GenOptions): Required<GenOptions> {
  const o: Required<GenOptions> = {
    seed: opts.seed,
    year: opts.year,
    units: opts.units,
    petitions: opts.petitions,
    meetings: opts.meetings ?? 12,
    petitionFormat: opts.petitionFormat ?? "yaml",
    lateRate: opts.lateRate ?? 0.03,
    missingRate: opts.missingRate ?? 0.02,
    rules: opts.rules ?? "spec",
  };
  if (!Number.isInteger(o.year) || o.year < 2000 || o.year > 2100)
    throw new Error(`year out of range: ${o.year}`);
  if (!Number.isInteger(o.units) || o.units < 1)
    throw new Error(`units must be a positive integer: ${o.units}`);
  if (!Number.isInteger(o.petitions) || o.petitions < 0)
    throw new Error(`petitions must be a non-negative integer: ${o.petitions}`);
  if (!Number.isInteger(o.meetings) || o.meetings < 0)
    throw new Error(`meetings must be a non-negative integer: ${o.meetings}`);
  if (!(o.lateRate >= 0 && o.missingRate >= 0 && o.lateRate + o.missingRate <= 1))
    throw new Error("lateRate + missingRate must be within [0, 1]");
  if (!Number.isFinite(o.seed)) throw new Error(`seed must be a finite number: ${o.seed}`);
  return o;
}

/** relative path → file text, in a fixed order. */
export function generateContent(opts: GenOptions): Map<string, string> {
  const o = normalize(opts);
  const rulesGen =
    o.rules === "random"
      ? randomRules(o.year, new Rng(subSeed(o.seed, "rules")))
      : { text: specRulesYaml(o.year), params: specParams(o.year) };
  const units = makeUnits(o.units, new Rng(subSeed(o.seed, "units")));
  const pets = makePetitions(o, units, rulesGen.params, new Rng(subSeed(o.seed, "petitions")));
  const meetings = makeMeetings(o, units, new Rng(subSeed(o.seed, "meetings")));
  const reports = makeWeekly(o, units, rulesGen.params, new Rng(subSeed(o.seed, "weekly")));

  const files = new Map<string, string>();
  files.set("units.yaml", unitsYaml(units));
  files.set(`rules/${o.year}.yaml`, rulesGen.text);
  if (o.petitionFormat === "csv")
    files.set(`ledger/${o.year}/petitions.csv`, petitionsCsv(pets, o.year));
  else files.set(`ledger/${o.year}/petitions.yaml`, petitionsYaml(pets, o.year));
  files.set(`ledger/${o.year}/meetings.yaml`, meetingsYaml(meetings));
  files.set(`ledger/${o.year}/weekly-reports.yaml`, weeklyYaml(reports));
  return files;
}

/** Writes every file under `dir`, creating folders as needed. */
export async function writeContent(dir: string, files: Map<string, string>): Promise<void> {
  for (const [rel, text] of files) {
    const path = join(dir, rel);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, text, "utf8");
  }
}
