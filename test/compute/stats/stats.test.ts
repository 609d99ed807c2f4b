import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { statistics } from "../../../src/index.ts";
import { figureSentences, yoyText } from "../../../src/render/figures.ts";
import { validateContent } from "../../../src/validate/index.ts";
import { cli } from "../../cli/run-cli.ts";

const temp = mkdtempSync(join(tmpdir(), "xinfang-stats-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const UNITS = "units:\n  - { id: dongshan, name: 东山村 }\n  - { id: xishan, name: 西山村 }\n";

/** `n` accepted petitions in `year`, the first `resolved` of them resolved; flow style, one per line. */
function petitions(
  year: number,
  n: number,
  resolved: number,
  extra: (i: number) => string = () => "",
): string {
  const lines = ["petitions:"];
  for (let i = 0; i < n; i++) {
    const m = String((i % 12) + 1).padStart(2, "0");
    lines.push(
      `  - { id: P-${year}-${i}, date: ${year}-${m}-10, unit: ${i % 2 ? "xishan" : "dongshan"}, level: 镇, form: 个访, headcount: ${1 + (i % 3)}, channel: 来访, accepted: ${year}-${m}-11, closed: ${year}-${m}-20, resolved: ${i < resolved}${extra(i)} }`,
    );
  }
  return `${lines.join("\n")}\n`;
}

function folder(name: string, files: Record<string, string>): string {
  const dir = join(temp, name);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(join(dir, rel, ".."), { recursive: true });
    writeFileSync(join(dir, rel), text);
  }
  return dir;
}

describe("xinfang stats", () => {
  it("187 accepted in 2025 (184 resolved) against 214 in 2024: 同比下降12.6%, 化解率98.4%", async () => {
    const dir = folder("seed", {
      "units.yaml": UNITS,
      "ledger/2025/petitions.yaml": petitions(2025, 187, 184),
      "ledger/2024/petitions.yaml": petitions(2024, 214, 200),
    });
    const r = await cli(["stats", "--content", dir, "--from", "2025-01-01", "--to", "2025-12-31"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("共受理信访事项187件");
    expect(r.stdout).toContain("同比下降12.6%");
    expect(r.stdout).toContain("化解184件，化解率98.4%");
    const json = JSON.parse(
      (
        await cli([
          "stats",
          "--content",
          dir,
          "--from",
          "2025-01-01",
          "--to",
          "2025-12-31",
          "--json",
        ])
      ).stdout,
    );
    expect(json.current.accepted.count).toBe(187);
    expect(json.current.rates.resolved).toEqual({ num: 184, den: 187, text: "98.4%" });
    expect(json.comparison).toBe("ledger");
  });

  it("counts only accepted petitions, by acceptance date, and splits by channel, unit and month", () => {
    const files = new Map([
      ["units.yaml", UNITS],
      [
        "ledger/2025/petitions.yaml",
        "petitions:\n  - { id: A, date: 2025-03-30, unit: dongshan, level: 县, headcount: 6, channel: 网上, accepted: 2025-04-02 }\n  - { id: B, date: 2025-03-30, unit: xishan, level: 市, form: 重访, headcount: 2, channel: 来信 }\n  - { id: C, date: 2025-04-05, unit: xishan, level: 省, form: 个访, channel: 来访, accepted: 2025-04-05, closed: 2025-07-01, satisfaction: 不满意 }\n",
      ],
    ]);
    const v = validateContent(files);
    if (!v.content) throw new Error("invalid");
    const s = statistics(v.content, { from: "2025-04-01", to: "2025-04-30" });
    expect(s.current.accepted).toEqual({ count: 2, headcount: 7 });
    expect(s.current.collective).toEqual({ count: 1, headcount: 6 }); // headcount 6 ≥ 5 → 集访
    expect(s.current.leapfrog).toEqual({ count: 1, headcount: 1 }); // 省 is above 县
    expect(s.current.repeat.count).toBe(0); // B was never accepted
    expect(s.current.closed).toBe(1);
    expect(s.current.closedOnTime).toBe(0); // 2025-07-01 is after accepted + 60 days
    expect(s.current.rates.satisfied).toEqual({ num: 0, den: 1 });
    expect(s.current.byChannel.map((c) => [c.channel, c.value.count])).toEqual([
      ["来访", 1],
      ["网上", 1],
    ]);
    expect(s.current.byUnit.map((u) => u.value.count)).toEqual([1, 1]);
    expect(s.current.byMonth).toEqual([{ month: "2025-04", value: { count: 2, headcount: 7 } }]);
  });

  it("uses a report's previous: block when last year's ledger is absent", () => {
    const v = validateContent(
      new Map([
        ["units.yaml", UNITS],
        ["ledger/2025/petitions.yaml", petitions(2025, 20, 20)],
      ]),
    );
    if (!v.content) throw new Error("invalid");
    const s = statistics(v.content, {
      from: "2025-01-01",
      to: "2025-12-31",
      previous: { accepted: 25, collective_batches: 0 },
    });
    expect(s.previous.source).toBe("summary");
    const text = figureSentences(s).map((x) => x.text);
    // The 同比 stands next to the quantity it compares: the 件, not the 人次.
    expect(text[0]).toBe("共受理信访事项20件（同比下降20.0%）、39人次");
    expect(text.find((t) => t.startsWith("未发生集体访"))).toBe("未发生集体访（与上年持平）");
  });
});

describe("同比 wording", () => {
  it("says 下降, 增长, 持平 and that there was none last year", () => {
    expect(yoyText(187, 214)).toBe("同比下降12.6%");
    expect(yoyText(11, 10)).toBe("同比增长10.0%");
    expect(yoyText(10, 10)).toBe("与上年持平");
    expect(yoyText(3, 0)).toBe("上年同期没有");
    expect(yoyText(0, 0)).toBe("与上年持平");
    expect(yoyText(3, undefined)).toBeNull();
  });
  it("rounds half away from zero on the exact value (x.x5 edges)", () => {
    expect(yoyText(17, 16)).toBe("同比增长6.3%"); // 6.25
    expect(yoyText(15, 16)).toBe("同比下降6.3%"); // −6.25
    expect(yoyText(81, 80)).toBe("同比增长1.3%"); // 1.25
    expect(yoyText(2001, 2000)).toBe("同比增长0.1%"); // 0.05
  });
});

describe("figure lint", () => {
  it("flags 化解率98.6% when the ledger gives 184 of 187, naming both values", async () => {
    const { lintFigures } = await import("../../../src/compute/stats/lint.ts");
    const v = validateContent(
      new Map([
        ["units.yaml", UNITS],
        ["ledger/2025/petitions.yaml", petitions(2025, 187, 184)],
      ]),
    );
    if (!v.content) throw new Error("invalid");
    const s = statistics(v.content, { from: "2025-01-01", to: "2025-12-31" });
    const text = "全年受理信访事项187件，化解184件，化解率98.6%；办结率为100%。";
    expect(lintFigures(text, s.current)).toEqual([
      {
        offset: text.indexOf("98.6"),
        what: "化解率",
        typed: "98.6%",
        computed: "98.4%（184÷187）",
      },
    ]);
    expect(lintFigures("化解率98.4%，化解率98%。", s.current)).toEqual([]);
  });
});
