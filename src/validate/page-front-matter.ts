// The front matter of an office page (`---` lines, YAML): only `title`, a text. Parsed where it
// stands in the page, so that positions are the page's.
import { makeDiagnostic } from "../diagnostics/catalog.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { parseYamlFile } from "../load/yaml.ts";
import { maskPersonal } from "../text/mask.ts";

const FRONT_MATTER_KEYS = new Set(["title"]);

/** The front matter's title (masked), undefined when there is none, null after a problem. */
export function frontMatterTitle(
  file: string,
  text: string,
  value: string,
  out: Diagnostic[],
): string | null | undefined {
  // The front matter opens the page (line 1 is `---`): parse its lines where they stand, so that
  // positions are the page's (a byte order mark only shifts line 1).
  if (value.trim() === "") return undefined;
  const count = value.split("\n").length;
  const padded = ["", ...text.split("\n").slice(1, 1 + count)].join("\n");
  const src = parseYamlFile(file, padded);
  if (src.diagnostics.length > 0 || src.value === undefined) {
    for (const d of src.diagnostics)
      out.push(
        makeDiagnostic("page/syntax", {
          position: d.position,
          path: "",
          params: { problem: "front-matter-yaml", message: d.message },
        }),
      );
    return null;
  }
  const data = src.value;
  if (data === null) return undefined;
  if (typeof data !== "object" || Array.isArray(data)) {
    out.push(
      makeDiagnostic("page/syntax", {
        position: src.locate([]),
        path: "",
        params: { problem: "front-matter-shape" },
      }),
    );
    return null;
  }
  let ok = true;
  for (const key of Object.keys(data)) {
    if (FRONT_MATTER_KEYS.has(key)) continue;
    ok = false;
    out.push(
      makeDiagnostic("page/syntax", {
        position: src.locate([key], "key"),
        path: key,
        params: { problem: "front-matter-key", key },
      }),
    );
  }
  const title = (data as Record<string, unknown>).title;
  if (title === undefined || title === null) return ok ? undefined : null;
  if (typeof title !== "string" || title.trim() === "") {
    out.push(
      makeDiagnostic("page/syntax", {
        position: src.locate(["title"]),
        path: "title",
        params: { problem: "front-matter-title" },
      }),
    );
    return null;
  }
  return ok ? maskPersonal(title.trim()) : null;
}
