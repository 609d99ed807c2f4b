// Golden Markdown, one document per kind: a reviewer reads the diff. A missing or different file
// fails; UPDATE_GOLDEN=1 rewrites them locally, never in CI (test/support/golden.ts).
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, it } from "vitest";
import { expectGolden } from "../support/golden.ts";
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
      expectGolden(join(GOLDEN, `${id}.md`), byId(docs, id).markdown);
    });
  }
});
