import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import { checkContent } from "../../src/index.ts";
import { parseCsvFile } from "../../src/load/csv.ts";
import type { ByteSource } from "../../src/load/byte-source.ts";
import { LineIndex } from "../../src/load/line-index.ts";
import { convertCell } from "../../src/load/cells.ts";
import { PETITION_COLUMNS, petitionRow } from "../../src/load/ledger-columns.ts";
import type { ColumnKind } from "../../src/load/ledger-columns.ts";
import { cli } from "../cli/run-cli.ts";
import { encodeGb18030 } from "../support/gb18030.ts";
import { generateContent, writeContent } from "../support/generate.ts";

const HEAD = "编号,日期,村（社区）,去向,形式,人数,事由,上级催办";
/** Quoted cells: a separator, line breaks (LF, CRLF, a lone CR) and doubled quotes inside. */
const QUOTED_CELLS = ['"a,b"', '"两行\n事由"', '"CR LF\r\n里"', '"说""是"""', '"\r"'];

describe("CSV ledgers", () => {
  it("maps Chinese headers to fields, converts booleans and numbers, leaves empty cells out", () => {
    const f = parseCsvFile(
      "p.csv",
      `\ufeff${HEAD}\r\nP-1,2025-01-08,dongshan,县,,6,"占地补偿, ""二次""",是\r\nP-2,2025-02-01,xishan,镇,个访,,,否\r\n`,
      "petitions",
      PETITION_COLUMNS,
    );
    expect(f.value).toEqual({
      petitions: [
        {
          id: "P-1",
          date: "2025-01-08",
          unit: "dongshan",
          level: "县",
          headcount: 6,
          summary: '占地补偿, "二次"',
          superior_urged: true,
        },
        {
          id: "P-2",
          date: "2025-02-01",
          unit: "xishan",
          level: "镇",
          form: "个访",
          superior_urged: false,
        },
      ],
    });
    expect(f.diagnostics).toEqual([]);
  });
  it("locates cells and rows, including after quoted line breaks", () => {
    const f = parseCsvFile(
      "p.csv",
      `${HEAD}\nP-1,2025-01-08,dongshan,县,个访,1,"两行\n事由",否\nP-2,2025-01-09,xishan,县,个访,1,,否\n`,
      "petitions",
      PETITION_COLUMNS,
    );
    const rows = (f.value as { petitions: unknown[] }).petitions;
    expect(f.itemLine(rows, 1)).toBe(4);
    expect(f.locate(["petitions", 1, "unit"])).toEqual({ file: "p.csv", line: 4, col: 16 });
  });
  it("locates every cell where the whole text's line index puts it, whatever the line ends", () => {
    const KEYS = ["id", "date", "unit", "level", "form", "headcount", "summary", "superior_urged"];
    const cell = fc.constantFrom("", "abc", "中文", ...QUOTED_CELLS);
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 7, maxLength: 7 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom("\n", "\r\n", "\r"),
        fc.boolean(),
        (rows, eol, bom) => {
          let raw = bom ? "\ufeff" : "";
          raw += HEAD + eol;
          const offsets: number[][] = [];
          rows.forEach((cells, i) => {
            const at: number[] = [];
            [`P-${i}`, ...cells].forEach((c, k) => {
              if (k) raw += ",";
              at.push(raw.length);
              raw += c;
            });
            raw += eol;
            offsets.push(at);
          });
          const f = parseCsvFile("p.csv", raw, "petitions", PETITION_COLUMNS);
          const lines = new LineIndex(raw);
          offsets.forEach((at, i) => {
            expect(f.locate(["petitions", i, "id"], "key")).toEqual({
              file: "p.csv",
              ...lines.locate(at[0] as number),
            });
            KEYS.forEach((key, k) =>
              expect(f.locate(["petitions", i, key])).toEqual({
                file: "p.csv",
                ...lines.locate(at[k] as number),
              }),
            );
          });
        },
      ),
      { numRuns: 500 },
    );
  });

  it("reads from the file's UTF-8 bytes what it reads from the text: values, trims, positions", () => {
    const KEYS = ["id", "date", "unit", "level", "form", "headcount", "summary", "superior_urged"];
    const KINDS = ["text", "date", "unit", "text", "text", "number", "text", "boolean"] as const;
    // Cell texts as clerks type them, padded with the spaces String#trim removes (and some it keeps).
    const word = fc.constantFrom(
      "",
      "P-1",
      "2025/1/8",
      "2025年1月8日",
      "东山村",
      "县",
      "个访",
      "６",
      "12",
      "是",
      "√",
      "事由：占地补偿",
      "😀",
      "\u3001",
      "é",
    );
    const pad = fc.constantFrom("", " ", "\t", "\u3000", "\u00a0", "\ufeff", "\u2028", "\u0085");
    const cell = fc
      .tuple(pad, word, pad, fc.boolean())
      .map(([a, w, z, quoted]) => ({ text: a + w + z, quoted }));
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 8, maxLength: 8 }), { minLength: 1, maxLength: 5 }),
        fc.constantFrom("\n", "\r\n"),
        fc.boolean(),
        (rows, eol, bom) => {
          const raw =
            (bom ? "\ufeff" : "") +
            HEAD +
            eol +
            rows
              .map((r) => r.map((c) => (c.quoted ? `"${c.text}"` : c.text)).join(",") + eol)
              .join("");
          const fromText = parseCsvFile("p.csv", raw, "petitions", PETITION_COLUMNS, 2025);
          const bytes = parseCsvFile(
            "p.csv",
            new Uint8Array(Buffer.from(raw)),
            "petitions",
            PETITION_COLUMNS,
            2025,
          );
          expect(bytes.value).toStrictEqual(fromText.value);
          expect(bytes.diagnostics).toEqual(fromText.diagnostics);
          const records = (bytes.value as { petitions: Record<string, unknown>[] }).petitions;
          // Rows of blank cells whose first starts with a space or control character (or is
          // empty) are skipped; every other cell is trimmed and converted.
          const skipped = (r: { text: string }[]) =>
            !((r[0]?.text.charCodeAt(0) ?? 0) > 32) && r.every((c) => c.text.trim() === "");
          const kept = rows.filter((r) => !skipped(r));
          expect(records).toHaveLength(kept.length);
          kept.forEach((r, i) => {
            const expected: Record<string, unknown> = {};
            r.forEach((c, k) => {
              const t = c.text.trim();
              if (t !== "") expected[KEYS[k] as string] = convertCell(t, KINDS[k] as ColumnKind);
            });
            expect(records[i]).toStrictEqual(expected);
            for (const key of KEYS)
              expect(bytes.locate(["petitions", i, key])).toEqual(
                fromText.locate(["petitions", i, key]),
              );
          });
          expect(bytes.lines.lineCount()).toBe(fromText.lines.lineCount());
        },
      ),
      { numRuns: 500 },
    );
  });
  it("read a window at a time from a ByteSource, any window size: the same as from bytes in memory", () => {
    const cell = fc.constantFrom(
      "",
      "P-1",
      "2025-01-08",
      "东山村",
      "县",
      " 个访\u3000",
      "😀",
      ...QUOTED_CELLS,
      '"开',
    );
    fc.assert(
      fc.property(
        fc.array(fc.array(cell, { minLength: 1, maxLength: 9 }), { minLength: 0, maxLength: 6 }),
        fc.constantFrom("\n", "\r\n", "\r"),
        fc.boolean(),
        fc.integer({ min: 1, max: 48 }),
        (rows, eol, bom, windowBytes) => {
          const raw =
            (bom ? "\ufeff" : "") + HEAD + eol + rows.map((r) => r.join(",") + eol).join("");
          const bytes = Buffer.from(raw);
          let reads = 0;
          const source: ByteSource = {
            size: bytes.length,
            read(into, offset, length, at) {
              reads++;
              return bytes.copy(into, offset, at, Math.min(bytes.length, at + length));
            },
          };
          const args = ["petitions", PETITION_COLUMNS, 2025, undefined, undefined] as const;
          const inMemory = parseCsvFile("p.csv", bytes, ...args);
          const windowed = parseCsvFile("p.csv", source, ...args, windowBytes);
          expect(windowed.value).toStrictEqual(inMemory.value);
          expect(windowed.diagnostics).toEqual(inMemory.diagnostics);
          const n =
            (inMemory.value as { petitions?: unknown[] } | undefined)?.petitions?.length ?? 0;
          for (let i = 0; i < n; i++)
            for (const key of ["id", "unit", "summary", "superior_urged"])
              expect(windowed.locate(["petitions", i, key])).toEqual(
                inMemory.locate(["petitions", i, key]),
              );
          expect(windowed.lines.lineCount()).toBe(inMemory.lines.lineCount());
          if (bytes.length > windowBytes * 4) expect(reads).toBeGreaterThan(1);
        },
      ),
      { numRuns: 600 },
    );
  });
  it("a column of more distinct cells than it remembers is still read right, repeats included", () => {
    const n = 20_000;
    const body = Array.from({ length: 2 * n }, (_, i) => `P-${i},2025-01-08,d,县,,,事由${i % n}\n`);
    const f = parseCsvFile(
      "p.csv",
      Buffer.from(`编号,日期,村（社区）,去向,形式,人数,事由\n${body.join("")}`),
      "petitions",
      PETITION_COLUMNS,
    );
    const rows = (f.value as { petitions: { id: string; summary: string }[] }).petitions;
    expect(rows).toHaveLength(2 * n);
    rows.forEach((r, i) => {
      expect(r.id).toBe(`P-${i}`);
      expect(r.summary).toBe(`事由${i % n}`);
    });
  });
  it("a row maker gives every column's field in the columns' order, then the record's others", () => {
    const row = petitionRow(PETITION_COLUMNS.map((c) => c.key));
    expect(Object.keys(row)).toEqual([...PETITION_COLUMNS.map((c) => c.key), "satisfied", "row"]);
    expect(Object.values(row)).toEqual([
      ...PETITION_COLUMNS.map((c) => c.key),
      undefined,
      undefined,
    ]);
  });
  it("rows read for refine: given whole, and as read without it where refine declines", () => {
    const text = `备注,${HEAD},受理日期\nx,P-1,2025-01-08,dongshan,县,,6,"事由",是,\ny,P-2,2025-02-01,xishan,镇,个访,,,否,2025-02-02\n`;
    const plain = parseCsvFile("p.csv", text, "petitions", PETITION_COLUMNS);
    const given: Record<string, unknown>[] = [];
    const declined = parseCsvFile(
      "p.csv",
      text,
      "petitions",
      PETITION_COLUMNS,
      2025,
      (row, fromColumns) => {
        expect(fromColumns).toBe(true);
        given.push(row);
        return null;
      },
      petitionRow,
    );
    expect(declined.value).toStrictEqual(plain.value);
    const rows = (declined.value as { petitions: object[] }).petitions;
    const plainRows = (plain.value as { petitions: object[] }).petitions;
    expect(rows.map((r) => Object.keys(r))).toEqual(plainRows.map((r) => Object.keys(r)));
    expect(given.map((r) => Object.keys(r))).toEqual(
      [0, 1].map(() => [...PETITION_COLUMNS.map((c) => c.key), "satisfied", "row"]),
    );
    expect(given[1]).toMatchObject({
      id: "P-2",
      form: "个访",
      headcount: undefined,
      accepted: "2025-02-02",
    });
    expect(declined.diagnostics).toEqual(plain.diagnostics);
  });
  it("reports an unknown column header", () => {
    const f = parseCsvFile(
      "p.csv",
      "编号,日期,备注栏\nP-1,2025-01-08,x\n",
      "petitions",
      PETITION_COLUMNS,
    );
    expect(f.diagnostics.map((d) => [d.code, d.position?.line, d.position?.col])).toEqual([
      ["schema/unknown-key", 1, 7],
    ]);
  });
});

