// Encodings: strict UTF-8 (BOM or not), UTF-16 with a BOM, GB18030 read with a warning naming it,
// anything else an error at the first bad byte. A GB18030 copy of a content folder reads to the
// same values as the UTF-8 original.
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/diagnostics/diagnostic.ts";
import { checkContent } from "../../src/index.ts";
import { decodeContent, utf8Text } from "../../src/load/decode.ts";
import { cli } from "../cli/run-cli.ts";
import { materialise } from "../diagnostics/fixture-runner.ts";
import { encodeGb18030 } from "../support/gb18030.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** A copy of a content folder, every file re-encoded with `encode` (content-relative path → bytes). */
function copyEncoded(from: string, encode: (text: string, rel: string) => Uint8Array): string {
  const files = new Map(walk(from).map((f) => [relative(from, f).replaceAll("\\", "/"), f]));
  const dir = materialise(files);
  dirs.push(dir);
  for (const rel of files.keys()) {
    const text = readFileSync(join(dir, rel), "utf8");
    writeFileSync(join(dir, rel), encode(text, rel));
  }
  return dir;
}

const where = (d: Diagnostic) =>
  `${d.position?.file}:${d.position?.line}:${d.position?.col} ${d.code}`;
const bytes = (...parts: (string | number[])[]) =>
  Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p) : Buffer.from(p))));
const diag = (r: ReturnType<typeof decodeContent>) => r.diagnostics.map(where);

describe("decoding a content file", () => {
  it("reads UTF-8 with and without a BOM, the BOM removed and not counted as a column", () => {
    expect(decodeContent("a.yaml", bytes("a: 信访\n"))).toEqual({
      text: "a: 信访\n",
      encoding: "UTF-8",
      diagnostics: [],
    });
    expect(decodeContent("a.yaml", bytes([0xef, 0xbb, 0xbf], "a: 信访\n")).text).toBe("a: 信访\n");
  });

  it("reads UTF-16 little- and big-endian with a BOM", () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("a: 信访😀\n", "utf16le")]);
    expect(decodeContent("a.yaml", le)).toEqual({
      text: "a: 信访😀\n",
      encoding: "UTF-16LE",
      diagnostics: [],
    });
    const be = Buffer.from(le);
    be.swap16();
    expect(decodeContent("a.yaml", be).text).toBe("a: 信访😀\n");
    expect(decodeContent("a.yaml", be).encoding).toBe("UTF-16BE");
  });

  it("reads GB18030 (GBK) with a warning that names the encoding", () => {
    const r = decodeContent(
      "ledger/2025/petitions.csv",
      encodeGb18030("编号,事由\nP-1,土地补偿\n"),
    );
    expect(r.text).toBe("编号,事由\nP-1,土地补偿\n");
    expect(r.encoding).toBe("GB18030");
    expect(diag(r)).toEqual(["ledger/2025/petitions.csv:1:1 file/legacy-encoding"]);
    expect(r.diagnostics[0]?.severity).toBe("warning");
    expect(r.diagnostics[0]?.message).toContain("GB18030（GBK）");
  });

  it("Latin-1 text: an error at the first bad byte, line and column counted on the text before it", () => {
    // "Café\n" in Latin-1: 0xE9 then a line break is neither UTF-8 nor GB18030.
    const r = decodeContent("a.yaml", bytes("a: 1\nname: Caf", [0xe9], "\n"));
    expect(r.text).toBeNull();
    expect(diag(r)).toEqual(["a.yaml:2:10 file/encoding"]);
    expect(r.diagnostics[0]?.message).toBe(
      "a.yaml 第 2 行第 10 列的字节既不是 UTF-8 编码，也不是 GB18030（GBK）编码（字节 0xE9 0x0A），无法读取这个文件",
    );
    // 0xFF is never part of GB18030.
    expect(diag(decodeContent("a.yaml", bytes("x: 信访\n  y: 村", [0xff], "\n")))).toEqual([
      "a.yaml:2:7 file/encoding",
    ]);
  });

  it("a UTF-8 file damaged in one place is an error there, not re-read as GB18030 mojibake", () => {
    const good = "summary: 群众反映土地补偿问题，已协调解决\n".repeat(3);
    const r = decodeContent("a.yaml", bytes(good, "note: 问题", [0xb4], "是\n"));
    expect(diag(r)).toEqual(["a.yaml:4:9 file/encoding"]);
    expect(r.diagnostics[0]?.message).toContain("不是有效的 UTF-8 编码");
    // A UTF-8 BOM declares UTF-8: no fallback either.
    expect(diag(decodeContent("a.yaml", bytes([0xef, 0xbb, 0xbf], "a: ", [0xd0, 0xc5])))).toEqual([
      "a.yaml:1:4 file/encoding",
    ]);
  });

  it("a sequence cut off at the end of the file is an error at its first byte", () => {
    expect(diag(decodeContent("a.yaml", bytes("a: 信", [0xe8, 0xae]))).length).toBe(1);
    const r = decodeContent("a.yaml", bytes("a: 信信信信", [0xe8, 0xae]));
    expect(diag(r)).toEqual(["a.yaml:1:8 file/encoding"]);
  });

  it("an unpaired surrogate in UTF-16 is an error at its position", () => {
    const le = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from("a: 1\nb: 信", "utf16le"),
      Buffer.from([0x00, 0xd8, 0x41, 0x00]),
    ]);
    expect(diag(decodeContent("a.yaml", le))).toEqual(["a.yaml:2:5 file/encoding"]);
  });

  it("NUL characters (a binary file, UTF-16 without BOM) are an error", () => {
    const r = decodeContent("a.csv", Buffer.from("id,date\n", "utf16le"));
    expect(r.text).toBeNull();
    expect(diag(r)).toEqual(["a.csv:1:2 file/encoding"]);
    expect(decodeContent("a.csv", Buffer.from("编号,日期\n", "utf16le")).text).toBeNull();
    expect(r.diagnostics[0]?.message).toContain("空字符");
  });
});

