#!/usr/bin/env node
// The `xinfang` command's launcher. Plain JavaScript so that Node's compile cache is on before
// any TypeScript is loaded: with it, the type-stripped and compiled sources (bin.ts included) are
// kept between runs in the OS temp folder instead of being stripped and compiled on every start.
// It changes no output. All the work is in src/cli/bin.ts.

import module from "node:module";

module.enableCompileCache?.();

await import("../src/cli/bin.ts");
