// `node test/bench/limits.ts [case …]`: time and peak memory of `xinfang` on hostile inputs that
// must cost little: a YAML alias bomb under 1 KB, nesting bombs of 1,000 to 100,000 levels (flow
// and block), a report with sections 600 levels deep, a 50 MB line with an error near its end
// (the code frame), and a workbook whose rows have a cell at the last column. Each case is a fresh process, as a user runs it, under `/usr/bin/time` for the
// peak resident memory and killed after BENCH_TIMEOUT seconds (default 60).
//
// To compare with an older version: BENCH_BIN=/path/to/old/src/cli/bin.ts node test/bench/limits.ts
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { workbookEntries, zipBytes } from "../support/zip-writer.ts";
import { printTable } from "./table.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const BIN = process.env.BENCH_BIN ?? join(ROOT, "bin/xinfang.mjs");
const TIMEOUT = Number(process.env.BENCH_TIMEOUT ?? 60);
const WORK = join(ROOT, ".bench", "limits");
const BASE = join(ROOT, "test/fixtures/diagnostics/_base");
const TIME = "/usr/bin/time";

const HEADER = `id: 2025-annual
year: 2025
title: 2025年信访工作总结
date: 2026-01-08
period: { from: 2025-01-01, to: 2025-12-31 }
`;

/**
 * Nine levels of nine aliases, 876 bytes: 48 million sections with a body and a target each once
 * expanded (it ran `check` past two minutes before aliases were refused).
 */
function aliasBomb(): string {
  const lines = [
    "sections:",
    "  - &s0 { title: 哈, body: 全年信访形势总体平稳, targets: [{ name: 化解率, value: 95 }] }",
  ];
  for (let i = 1; i <= 8; i++)
    lines.push(
      `  - &s${i} { title: 哈, sections: [${Array(9)
        .fill(`*s${i - 1}`)
        .join(", ")}] }`,
    );
  return `${HEADER}${lines.join("\n")}\n`;
}

const flow = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}\n`;
const compactList = (n: number) => `${"- ".repeat(n)}x\n`;
const blockMaps = (n: number) =>
  Array.from({ length: n }, (_, i) => `${" ".repeat(i)}a:\n`).join("");

function deepSections(levels: number): string {
  const lines = ["sections:"];
  for (let i = 0; i < levels; i++) {
    const pad = "  ".repeat(2 * i + 1);
    lines.push(`${pad}- title: 第${i + 1}级`, `${pad}  sections:`);
  }
  lines.push(`${"  ".repeat(2 * levels + 1)}- title: 最深`);
  return `${HEADER}${lines.join("\n")}\n`;
}

/** One 50 MB line whose quoted string is followed by stray text: an error 5 bytes from its end. */
function longLine(): string {
  return `${HEADER}sections:\n  - title: 正文\n    body: "${"x".repeat(50_000_000)}" oops\n`;
}

/**
 * A 500 KB workbook of 100,000 rows, each with one cell at column XFD (16,384): every row was once
 * made as wide as that (65 s, 11 GB); columns past IV are now counted, reported, not kept.
 */
function farCells(): Buffer {
  let rows = `<row r="1"><c r="A1" t="inlineStr"><is><t>编号</t></is></c></row>`;
  for (let i = 2; i <= 100_000; i++) rows += `<row r="${i}"><c r="XFD${i}"><v>1</v></c></row>`;
  const sheet = `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
  return zipBytes(workbookEntries([["信访事项", sheet]]));
}

interface Case {
  name: string;
  command: string[];
  file: () => string | Buffer;
  /** Where the file goes in the content folder (default reports/2025.yaml). */
  path?: string;
  /** Files of the base content taken away. */
  remove?: string[];
}