describe("utf8Text", () => {
  it("reads bytes as the fatal UTF-8 TextDecoder does, or refuses them as it does", () => {
    const strict = new TextDecoder("utf-8", { fatal: true });
    const decoded = (b: Uint8Array) => {
      try {
        return strict.decode(b);
      } catch {
        return null;
      }
    };
    const bytes = fc.oneof(
      fc.string({ unit: "binary" }).map((t) => new TextEncoder().encode(t)),
      fc.uint8Array({ maxLength: 12 }),
      fc
        .string({ unit: "binary" })
        .map((t) => new Uint8Array([0xef, 0xbb, 0xbf, ...Buffer.from(t)])),
      fc.constantFrom(
        new Uint8Array([0xef, 0xbb, 0xbf]),
        new Uint8Array([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x41]),
        new Uint8Array([0xef, 0xbb]),
        new Uint8Array([0xed, 0xa0, 0x80]), // an encoded surrogate: not UTF-8
        new Uint8Array([0xc0, 0xaf]), // an overlong form: not UTF-8
      ),
    );
    fc.assert(
      fc.property(bytes, fc.nat({ max: 3 }), (b, pad) => {
        // Also as a view into a larger buffer, as a read slice is.
        const outer = new Uint8Array(b.length + 2 * pad);
        outer.set(b, pad);
        const view = outer.subarray(pad, pad + b.length);
        expect(utf8Text(view)).toBe(decoded(b));
      }),
      { numRuns: 3000 },
    );
  });
});

describe("GB18030 content folders", () => {
  // Every example file type: office, leadership, units, rules, ledgers, documents of the four
  // folders and pages; the CSV case separately.
  for (const [name, folder] of [
    ["the example content (YAML ledgers, rules, units, documents, pages)", join(ROOT, "content")],
    ["a CSV petitions ledger", join(ROOT, "test/oracle/cases/11-csv")],
  ] as const) {
    it(`${name}: only a legacy-encoding warning per file, same values and texts as UTF-8`, async () => {
      const utf8 = await checkContent(copyEncoded(folder, (t) => Buffer.from(t)));
      const gbDir = copyEncoded(folder, (t) => encodeGb18030(t));
      const gb = await checkContent(gbDir);
      const nonAscii = [...utf8.texts]
        .filter(([, t]) => [...t].some((c) => c.charCodeAt(0) > 0x7f))
        .map(([f]) => f);
      expect(nonAscii.length).toBeGreaterThan(2);
      expect(gb.problems.map(where).sort()).toEqual(
        [
          ...utf8.problems.map(where),
          ...nonAscii.map((f) => `${f}:1:1 file/legacy-encoding`),
        ].sort(),
      );
      expect(gb.problems.filter((d) => d.code === "file/legacy-encoding").length).toBe(
        nonAscii.length,
      );
      expect(gb.texts).toEqual(utf8.texts);
      expect(utf8.content).not.toBeNull();
      expect(gb.content).toEqual(utf8.content);
      if (folder.endsWith("content"))
        expect([...gb.texts.keys()].filter((f) => f.startsWith("pages/")).length).toBeGreaterThan(
          0,
        );
      const r = await cli(["check", "--content", gbDir]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain("file/legacy-encoding  警告：");
    });
  }

  it("UTF-16 and UTF-8-with-BOM copies read without any warning", async () => {
    const folder = join(ROOT, "content");
    const utf8 = await checkContent(copyEncoded(folder, (t) => Buffer.from(t)));
    const utf16 = await checkContent(
      copyEncoded(folder, (t) =>
        Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(t, "utf16le")]),
      ),
    );
    const bom = await checkContent(
      copyEncoded(folder, (t) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(t)])),
    );
    for (const other of [utf16, bom]) {
      expect(other.problems.map(where)).toEqual(utf8.problems.map(where));
      expect(other.content).toEqual(utf8.content);
    }
  });

  it("a Latin-1 ledger fails check with the located error", async () => {
    const dir = copyEncoded(join(ROOT, "test/fixtures/diagnostics/_base"), (t, rel) =>
      rel === "ledger/2025/meetings.yaml"
        ? Buffer.concat([Buffer.from(t), Buffer.from("# Réunion\n", "latin1")])
        : Buffer.from(t),
    );
    const lines = readFileSync(join(dir, "ledger/2025/meetings.yaml"), "utf8").split("\n");
    const checked = await checkContent(dir);
    expect(checked.problems.map(where)).toEqual([
      `ledger/2025/meetings.yaml:${lines.length - 1}:4 file/encoding`,
    ]);
    expect(checked.content).toBeNull();
    const r = await cli(["check", "--content", dir]);
    expect(r.code).toBe(1);
  });
});
