// A test's timeout only stops a hang; it says nothing about speed (timing belongs to the benches
// in test/bench/, `npm run bench`). vitest's defaults, 5 s a test and 10 s a hook, made slow but
// correct tests fail on a shared 2-core machine, so they are raised here; a test that needs more
// still passes its own as the third argument.
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // No machine's installed fonts reach a test: `fonts: auto` finds only what a test puts in
    // the content folder's fonts/ or names in XINFANG_FONT_DIRS itself (src/pdf/installed.ts).
    // Nor does a copy of an unpacked WOFF font kept by an earlier run (src/pdf/font-cache.ts):
    // tests read fonts as a first run does, and font-cache.test.ts tests the copies.
    env: { XINFANG_FONT_DIRS: "", XINFANG_FONT_CACHE: "off" },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
