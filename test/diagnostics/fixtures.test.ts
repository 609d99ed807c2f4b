import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diagnosticCodes } from "../../src/diagnostics/catalog.ts";
import { FIXTURES, actualOf, expectedOf, fixtureFiles } from "./fixture-runner.ts";

const folderOf = (code: string) => code.replace("/", "--");

describe("diagnostic fixtures", () => {
  it("the base content has no diagnostics at all", async () => {
    expect((await actualOf(fixtureFiles("_base"))).keys).toEqual([]);
  });

  it("every diagnostic code has a fixture folder", () => {
    const missing = diagnosticCodes.filter((code) => !existsSync(join(FIXTURES, folderOf(code))));
    expect(missing).toEqual([]);
  });

  it("every fixture folder is named after a known code", () => {
    const folders = readdirSync(FIXTURES).filter((n) => n !== "_base" && !n.includes("."));
    const unknown = folders.filter((f) => !diagnosticCodes.map(folderOf).includes(f));
    expect(unknown).toEqual([]);
  });

  for (const code of diagnosticCodes) {
    const folder = folderOf(code);
    it.skipIf(!existsSync(join(FIXTURES, folder)))(
      `${code}: reported exactly where the fixture says`,
      async () => {
        const files = fixtureFiles(folder);
        const expected = expectedOf(folder, files);
        expect(
          expected.some((e) => e.split(" ")[1] === code),
          "the fixture must expect its own code",
        ).toBe(true);
        expect((await actualOf(files)).keys).toEqual(expected);
      },
    );
  }
});
