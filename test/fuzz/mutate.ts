// Seeded mutations of a content folder, as a hostile or careless user (or a damaged disk) would
// make them: byte damage, truncation, other encodings, values of the wrong type, damaged CSV,
// odd file-system entries, YAML aliases and deep nesting, code in office pages.
import { execFileSync } from "node:child_process";
import {
  mkdirSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { dirname, join, relative } from "node:path";
import { encodeGb18030 } from "../support/gb18030.ts";
import { Rng } from "../support/generate.ts";
import { sheetXml, workbookEntries, zipBytes } from "../support/zip-writer.ts";

export type Mutation = (dir: string, rng: Rng) => string;

function files(dir: string, prefix = ""): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const rel = prefix ? `${prefix}/${name}` : name;
      const full = join(dir, name);
      let st;
      try {
        st = statSync(full, { throwIfNoEntry: false });
      } catch {
        return []; // a looping symlink from an earlier mutation
      }
      if (!st) return [];
      return st.isDirectory() ? files(full, rel) : st.isFile() ? [rel] : [];
    });
}

const pickFile = (dir: string, rng: Rng, filter: (rel: string) => boolean = () => true) => {
  const list = files(dir).filter(filter);
  return list.length ? rng.pick(list) : null;
};

const lines = (dir: string, rel: string) => readFileSync(join(dir, rel), "utf8").split("\n");
const put = (dir: string, rel: string, data: string | Uint8Array) => {
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
  writeFileSync(join(dir, rel), data);
};
const replace = (dir: string, rel: string) => {
  rmSync(join(dir, rel), { recursive: true, force: true });
  mkdirSync(dirname(join(dir, rel)), { recursive: true });
};

const WRONG_VALUES = [
  "[]",
  "{}",
  "~",
  "-1",
  "1e999",
  '"x"',
  "true",
  "2025-13-45",
  "０",
  "[1, [2, [3]]]",
  "{ a: { b: 1 } }",
  "'0x1F'",
  "!!binary aGVsbG8=",
  "|\n  多行\n  文字",
  "&a 1",
  "*a",
  "x".repeat(5000),
  "12345678901234567890",
  "1.0000000000000001",
  "null",
  "NaN",
  "'2025-02-29'",
  '"\\u0000"',
];

const HOSTILE_MDX = [
  'import fs from "node:fs";\n',
  "{process.exit(3)}\n",
  '<script>alert("x")</script>\n',
  '<a href="javascript:alert(1)">点此</a>\n',
  "[链接](javascript:alert(1))\n",
  '<img src="data:text/html;base64,PHNjcmlwdD4=" />\n',
  '<iframe srcdoc="<script>1</script>"></iframe>\n',
  '<ScoreTable year={2025} onClick="alert(1)" />\n',
  "<ScoreTable year={globalThis.x} />\n",
  '<RankChart unit="nowhere" />\n',
  "<DocumentList {...props} />\n",
  "export const x = 1;\n",
  "<style>body{display:none}</style>\n",
  "<ScoreTable year={2025}>\n",
  "{/* 注释 */}\n",
];

