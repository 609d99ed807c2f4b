// `node --import ./unvalidated-pages.ts src/cli/bin.ts build …`: a build in which office pages
// bypass validation. The content's pages are not read at all; the site gets the hostile page
// data of fixtures/hostile-pages.ts instead, as if validate/pages.ts had let it through.
import { registerHooks } from "node:module";

const STUB = new URL("./validate-pages-stub.ts", import.meta.url).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    return resolved.url.endsWith("/src/validate/pages.ts") ? { ...resolved, url: STUB } : resolved;
  },
});
