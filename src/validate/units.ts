// units.yaml: schema per unit, unique ids, members identifiable, liaisons paid consistently.
import { unitSchema, unitsFileSchema } from "../../schemas/index.ts";
import type { Unit } from "../../schemas/index.ts";
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import type { SourceFile } from "../load/source-file.ts";
import { validateList } from "./records.ts";
import { unitNamesOf } from "./unit-names.ts";
import type { UnitNames } from "./unit-names.ts";

export interface UnitsResult {
  /** Valid units in file order; null when any unit is invalid. */
  units: Unit[] | null;
  /** Every id written in units.yaml, valid record or not (avoids cascades of unknown-unit). */
  knownIds: Set<string>;
  /** Names ledgers may use for the units (validate/unit-names.ts). */
  names: UnitNames;
}

const rec = (v: unknown): Record<string, unknown> | null =>
  v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

export function validateUnits(src: SourceFile, out: Diagnostic[]): UnitsResult {
  const list = validateList(src, "units", unitsFileSchema, unitSchema, out);
  const knownIds = new Set<string>();
  /** Where each id was first written. */
  const firstId = new Map<string, number>();
  if (list.raw.length === 0 && src.value !== undefined) {
    out.push(
      makeDiagnostic("schema/range", {
        position: src.locate([]),
        path: "units",
        params: { noUnits: true },
      }),
    );
  }
  const firstAward = new Map<string, { unit: string; amount: number }>();
  list.raw.forEach((r, i) => {
    const u = rec(r);
    if (!u) return;
    const id = u.id;
    if (typeof id === "string") {
      const first = firstId.get(id);
      if (first !== undefined) {
        out.push(
          makeDiagnostic("ref/duplicate-id", {
            position: src.locate(["units", i, "id"]),
            path: `units.${i}.id`,
            params: { id, of: "unit", first: src.locate(["units", first, "id"]) },
          }),
        );
      } else firstId.set(id, i);
      knownIds.add(id);
    }
    const names = new Map<string, number>();
    (Array.isArray(u.committee) ? u.committee : []).forEach((m: unknown, j: number) => {
      const name = rec(m)?.name;
      if (typeof name !== "string") return;
      const first = names.get(name);
      if (first !== undefined) {
        out.push(
          makeDiagnostic("units/duplicate-member", {
            position: src.locate(["units", i, "committee", j, "name"]),
            path: `units.${i}.committee.${j}.name`,
            params: { name, first: src.locate(["units", i, "committee", first, "name"]) },
          }),
        );
      } else names.set(name, j);
    });
    (Array.isArray(u.liaisons) ? u.liaisons : []).forEach((l: unknown, j: number) => {
      const lr = rec(l);
      const name = lr?.name;
      const amount = lr?.monthly_award ?? 0;
      if (typeof name !== "string" || typeof amount !== "number") return;
      const first = firstAward.get(name);
      if (!first) {
        firstAward.set(name, { unit: typeof id === "string" ? id : `#${i + 1}`, amount });
        return;
      }
      if (first.amount !== amount) {
        out.push(
          makeDiagnostic("units/liaison-award-conflict", {
            position: src.locate([
              "units",
              i,
              "liaisons",
              j,
              lr && "monthly_award" in lr ? "monthly_award" : "name",
            ]),
            path: `units.${i}.liaisons.${j}.monthly_award`,
            params: { name, amount, firstUnit: first.unit, firstAmount: first.amount },
          }),
        );
      }
    });
  });
  const units =
    list.items.every((u) => u !== null) && list.items.length > 0 ? (list.items as Unit[]) : null;
  return { units, knownIds, names: unitNamesOf(src.value) };
}
