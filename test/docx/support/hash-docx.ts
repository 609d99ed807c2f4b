// Prints the SHA-256 of the example plan's DOCX: run under different TZ values by the
// determinism test.
import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { publish } from "../../../src/index.ts";
import { docxOf } from "../../../src/docx/index.ts";

const CONTENT = fileURLToPath(new URL("../../../content/", import.meta.url));
const r = await publish(CONTENT);
const plan = r.publication?.documents.find((d) => d.doc.meta.id === "plan-2025-annual");
if (!plan) throw new Error("the example plan does not publish");
process.stdout.write(
  `${createHash("sha256")
    .update(await docxOf(plan.doc))
    .digest("hex")}\n`,
);
