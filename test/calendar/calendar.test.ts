import { describe, expect, it } from "vitest";
import {
  addMonths,
  isoWeekDate,
  isoWeekExists,
  isoWeekday,
  isoWeeksInYear,
  monthEnd,
  monthEndsUntil,
  weeksWithWeekdayIn,
} from "../../src/calendar/calendar.ts";

describe("ISO weeks", () => {
  it("knows which years have 53 weeks", () => {
    expect(isoWeeksInYear(2025)).toBe(52);
    expect(isoWeeksInYear(2026)).toBe(53);
    expect(isoWeeksInYear(2020)).toBe(53);
    expect(isoWeekExists("2025-W53")).toBe(false);
    expect(isoWeekExists("2026-W53")).toBe(true);
    expect(isoWeekExists("2025-W00")).toBe(false);
  });
  it("2025-W01 starts on Monday 2024-12-30", () => {
    expect(isoWeekDate("2025-W01", 1)).toBe("2024-12-30");
    expect(isoWeekDate("2025-W01", 5)).toBe("2025-01-03");
    expect(isoWeekDate("2026-W01", 1)).toBe("2025-12-29");
  });
  it("weekdays", () => {
    expect(isoWeekday("2025-01-03")).toBe(5);
    expect(isoWeekday("2025-12-28")).toBe(7);
  });
  it("lists the weeks whose deadline day falls in a year", () => {
    const fridays = weeksWithWeekdayIn(2025, 5);
    expect(fridays.length).toBe(52);
    expect(fridays[0]).toBe("2025-W01");
    const mondays = weeksWithWeekdayIn(2025, 1);
    expect(mondays[0]).toBe("2025-W02");
    expect(mondays.at(-1)).toBe("2026-W01");
  });
  it("adds months, clamping to the month's end", () => {
    expect(addMonths("2025-01-31", 1)).toBe("2025-02-28");
    expect(addMonths("2025-11-15", 3)).toBe("2026-02-15");
  });
});

describe("month ends", () => {
  it("knows the last day of each month, leap years included", () => {
    expect(monthEnd(2024, 2)).toBe("2024-02-29");
    expect(monthEnd(2025, 2)).toBe("2025-02-28");
    expect(monthEnd(2025, 4)).toBe("2025-04-30");
    expect(monthEnd(2025, 12)).toBe("2025-12-31");
  });

  it("lists the month ends up to a day", () => {
    expect(monthEndsUntil(2025, "2025-03-30")).toEqual(["2025-01-31", "2025-02-28"]);
    expect(monthEndsUntil(2025, "2025-12-31")).toHaveLength(12);
  });
});