const PDF = ["pdf", "report-2025-annual"];
const cases: Case[] = [
  { name: "alias bomb (billion laughs)", command: ["check"], file: aliasBomb },
  ...[1_000, 10_000, 100_000].map((n) => ({
    name: `flow [[[…]]] ${n.toLocaleString("en")} levels`,
    command: ["check"],
    file: () => flow(n),
  })),
  ...[1_000, 10_000, 100_000].map((n) => ({
    name: `block - - - ${n.toLocaleString("en")} levels`,
    command: ["check"],
    file: () => compactList(n),
  })),
  // 100,000 levels of block mappings would take 5 GB of indentation.
  ...[1_000, 10_000].map((n) => ({
    name: `block a: ${n.toLocaleString("en")} levels`,
    command: ["check"],
    file: () => blockMaps(n),
  })),
  { name: "sections 600 levels", command: ["check"], file: () => deepSections(600) },
  { name: "sections 600 levels", command: PDF, file: () => deepSections(600) },
  { name: "50 MB line, error at end", command: ["check"], file: longLine },
  {
    name: "workbook, 100,000 rows with a cell at XFD",
    command: ["check"],
    file: farCells,
    path: "ledger/2025/petitions.xlsx",
    remove: ["ledger/2025/petitions.yaml"],
  },
];

const only = process.argv.slice(2);
const selected = only.length ? cases.filter((c) => only.some((o) => c.name.includes(o))) : cases;
const hasTime = existsSync(TIME);

function run(c: Case, index: number): string[] {
  const dir = join(WORK, `case-${index}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "reports"), { recursive: true });
  cpSync(BASE, dir, { recursive: true });
  for (const rel of c.remove ?? []) rmSync(join(dir, rel));
  const file = join(dir, c.path ?? "reports/2025.yaml");
  writeFileSync(file, c.file());
  const size = statSync(file).size;
  const out = join(WORK, `out-${index}`);
  // TERM first (timeout then waits for the process, so its peak memory is still counted).
  const argv = [
    "-k",
    "10",
    String(TIMEOUT),
    process.execPath,
    BIN,
    ...c.command,
    "--content",
    dir,
    ...(c.command[0] === "pdf" ? ["--out", out] : []),
  ];
  process.stderr.write(`${c.name}（${c.command.join(" ")}）……\n`);
  const started = performance.now();
  const r = hasTime
    ? spawnSync(TIME, ["-f", "\n%e %M", "timeout", ...argv], {
        encoding: "utf8",
        maxBuffer: 1 << 30,
      })
    : spawnSync("timeout", argv, { encoding: "utf8", maxBuffer: 1 << 30 });
  const wall = (performance.now() - started) / 1000;
  const last = r.stderr.trimEnd().split("\n").at(-1) ?? "";
  const timed = hasTime ? /^([\d.]+) (\d+)$/.exec(last) : null;
  const killed =
    r.status === 124 || r.status === 137 || /exited with non-zero status (124|137)/.test(r.stderr);
  const outputBytes = Buffer.byteLength(r.stdout) + Buffer.byteLength(r.stderr);
  const code = /\s([a-z]+\/[a-z-]+)\s/.exec(`${r.stdout}\n${r.stderr}`)?.[1] ?? "";
  const crash = /RangeError|heap out of memory|Maximum call stack/.test(r.stderr) ? " 崩溃" : "";
  rmSync(dir, { recursive: true, force: true });
  rmSync(out, { recursive: true, force: true });
  const seconds = timed ? Number(timed[1]) : wall;
  return [
    c.name,
    c.command[0] as string,
    size >= 1 << 20 ? `${(size / (1 << 20)).toFixed(1)} MB` : `${(size / 1024).toFixed(1)} KB`,
    killed ? `超时（${TIMEOUT} s）` : `${String(r.status)}${crash}`,
    code,
    killed ? `> ${TIMEOUT}` : seconds.toFixed(2),
    timed ? (Number(timed[2]) / 1024).toFixed(0) : "—",
    outputBytes >= 1 << 20
      ? `${(outputBytes / (1 << 20)).toFixed(1)} MB`
      : `${(outputBytes / 1024).toFixed(1)} KB`,
  ];
}

const rows = selected.map(run);
const header = ["情形", "命令", "文件", "退出码", "第一个诊断", "用时 s", "峰值内存 MB", "输出"];
printTable(header, rows);
console.log(
  `\n（${BIN === join(ROOT, "bin/xinfang.mjs") ? "本版本" : BIN}；每项一个新进程，超过 ${TIMEOUT} s 即终止；峰值内存为常驻内存 maxRSS${hasTime ? "" : "（没有 /usr/bin/time，未测）"}。）`,
);
