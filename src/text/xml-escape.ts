// XML text and attribute values escaped the one way both Office writers need (src/docx, src/xlsx):
// the five special characters as entities, quotes in text too, and the control characters XML
// cannot hold dropped. Which of U+007F they drop is what the programs they replaced did.

const ENTITY: Record<string, string> = {
  "&": "&amp;",
  '"': "&quot;",
  "'": "&apos;",
  "<": "&lt;",
  ">": "&gt;",
};

/**
 * An escaper: `dropDelete` drops U+007F too (exceljs did; the docx library kept it). Every
 * control character below U+0020 but tab, line feed and carriage return is always dropped.
 */
export function xmlEscaper(dropDelete: boolean): (s: string) => string {
  const special = new RegExp(`[&"'<>\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F${dropDelete ? "\\x7F" : ""}]`);
  const specials = new RegExp(special.source, "g");
  return (s) => (special.test(s) ? s.replace(specials, (c) => ENTITY[c] ?? "") : s);
}
