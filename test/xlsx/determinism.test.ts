// Same content, same bytes: two builds of a workbook are identical, whatever the time of day or
// the time zone; the ZIP entries carry a fixed time and [Content_Types].xml comes first.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreContent } from "../../src/index.ts";
import { readZip, scoreWorkbook } from "../../src/xlsx/index.ts";
import { writeZip } from "../../src/xlsx/zip.ts";
import { loadWorkbook } from "./read-back.ts";

const CONTENT = fileURLToPath(new URL("../../content/", import.meta.url));
const HASH = fileURLToPath(new URL("./support/hash-workbooks.ts", import.meta.url));

async function exampleBook(): Promise<Uint8Array> {
  const r = await scoreContent(CONTENT, { year: 2025, asOf: "2025-06-30" });
  const rules = r.content?.rules.get(2025)?.rules;
  if (!r.sheet || !rules) throw new Error("example does not score");
  return scoreWorkbook(r.sheet, rules, { creator: "青禾镇人民政府" });
}

describe("workbook bytes", () => {
  it("are identical when built twice, a second apart", async () => {
    const a = await exampleBook();
    await new Promise((r) => setTimeout(r, 1100));
    const b = await exampleBook();
    expect(Buffer.compare(Buffer.from(a), Buffer.from(b))).toBe(0);
  });

  it("are identical under different time zones", () => {
    const run = (tz: string) =>
      execFileSync(process.execPath, [HASH], { env: { ...process.env, TZ: tz }, encoding: "utf8" });
    const utc = run("UTC");
    expect(utc).toMatch(/^([0-9a-f]{64} ){2}[0-9a-f]{64}\n$/);
    expect(run("Asia/Shanghai")).toBe(utc);
    expect(run("America/Los_Angeles")).toBe(utc);
    expect(run("Pacific/Kiritimati")).toBe(utc);
  }, 60_000);

  it("carry the content's date and a fixed ZIP time on every entry", async () => {
    const bytes = await exampleBook();
    const entries = readZip(bytes);
    expect(entries[0]?.name).toBe("[Content_Types].xml");
    const core = new TextDecoder().decode(
      entries.find((e) => e.name === "docProps/core.xml")?.data,
    );
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2025-06-30T00:00:00Z');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2025-06-30T00:00:00Z');
    // every local header: DOS time 0, date 1980-01-01
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let headers = 0;
    for (let i = 0; i + 30 < bytes.length; i++)
      if (view.getUint32(i, true) === 0x04034b50) {
        headers++;
        expect([view.getUint16(i + 10, true), view.getUint16(i + 12, true)]).toEqual([0, 33]);
      }
    expect(headers).toBe(entries.length);
    const wb = await loadWorkbook(bytes);
    expect(wb.created.toISOString()).toBe("2025-06-30T00:00:00.000Z");
  });
});

describe("zip", () => {
  it("reads back what it writes, in order", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(
          fc.record({
            name: fc.stringMatching(/^[a-z0-9_/.\u4e00-\u4e2f]{1,20}$/),
            data: fc.uint8Array({ maxLength: 2000 }),
          }),
          { selector: (e) => e.name, maxLength: 8 },
        ),
        (entries) => {
          const back = readZip(writeZip(entries));
          expect(back.map((e) => e.name)).toEqual(entries.map((e) => e.name));
          back.forEach((e, k) =>
            expect(Buffer.from(e.data).equals(Buffer.from(entries[k]!.data))).toBe(true),
          );
          expect(Buffer.from(writeZip(back)).equals(Buffer.from(writeZip(entries)))).toBe(true);
        },
      ),
      { numRuns: 60 },
    );
  });
});
