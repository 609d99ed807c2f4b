// A CSV ledger that is UTF-8 is kept as its bytes (the rows are read from them) and decoded only
// when its text is asked for; every other file, and a CSV in another encoding, is text. Either
// way the texts, their order and what is parsed of them are what decoding every file gives.
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { decodeContent } from "../../src/load/decode.ts";
import type { ByteSource } from "../../src/load/byte-source.ts";
import { parseCsvFile } from "../../src/load/csv.ts";
import { readContentFiles } from "../../src/load/index.ts";
import { LEDGER_SHEETS } from "../../src/load/ledger-columns.ts";
import { ContentReadError, STREAMED_CSV_BYTES } from "../../src/load/read.ts";
import { parseContent } from "../../src/validate/index.ts";
import { encodeGb18030 } from "../support/gb18030.ts";

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

const CSV = "编号,日期,村（社区）,去向\nP-1,2025-01-08,东山村,县\nP-2,2025-01-09,xishan,镇\n";

function folder(files: Record<string, Uint8Array | string>): string {
  const dir = mkdtempSync(join(tmpdir(), "xinfang-texts-"));
  dirs.push(dir);
  for (const [rel, data] of Object.entries(files)) {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), data);
  }
  return dir;
}

describe("content texts", () => {
  it("a UTF-8 CSV is kept as bytes, a GB18030 one and every YAML file as text; both read alike", async () => {
    const bytes = {
      "units.yaml": "units: []\n",
      "ledger/2025/petitions.csv": `\ufeff${CSV}`,
      "ledger/2024/petitions.csv": encodeGb18030(CSV),
    };
    const read = await readContentFiles(folder(bytes));
    const { texts } = read;
    expect([...texts.keys()]).toEqual([
      "ledger/2024/petitions.csv",
      "ledger/2025/petitions.csv",
      "units.yaml",
    ]);
    expect(texts.size).toBe(3);
    expect(texts.utf8Bytes("ledger/2025/petitions.csv")?.toString()).toBe(CSV);
    expect(texts.utf8Bytes("ledger/2024/petitions.csv")).toBeUndefined();
    expect(texts.utf8Bytes("units.yaml")).toBeUndefined();
    for (const [rel, data] of Object.entries(bytes)) {
      const raw = typeof data === "string" ? Buffer.from(data) : data;
      expect(texts.get(rel)).toBe(decodeContent(rel, raw).text);
      expect(texts.has(rel)).toBe(true);
    }
    expect([...texts]).toEqual([...texts.keys()].map((k) => [k, texts.get(k)]));
    expect(new Map(texts)).toEqual(new Map(texts.entries()));
    // Parsed from the bytes or from the texts: the same values, diagnostics and positions.
    const fromBytes = parseContent(texts);
    const fromTexts = parseContent(new Map(texts));
    for (const [rel, src] of fromBytes) {
      const other = fromTexts.get(rel);
      expect(src.value).toStrictEqual(other?.value);
      expect(src.diagnostics).toEqual(other?.diagnostics);
      expect(src.locate(["petitions", 1, "unit"])).toEqual(other?.locate(["petitions", 1, "unit"]));
    }
    expect(fromBytes.get("ledger/2025/petitions.csv")?.value).toMatchObject({
      petitions: [
        { id: "P-1", date: "2025-01-08", unit: "东山村", level: "县" },
        { id: "P-2", date: "2025-01-09", unit: "xishan", level: "镇" },
      ],
    });
  });

  it("a UTF-8 CSV holding a NUL is not kept as bytes: it is an encoding error, as before", async () => {
    const read = await readContentFiles(
      folder({ "units.yaml": "units: []\n", "ledger/2025/petitions.csv": `${CSV}P-3\0,x\n` }),
    );
    expect(read.texts.has("ledger/2025/petitions.csv")).toBe(false);
    expect(read.diagnostics.map((d) => [d.code, d.position?.line])).toContainEqual([
      "file/encoding",
      4,
    ]);
  });

  describe("a CSV ledger above STREAMED_CSV_BYTES stays on the disk", () => {
    // Rows with Chinese text, so that characters straddle every 4 MB part the check reads.
    const row = (i: number) => `P-${i},2025-01-08,东山村,县,事由：占地补偿第${i}号问题\n`;
    const head = "编号,日期,村（社区）,去向,事由\n";
    const rows: string[] = [];
    for (let i = 0, bytes = 0; bytes < STREAMED_CSV_BYTES + 1024; i++) {
      rows.push(row(i));
      bytes += Buffer.byteLength(rows[i] as string);
    }
    const text = head + rows.join("");
    const sheet = LEDGER_SHEETS.petitions;
    const parse = (input: string | Uint8Array | ByteSource) =>
      parseCsvFile("ledger/2025/petitions.csv", input, sheet.listKey, sheet.columns, 2025);

    it("is read a window at a time, with the same values, positions and text", async () => {
      const dir = folder({
        "units.yaml": "units: []\n",
        "ledger/2025/petitions.csv": `\ufeff${text}`,
      });
      const { texts, diagnostics } = await readContentFiles(dir);
      expect(diagnostics).toEqual([]);
      const source = texts.utf8Bytes("ledger/2025/petitions.csv");
      expect(source).toBeDefined();
      expect(Buffer.isBuffer(source)).toBe(false);
      const fromDisk = parse(source as Buffer);
      const fromText = parse(text);
      expect(fromDisk.value).toStrictEqual(fromText.value);
      const rows = (fromText.value as { petitions: unknown[] }).petitions.length;
      for (const i of [0, 1, rows >> 1, rows - 1])
        expect(fromDisk.locate(["petitions", i, "summary"])).toEqual(
          fromText.locate(["petitions", i, "summary"]),
        );
      expect(texts.get("ledger/2025/petitions.csv")).toBe(text);
    });

    it("one bad byte near its end: read whole and reported where it is, as any file", async () => {
      const bad = Buffer.concat([Buffer.from(text), Buffer.from([0xff]), Buffer.from("\n")]);
      const dir = folder({ "units.yaml": "units: []\n", "ledger/2025/petitions.csv": bad });
      const { texts, diagnostics } = await readContentFiles(dir);
      expect(texts.has("ledger/2025/petitions.csv")).toBe(false);
      const lines = text.split("\n").length;
      expect(diagnostics.map((d) => [d.code, d.position?.line, d.position?.col])).toEqual([
        ["file/encoding", lines, 1],
      ]);
    });

    it("a file cut short after it was checked: an error, never a shorter ledger", async () => {
      const dir = folder({ "units.yaml": "units: []\n", "ledger/2025/petitions.csv": text });
      const { texts } = await readContentFiles(dir);
      truncateSync(join(dir, "ledger/2025/petitions.csv"), STREAMED_CSV_BYTES >> 1);
      const source = texts.utf8Bytes("ledger/2025/petitions.csv");
      expect(() => parse(source as Buffer)).toThrow(ContentReadError);
    });
  });
});
