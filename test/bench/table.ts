// The benches' result tables: Markdown, columns padded to the widest cell as a terminal shows it
// (a Chinese character takes two columns), so they read aligned and paste into the README.
import { displayWidth, padEnd } from "../../src/cli/text-width.ts";

export function printTable(header: readonly string[], rows: readonly (readonly string[])[]): void {
  const widths = header.map((h, i) =>
    Math.max(...[h, ...rows.map((r) => r[i] ?? "")].map(displayWidth)),
  );
  const line = (cells: readonly string[]) =>
    `| ${cells.map((c, i) => padEnd(c, widths[i] ?? 0)).join(" | ")} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`);
  for (const r of rows) console.log(line(r));
}
