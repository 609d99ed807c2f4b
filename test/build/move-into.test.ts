// How a build puts the stages' files (PDF, Word, workbooks) into the site it is building: a
// folder the site lacks is moved whole, anything else is copied beside what is there.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { moveInto } from "../../src/build/index.ts";

const temp = mkdtempSync(join(tmpdir(), "xinfang-move-into-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const put = (root: string, file: string, text: string) => {
  mkdirSync(dirname(join(root, file)), { recursive: true });
  writeFileSync(join(root, file), text);
};

describe("moveInto", () => {
  it("moves folders the site lacks, merges into those it has, copies loose files", async () => {
    const from = join(temp, "from");
    const to = join(temp, "to");
    const files = ["pdf/a.pdf", "pdf/b.pdf", "docx/sub/c.docx", "xlsx/d.xlsx", "top.txt"];
    for (const f of files) put(from, f, `bytes of ${f}`);
    put(to, "xlsx/site-own.txt", "the site's");
    put(to, "index.html", "<html>");
    await moveInto(from, to, files);
    for (const f of files) expect(readFileSync(join(to, f), "utf8")).toBe(`bytes of ${f}`);
    expect(readFileSync(join(to, "xlsx/site-own.txt"), "utf8")).toBe("the site's");
    expect(readFileSync(join(to, "index.html"), "utf8")).toBe("<html>");
    // the folders the site lacked were moved, the rest copied
    expect(existsSync(join(from, "pdf"))).toBe(false);
    expect(existsSync(join(from, "docx"))).toBe(false);
    expect(existsSync(join(from, "xlsx/d.xlsx"))).toBe(true);
    expect(existsSync(join(from, "top.txt"))).toBe(true);
  });
});
