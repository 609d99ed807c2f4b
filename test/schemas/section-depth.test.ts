// Plans and reports have four heading levels (一、（一）1.（1））. Whatever reaches the schema — a
// YAML file is already cut at 64 levels, but a value can be built in code — a section below the
// fourth level is doc/section-depth, once per fifth-level section, never deeper.
import { describe, expect, it } from "vitest";
import { documentSchemas } from "../../schemas/index.ts";

const { plan: planSchema, report: reportSchema } = documentSchemas();

/** A chain of `levels` sections, one inside the other. */
function chain(levels: number): unknown[] {
  let sections: unknown[] = [];
  for (let i = levels; i >= 1; i--) sections = [{ title: `第${i}级`, sections }];
  return sections;
}

const plan = (sections: unknown[]) => ({
  id: "2025-annual",
  year: 2025,
  title: "2025年度信访工作方案",
  date: "2025-02-10",
  sections,
});
const report = (sections: unknown[]) => ({
  ...plan(sections),
  period: { from: "2025-01-01", to: "2025-12-31" },
});

const FIFTH = ["sections", 0, "sections", 0, "sections", 0, "sections", 0, "sections", 0];

describe("section depth", () => {
  it("accepts four levels of sections in plans and reports", () => {
    expect(planSchema.safeParse(plan(chain(4))).success).toBe(true);
    expect(reportSchema.safeParse(report(chain(4))).success).toBe(true);
  });

  for (const [name, make, schema] of [
    ["plan", plan, planSchema],
    ["report", report, reportSchema],
  ] as const) {
    it(`refuses a ${name}'s fifth level once, however deep it goes`, () => {
      for (const levels of [5, 600, 100_000]) {
        const r = schema.safeParse(make(chain(levels)));
        expect(r.success).toBe(false);
        expect(
          r.error?.issues.map((i) => [i.path, (i as { params?: { code?: string } }).params?.code]),
        ).toEqual([[FIFTH, "doc/section-depth"]]);
      }
    });
  }

  it("refuses every section of the fifth level, each at its own item", () => {
    const four = chain(4) as { sections: unknown[] }[];
    let deepest = four[0] as { sections: unknown[] };
    for (let i = 0; i < 3; i++) deepest = deepest.sections[0] as { sections: unknown[] };
    deepest.sections = [{ title: "甲" }, { title: "乙" }];
    const r = planSchema.safeParse(plan(four));
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual([
      "sections.0.sections.0.sections.0.sections.0.sections.0",
      "sections.0.sections.0.sections.0.sections.0.sections.1",
    ]);
  });
});
