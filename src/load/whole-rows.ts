// Table rows made whole for `refine` (csv.ts, table.ts): with the sheet's row maker
// (LedgerSheet.row), every row is made in one step with every field of the record, in the
// record's order, which the fast check reads quickly and completes in place instead of copying.
// A row it declines is kept as the reader reads it without `refine`.
import type { LedgerColumn, LedgerSheet } from "./ledger-columns.ts";
import type { Refine } from "./source-file.ts";

type MakeRow = NonNullable<LedgerSheet["row"]>;

export class WholeRows {
  private readonly makeRow: MakeRow;
  private readonly refine: Refine;
  /** The fields of the header's columns, in the header's order. */
  private readonly named: readonly string[];
  /** Each header column's place among the sheet's columns (-1: not a column). */
  private readonly slot: readonly number[];
  private readonly values: unknown[];

  private constructor(
    makeRow: MakeRow,
    refine: Refine,
    columns: readonly LedgerColumn[],
    colOf: readonly (LedgerColumn | null)[],
    named: readonly string[],
  ) {
    this.makeRow = makeRow;
    this.refine = refine;
    this.named = named;
    this.slot = colOf.map((col) => (col ? columns.indexOf(col) : -1));
    this.values = columns.map(() => undefined);
  }

  /**
   * Whole rows for the header's columns `colOf`, or null (rows are then read field by field):
   * without `refine` or a row maker, or where the header names a field twice (there the later
   * empty cell must not hide the earlier one).
   */
  static of(
    columns: readonly LedgerColumn[],
    makeRow: MakeRow | undefined,
    colOf: readonly (LedgerColumn | null)[],
    refine: Refine | undefined,
  ): WholeRows | null {
    const named = colOf.flatMap((col) => (col ? [col.key] : []));
    if (!refine || !makeRow || new Set(named).size !== named.length) return null;
    return new WholeRows(makeRow, refine, columns, colOf, named);
  }

  /** The value of header column `c` in the row being read (a column not set is empty). */
  set(c: number, value: unknown): void {
    const at = this.slot[c] as number;
    if (at >= 0) this.values[at] = value;
  }

  /** The row of the values set since the last one: refined, or as read where refine declines. */
  take(): unknown {
    const row = this.makeRow(this.values);
    this.values.fill(undefined);
    const refined = this.refine(row, true);
    if (refined !== null && refined !== undefined) return refined;
    const out: Record<string, unknown> = {};
    for (const key of this.named) if (row[key] !== undefined) out[key] = row[key];
    return out;
  }
}