export const MUTATIONS: Record<string, Mutation> = {
  bytes(dir, rng) {
    const rel = pickFile(dir, rng);
    if (!rel) return "bytes: no file";
    const b = readFileSync(join(dir, rel));
    const n = rng.int(1, 6);
    for (let i = 0; i < n && b.length; i++) b[rng.int(0, b.length - 1)] = rng.int(0, 255);
    writeFileSync(join(dir, rel), b);
    return `bytes ${rel} ×${n}`;
  },
  truncate(dir, rng) {
    const rel = pickFile(dir, rng);
    if (!rel) return "truncate: no file";
    const b = readFileSync(join(dir, rel));
    const at = rng.int(0, b.length);
    writeFileSync(join(dir, rel), b.subarray(0, at));
    return `truncate ${rel} at ${at}`;
  },
  encoding(dir, rng) {
    const rel = pickFile(dir, rng);
    if (!rel) return "encoding: no file";
    const text = readFileSync(join(dir, rel), "utf8");
    const how = rng.pick(["gb18030", "utf16le-bom", "utf16be-bom", "utf8-bom", "latin1"]);
    let bytes: Uint8Array;
    if (how === "gb18030") bytes = encodeGb18030(text);
    else if (how === "utf16le-bom")
      bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    else if (how === "utf16be-bom") {
      const le = Buffer.from(text, "utf16le");
      for (let i = 0; i + 1 < le.length; i += 2)
        [le[i], le[i + 1]] = [le[i + 1] as number, le[i] as number];
      bytes = Buffer.concat([Buffer.from([0xfe, 0xff]), le]);
    } else if (how === "utf8-bom")
      bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)]);
    else bytes = Buffer.from(text, "latin1");
    writeFileSync(join(dir, rel), bytes);
    return `encoding ${rel} ${how}`;
  },
  wrongValue(dir, rng) {
    const rel = pickFile(dir, rng, (f) => f.endsWith(".yaml"));
    if (!rel) return "wrongValue: no yaml";
    const ls = lines(dir, rel);
    const candidates = ls
      .map((l, i) => [l, i] as const)
      .filter(([l]) => /^\s*(- )?[\w\u4e00-\u9fff]+: \S/.test(l));
    if (!candidates.length) return `wrongValue ${rel}: no key line`;
    const [line, i] = rng.pick(candidates);
    const value = rng.pick(WRONG_VALUES);
    const indent = /^\s*/.exec(line)?.[0].length ?? 0;
    ls[i] = line.replace(/: .*$/, `: ${value.replaceAll("\n", `\n${" ".repeat(indent + 2)}`)}`);
    writeFileSync(join(dir, rel), ls.join("\n"));
    return `wrongValue ${rel}:${i + 1} ${JSON.stringify(value.slice(0, 20))}`;
  },
  flowValue(dir, rng) {
    const rel = pickFile(dir, rng, (f) => f.endsWith(".yaml"));
    if (!rel) return "flowValue: no yaml";
    const text = readFileSync(join(dir, rel), "utf8");
    const matches = [...text.matchAll(/(\w+): ([^,{}\n]+)([,}])/g)];
    if (!matches.length) return `flowValue ${rel}: none`;
    const m = rng.pick(matches);
    const value = rng.pick(WRONG_VALUES.filter((v) => !v.includes("\n")));
    const at = (m.index ?? 0) + (m[1] as string).length + 2;
    writeFileSync(
      join(dir, rel),
      text.slice(0, at) + value + text.slice(at + (m[2] as string).length),
    );
    return `flowValue ${rel} ${m[1]}=${JSON.stringify(value.slice(0, 20))}`;
  },
  dropLine(dir, rng) {
    const rel = pickFile(dir, rng);
    if (!rel) return "dropLine: no file";
    const ls = lines(dir, rel);
    const i = rng.int(0, Math.max(0, ls.length - 1));
    ls.splice(i, 1);
    writeFileSync(join(dir, rel), ls.join("\n"));
    return `dropLine ${rel}:${i + 1}`;
  },
  duplicateLine(dir, rng) {
    const rel = pickFile(dir, rng);
    if (!rel) return "duplicateLine: no file";
    const ls = lines(dir, rel);
    const i = rng.int(0, Math.max(0, ls.length - 1));
    ls.splice(i, 0, ls[i] ?? "");
    writeFileSync(join(dir, rel), ls.join("\n"));
    return `duplicateLine ${rel}:${i + 1}`;
  },
  indent(dir, rng) {
    const rel = pickFile(dir, rng, (f) => f.endsWith(".yaml"));
    if (!rel) return "indent: no yaml";
    const ls = lines(dir, rel);
    const i = rng.int(0, Math.max(0, ls.length - 1));
    ls[i] = rng.pick(["\t", " ", "   ", ""]) + (ls[i] ?? "").replace(/^ {0,2}/, "");
    writeFileSync(join(dir, rel), ls.join("\n"));
    return `indent ${rel}:${i + 1}`;
  },
  csv(dir, rng) {
    const rel = pickFile(dir, rng, (f) => f.endsWith(".csv"));
    if (!rel) return "csv: no csv";
    const text = readFileSync(join(dir, rel), "utf8");
    const at = rng.int(0, text.length);
    const how = rng.pick(["quote", "comma", "nocomma", "header", "newline", "quoted"]);
    let out: string;
    if (how === "quote") out = `${text.slice(0, at)}"${text.slice(at)}`;
    else if (how === "comma") out = `${text.slice(0, at)},${text.slice(at)}`;
    else if (how === "nocomma") {
      const c = text.indexOf(",", at);
      out = c < 0 ? text : text.slice(0, c) + text.slice(c + 1);
    } else if (how === "header") out = text.slice(text.indexOf("\n") + 1);
    else if (how === "newline") out = `${text.slice(0, at)}\r\n${text.slice(at)}`;
    else out = `${text.slice(0, at)}"多行\n单元格,""引号"""${text.slice(at)}`;
    writeFileSync(join(dir, rel), out);
    return `csv ${rel} ${how} at ${at}`;
  },
  oddFile(dir, rng) {
    const rel = rng.pick([
      ...files(dir),
      "ledger/2025/meetings.yaml",
      "ledger/2025/petitions.csv",
      "units.yaml",
      "office.yaml",
    ]);
    const how = rng.pick([
      "dir",
      "fifo",
      "dangling",
      "loop",
      "devnull",
      "devzero",
      "remove",
      "empty",
    ]);
    const full = join(dir, rel);
    replace(dir, rel);
    if (how === "dir") mkdirSync(join(full, "inner"), { recursive: true });
    else if (how === "fifo") execFileSync("mkfifo", [full]);
    else if (how === "dangling") symlinkSync(join(dir, "nowhere.yaml"), full);
    else if (how === "loop") {
      symlinkSync(`${full}.b`, full);
      symlinkSync(full, `${full}.b`);
    } else if (how === "devnull") symlinkSync("/dev/null", full);
    else if (how === "devzero") symlinkSync("/dev/zero", full);
    else if (how === "empty") writeFileSync(full, "");
    return `oddFile ${rel} ${how}`;
  },
  unknownFile(dir, rng) {
    const rel = rng.pick([
      "ledger/2025/petitions.xlsx",
      "ledger/2025/petitions.yml",
      "ledger/2025/notes.docx",
      "plans/草稿.docx",
      "reports/old.yml",
      "rules/2025.yml",
      "pages/readme.txt",
      "ledger/2025/.~lock.petitions.csv#",
    ]);
    put(dir, rel, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0]));
    return `unknownFile ${rel}`;
  },
  workbook(dir, rng) {
    // A ledger kept in Excel instead: its YAML or CSV replaced by a workbook of cells a clerk
    // might type (or garbage), sometimes with a damaged byte or cut short.
    const kind = rng.pick(["petitions", "meetings", "weekly-reports"] as const);
    for (const ext of ["yaml", "csv"])
      rmSync(join(dir, `ledger/2025/${kind}.${ext}`), { force: true });
    const heads: Record<typeof kind, string[]> = {
      petitions: ["编号", "日期", "村（社区）", "去向", "形式", "人数", "上级催办", "受理日期"],
      meetings: ["编号", "日期", "缺席", "请假"],
      "weekly-reports": rng.pick([
        ["村（社区）", "周次", "报送时间", "零报告"],
        ["村（社区）", "2025-W02", "第3周", "W4"],
      ]),
    };
    const pool = [
      "P-1",
      "P-2",
      "M-01",
      "2025/1/8",
      "2025年1月9日",
      "45665",
      "45667.6875",
      "东山村",
      "西山",
      "dongshan",
      "北岭村",
      "县",
      "京",
      "集访",
      "个访",
      "6",
      "６",
      "是",
      "√",
      "否",
      "",
      "零报告 2025/1/10 16:30",
      "2025/1/10 17:01",
      "1e999",
      "<&>",
      "\t",
      "第99周",
      "2025-W53",
    ];
    const rows: (string | number | null)[][] = [heads[kind]];
    for (let r = rng.int(0, 6); r > 0; r--)
      rows.push(heads[kind].map(() => (rng.int(0, 4) === 0 ? null : rng.pick(pool))));
    const sheet = rng.pick(["信访事项", "例会", "周排查报告", "Sheet1"]);
    let bytes = zipBytes(workbookEntries([[sheet, sheetXml(rows)]]));
    const how = rng.pick(["whole", "whole", "byte", "cut"]);
    if (how === "byte") {
      bytes = Buffer.from(bytes);
      const at = rng.int(0, bytes.length - 1);
      bytes[at] = (bytes[at] as number) ^ 0xff;
    } else if (how === "cut") bytes = bytes.subarray(0, rng.int(0, bytes.length - 1));
    put(dir, `ledger/2025/${kind}.xlsx`, bytes);
    return `workbook ${kind}.xlsx sheet ${sheet} ${rows.length} rows ${how}`;
  },
  alias(dir, rng) {
    const rel = pickFile(dir, rng, (f) => f.endsWith(".yaml"));
    if (!rel) return "alias: no yaml";
    const text = readFileSync(join(dir, rel), "utf8");
    // The file's main list (sections, petitions, units …) becomes a billion-laughs bomb whose
    // leaves are copies of its own first item, so the expanded data is what the schema reads.
    const list = /^(\w+):\s*\n\s*- /m.exec(text);
    const key = list?.[1] ?? "sections";
    const item = rng.chance(0.5) ? "{ title: 标题, body: 正文 }" : "x";
    const level = (name: string, of: string) =>
      `${name}: &${name} [${Array.from({ length: 10 }, () => of).join(", ")}]`;
    const bomb = [
      `x${rng.int(0, 9)}:`,
      `  ${level("a", item)}`,
      `  ${level("b", "*a")}`,
      `  ${level("c", "*b")}`,
      `  ${level("d", "*c")}`,
      `  ${level("e", "*d")}`,
      `  ${level("f", "*e")}`,
    ].join("\n");
    const without = list
      ? text.replace(new RegExp(`^${key}:[\\s\\S]*?(?=^\\S|(?![\\s\\S]))`, "m"), "")
      : text;
    writeFileSync(join(dir, rel), `${without.trimEnd()}\n${bomb}\n${key}: *f\n`);
    return `alias ${rel} ${key}`;
  },
  deep(dir, rng) {
    const rel = pickFile(dir, rng, (f) => f.endsWith(".yaml"));
    if (!rel) return "deep: no yaml";
    const n = rng.pick([70, 300, 3000, 30000]);
    const how = rng.pick(["flow", "block", "sections"]);
    let add: string;
    if (how === "flow") add = `deep: ${"[".repeat(n)}1${"]".repeat(n)}\n`;
    else if (how === "block")
      add = `deep:\n${Array.from({ length: Math.min(n, 400) }, (_, i) => `${"  ".repeat(i + 1)}- `).join("\n")}x\n`;
    else {
      const depth = Math.min(n, 600);
      add = "sections:\n";
      for (let i = 0; i < depth; i++)
        add += `${"  ".repeat(2 * i)}  - title: 第${i + 1}层\n${"  ".repeat(2 * i)}    sections:\n`;
      add += `${"  ".repeat(2 * depth)}    []\n`;
    }
    const text = readFileSync(join(dir, rel), "utf8").replace(
      /^sections:[\s\S]*?(?=^\S|(?![\s\S]))/m,
      "",
    );
    writeFileSync(join(dir, rel), `${text.trimEnd()}\n${add}`);
    return `deep ${rel} ${how} ${n}`;
  },
  markdownBomb(dir, rng) {
    const rel = pickFile(dir, rng, (f) => /^(plans|reports|agreements|notices)\//.test(f));
    if (!rel) return "markdownBomb: no document";
    const text = readFileSync(join(dir, rel), "utf8");
    const bomb = rng.pick([
      `"${"*a".repeat(20_000)}"`,
      `"${"> ".repeat(5_000)}x"`,
      `"${"- ".repeat(5_000)}x"`,
      `"${"[".repeat(20_000)}"`,
    ]);
    const key = rng.pick(["body", "preamble", "closing"]);
    const replaced = text.replace(new RegExp(`^(\\s*)${key}: .*$`, "m"), `$1${key}: ${bomb}`);
    writeFileSync(
      join(dir, rel),
      replaced === text ? `${text.trimEnd()}\n${key}: ${bomb}\n` : replaced,
    );
    return `markdownBomb ${rel} ${key} ${bomb.slice(1, 4)}`;
  },
  page(dir, rng) {
    const rel = pickFile(dir, rng, (f) => f.endsWith(".mdx")) ?? "pages/新页面.mdx";
    const text = (() => {
      try {
        return readFileSync(join(dir, rel), "utf8");
      } catch {
        return "---\ntitle: 新页面\n---\n\n正文\n";
      }
    })();
    const ls = text.split("\n");
    const at = rng.int(Math.min(3, ls.length), ls.length);
    ls.splice(at, 0, rng.pick(HOSTILE_MDX));
    put(dir, rel, ls.join("\n"));
    return `page ${rel}:${at + 1}`;
  },
  pageName(dir, rng) {
    const rel = pickFile(dir, rng, (f) => f.endsWith(".mdx"));
    if (!rel) return "pageName: no page";
    const name = rng.pick([
      "工作 动态#1?.mdx",
      "a%20b.mdx",
      "办事指南 (2025).mdx",
      "..mdx",
      "x.y.mdx",
    ]);
    const text = readFileSync(join(dir, rel));
    rmSync(join(dir, rel));
    put(dir, `pages/${name}`, text);
    return `pageName ${name}`;
  },
};

/** Applies 1–3 seeded mutations to the folder; returns what was done, for reproduction. */
export function mutateFolder(dir: string, seed: number): string[] {
  const rng = new Rng(seed);
  const names = Object.keys(MUTATIONS);
  const done: string[] = [];
  for (let i = 0, n = rng.int(1, 3); i < n; i++) {
    const name = rng.pick(names);
    done.push((MUTATIONS[name] as Mutation)(dir, rng));
  }
  return done;
}

export { files as listFiles, relative };