const where = (d: Diagnostic) =>
  `${d.position?.file}:${d.position?.line}:${d.position?.col} ${d.code}`;
const parse = (text: string) => parseCsvFile("p.csv", text, "petitions", PETITION_COLUMNS);
const rowsOf = (f: ReturnType<typeof parse>) =>
  (f.value as { petitions: { id?: string }[] } | undefined)?.petitions.map((p) => p.id);

describe("damaged CSV ledgers are errors, never a short ledger", () => {
  it("a quote that never closes: an error at the opening quote, and no value at all", () => {
    const f = parse(
      `${HEAD}\nP-1,2025-01-08,dongshan,县,个访,1,"事由,否\nP-2,2025-01-09,xishan,县,个访,1,,否\n`,
    );
    expect(f.diagnostics.map(where)).toEqual(["p.csv:2:32 csv/unclosed-quote"]);
    expect(f.diagnostics[0]?.severity).toBe("error");
    expect(f.value).toBeUndefined();
    // In the header too.
    expect(parse(`编号,"日期\nP-1,2025-01-08\n`).diagnostics.map(where)).toEqual([
      "p.csv:1:4 csv/unclosed-quote",
    ]);
  });

  it("quotes that close (doubled quotes, line breaks inside) are not damage", () => {
    const f = parse(`${HEAD}\nP-1,2025-01-08,dongshan,县,个访,1,"他说""好""\n第二行",否\n`);
    expect(f.diagnostics).toEqual([]);
    expect(rowsOf(f)).toEqual(["P-1"]);
  });

  it("rows with more or fewer cells than the header: an error at the row, the row not read", () => {
    const f = parse(
      `${HEAD}\r\nP-1,2025-01-08,dongshan,县,个访,1,土地,补偿,否\r\nP-2,2025-01-09,xishan,县,个访\r\nP-3,2025-01-10,xishan,县,个访,1,,否\r\n`,
    );
    expect(f.diagnostics.map(where)).toEqual([
      "p.csv:2:1 csv/cell-count",
      "p.csv:3:1 csv/cell-count",
    ]);
    expect(f.diagnostics.map((d) => d.message)).toEqual([
      "第2行有9个单元格，表头有8列",
      "第3行有5个单元格，表头有8列",
    ]);
    expect(rowsOf(f)).toEqual(["P-3"]);
  });

  it("blank lines, rows of empty cells and a trailing line break are fine", () => {
    const f = parse(
      `${HEAD}\n\nP-1,2025-01-08,dongshan,县,个访,1,,否\n   \n,,,,,,,\n,,\nP-2,2025-01-09,xishan,县,个访,1,,否\n\n`,
    );
    expect(f.diagnostics).toEqual([]);
    expect(rowsOf(f)).toEqual(["P-1", "P-2"]);
    expect(rowsOf(parse(`${HEAD}\nP-1,2025-01-08,dongshan,县,个访,1,,否`))).toEqual(["P-1"]);
  });

  it("an empty file has no header: an error, not an empty ledger", () => {
    expect(parse("").diagnostics.map(where)).toEqual(["p.csv:1:1 schema/required"]);
    expect(parse("\ufeff\n").diagnostics.map(where)).toEqual(["p.csv:1:2 schema/required"]);
  });

  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it("300 petitions with one stray quote: check fails at the quote (it used to load 151 and pass)", async () => {
    const files = generateContent({
      seed: 8,
      year: 2025,
      units: 12,
      petitions: 300,
      petitionFormat: "csv",
      rules: "spec",
    });
    const lines = (files.get("ledger/2025/petitions.csv") as string).split("\n");
    const col = (lines[0] as string).split(",").indexOf("事由");
    const cells = (lines[151] as string).split(",");
    const at = cells.slice(0, col).join(",").length + 2; // 1-based column of the 事由 cell
    cells[col] = `"${cells[col]}`;
    lines[151] = cells.join(",");
    files.set("ledger/2025/petitions.csv", lines.join("\n"));
    const dir = mkdtempSync(join(tmpdir(), "xinfang-csv-"));
    dirs.push(dir);
    await writeContent(dir, files);

    const checked = await checkContent(dir);
    expect(checked.problems.filter((d) => d.severity === "error").map(where)).toEqual([
      `ledger/2025/petitions.csv:152:${at} csv/unclosed-quote`,
    ]);
    expect(checked.content).toBeNull();
    const r = await cli(["score", "--content", dir, "--year", "2025"]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`ledger/2025/petitions.csv:152:${at}  csv/unclosed-quote`);
    expect(r.stdout).toBe("");
  });
});

