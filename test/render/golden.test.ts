// Golden Markdown, one document per kind: a reviewer reads the diff. UPDATE_GOLDEN=1 rewrites.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { byId, renderContent } from "./render-content.ts";

const GOLDEN = fileURLToPath(new URL("./golden/", import.meta.url));
const IDS = [
  "plan-2025-annual",
  "agreement-2025-beiling",
  "scoring-sheet-2025-nanwan",
  "notice-2025-06",
  "notice-2025-annual",
  "report-2025-annual",
];

describe("golden Markdown per document kind", async () => {
  const docs = await renderContent();
  for (const id of IDS) {
    it(id, () => {
      const file = join(GOLDEN, `${id}.md`);
      const markdown = byId(docs, id).markdown;
      if (process.env.UPDATE_GOLDEN || !existsSync(file)) writeFileSync(file, markdown);
      expect(markdown).toBe(readFileSync(file, "utf8"));
    });
  }
});
