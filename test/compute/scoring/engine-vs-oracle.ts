// Runs the engine in-process on a content folder and compares it with the independent oracle.
import { scoreSheetJson } from "../../../src/compute/scoring/json.ts";
import { loadContent, score } from "../../../src/index.ts";
import { compareScores } from "../../oracle/differential.ts";
import { oracleScore } from "../../oracle/score.ts";

export async function engineJson(dir: string, year: number, asOf?: string): Promise<unknown> {
  const loaded = await loadContent(dir, { year, scoringOnly: true });
  if (!loaded.content) {
    const errors = loaded.diagnostics.filter((d) => d.severity === "error");
    throw new Error(
      `content invalid: ${errors.map((d) => `${d.position?.file}:${d.position?.line} ${d.code} ${d.message}`).join("; ")}`,
    );
  }
  return JSON.parse(
    JSON.stringify(scoreSheetJson(score(loaded.content, asOf ? { year, asOf } : { year }))),
  );
}

export async function differences(dir: string, year: number, asOf?: string): Promise<string[]> {
  const actual = await engineJson(dir, year, asOf);
  const expected = oracleScore(dir, asOf ? { year, asOf } : { year });
  return compareScores(actual, expected, { strictOrder: true });
}