describe("a ledger with more problems than a call takes arguments", () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  it("250,000 rows of the wrong width: every one reported, no stack overflow", async () => {
    const dir = mkdtempSync(join(tmpdir(), "xinfang-csv-"));
    dirs.push(dir);
    cpSync(fileURLToPath(new URL("../fixtures/diagnostics/_base/", import.meta.url)), dir, {
      recursive: true,
    });
    rmSync(join(dir, "ledger/2025/petitions.yaml"));
    writeFileSync(join(dir, "ledger/2025/petitions.csv"), `${HEAD}\n${"P,1\n".repeat(250_000)}`);
    const checked = await checkContent(dir);
    expect(checked.problems.filter((d) => d.code === "csv/cell-count")).toHaveLength(250_000);
  });
});

describe("CSV as Excel and WPS save it on Chinese Windows", () => {
  const BASE = fileURLToPath(new URL("../fixtures/diagnostics/_base/", import.meta.url));
  const dirs: string[] = [];
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const CSV =
    "编号,日期,村（社区）,去向,形式,人数,上级催办,受理日期\r\n" +
    "P-1,2025/1/8,东山村,县,个访,1,√,2025年1月8日\r\n" +
    "P-2,2025-01-09,西山,镇,集访,6,,2025/1/9\r\n";
  const variants: [string, Uint8Array, boolean][] = [
    ["GB18030, CRLF", encodeGb18030(CSV), true],
    ["GB18030 with its BOM", encodeGb18030(`\ufeff${CSV}`), true],
    ["UTF-8 with BOM, CRLF", Buffer.from(`\ufeff${CSV}`, "utf8"), false],
    ["UTF-8, LF", Buffer.from(CSV.replaceAll("\r\n", "\n"), "utf8"), false],
  ];
  for (const [name, bytes, legacy] of variants) {
    it(`${name}: names, 2025/1/8, 2025年1月8日 and √ read as the YAML would`, async () => {
      const dir = mkdtempSync(join(tmpdir(), "xinfang-csv-"));
      dirs.push(dir);
      cpSync(BASE, dir, { recursive: true });
      rmSync(join(dir, "ledger/2025/petitions.yaml"));
      writeFileSync(join(dir, "ledger/2025/petitions.csv"), bytes);
      const checked = await checkContent(dir);
      expect(checked.problems.map((d) => d.code)).toEqual(legacy ? ["file/legacy-encoding"] : []);
      const petitions = checked.content?.ledgers.get(2025)?.petitions ?? [];
      expect(
        petitions.map((p) => [p.id, p.date, p.unit, p.superior_urged, p.accepted, p.headcount]),
      ).toEqual([
        ["P-1", "2025-01-08", "dongshan", true, "2025-01-08", 1],
        ["P-2", "2025-01-09", "xishan", false, "2025-01-09", 6],
      ]);
    });
  }
});
