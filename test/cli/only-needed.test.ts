// `xinfang pdf` and `xinfang docx` of a plan or an agreement do only the work that document needs:
// no other document file is parsed (one whose id line plainly names another is left unread), and
// no ledger is read, validated or scored, so a broken ledger stops `check` but not them, and the
// document is the same as the whole pipeline makes it. A document made from the ledgers (a
// notice) still reads and checks them.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkContent, needsNoLedgers, publish } from "../../src/index.ts";
import { mayHoldDocument } from "../../src/load/index.ts";
import { cli } from "./run-cli.ts";

const EXAMPLE = fileURLToPath(new URL("../../content/", import.meta.url));
let tmp = "";
let broken = "";

beforeAll(() => {
  tmp = mkdtempSync(join(tmpdir(), "xinfang-only-"));
  broken = join(tmp, "content");
  cpSync(EXAMPLE, broken, { recursive: true });
  // a petitions ledger that is not even YAML, and a file the ledger folder does not know
  writeFileSync(join(broken, "ledger/2025/petitions.yaml"), "petitions: [\n  - { id: P-1\n");
  writeFileSync(join(broken, "ledger/2025/notes.txt"), "…");
  // another plan whose id line is plain but whose body is broken
  writeFileSync(join(broken, "plans/draft.yaml"), "id: 2025-draft\ntitle: [未完\n");
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("one plan or agreement", () => {
  it("are the documents made without ledgers, by their id", () => {
    expect(needsNoLedgers("plan-2025-annual")).toBe(true);
    expect(needsNoLedgers("agreement-2025-v01")).toBe(true);
    expect(needsNoLedgers("notice-2025-annual")).toBe(false);
    expect(needsNoLedgers("report-2025-annual")).toBe(false);
    expect(needsNoLedgers("scoring-sheet-2025-v01")).toBe(false);
  });

  it("need no other document file: only one whose top-level id line plainly differs is left", () => {
    const plan = "id: 2025-annual\ntitle: 工作方案\n";
    expect(mayHoldDocument("plans/a.yaml", plan, "plan-2025-annual")).toBe(true);
    expect(mayHoldDocument("plans/a.yaml", plan, "plan-2025-other")).toBe(false);
    expect(mayHoldDocument("plans/a.yaml", plan, "plan-2025")).toBe(false);
    expect(mayHoldDocument("plans/a.yaml", plan, "agreement-2025-annual-v1")).toBe(false);
    expect(mayHoldDocument("agreements/a.yaml", "id: '2025'\n", "agreement-2025-v-01")).toBe(true);
    expect(mayHoldDocument("agreements/a.yaml", "id: 2025 # 年度\n", "agreement-2025-x")).toBe(
      true,
    );
    expect(mayHoldDocument("agreements/a.yaml", "id: 2025\n", "agreement-2024-x")).toBe(false);
    // not plainly said: kept (validation decides)
    for (const text of [
      "title: x\n",
      "{ id: 2025-other }\n",
      "id: 2025-other\nid: 2025-annual\n",
      "id: &a 2025-other\n",
      'id: "2025-other\n',
    ])
      expect(mayHoldDocument("plans/a.yaml", text, "plan-2025-annual")).toBe(true);
    // files that are not documents are never left out
    expect(mayHoldDocument("units.yaml", "id: x\n", "plan-2025-annual")).toBe(true);
    expect(mayHoldDocument("rules/2025.yaml", "id: x\n", "plan-2025-annual")).toBe(true);
  });

  it("publish from a folder whose ledger is broken, as the whole pipeline makes them", async () => {
    expect((await checkContent(broken)).content).toBeNull();
    const whole = (await publish(EXAMPLE)).publication?.documents ?? [];
    // every plan and a few agreements (one per village: they differ only in the village)
    const all = whole.map((d) => d.doc.meta.id);
    const ids = [
      ...all.filter((id) => id.startsWith("plan-")),
      ...all.filter((id) => id.startsWith("agreement-")).slice(0, 3),
    ];
    expect(ids.some((id) => id.startsWith("plan-"))).toBe(true);
    expect(ids.some((id) => id.startsWith("agreement-"))).toBe(true);
    for (const id of ids) {
      const one = await publish(broken, { only: id });
      expect(one.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
      expect(one.publication?.documents.map((d) => d.doc)).toEqual([
        whole.find((d) => d.doc.meta.id === id)?.doc,
      ]);
    }
  });

  it("write their PDF with `xinfang pdf` while `check` and a notice's PDF refuse", async () => {
    const out = join(tmp, "plan.pdf");
    const pdf = await cli(["pdf", "plan-2025-annual", "--content", broken, "--out", out]);
    expect(pdf.stderr).not.toContain("petitions.yaml");
    expect(pdf.stderr).not.toContain("draft.yaml");
    expect(pdf.code).toBe(0);
    expect(readFileSync(out).subarray(0, 5).toString()).toBe("%PDF-");
    const check = await cli(["check", "--content", broken]);
    expect(check.code).toBe(1);
    expect(check.stdout + check.stderr).toContain("petitions.yaml");
    expect(check.stdout + check.stderr).toContain("draft.yaml");
    const notice = await cli([
      "pdf",
      "notice-2025-annual",
      "--content",
      broken,
      "--out",
      join(tmp, "notice.pdf"),
    ]);
    expect(notice.code).toBe(1);
    expect(notice.stderr).toContain("petitions.yaml");
  });
});
