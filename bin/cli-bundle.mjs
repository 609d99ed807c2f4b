// The command's modules as a few bundled files, kept between runs like Node's compile cache.
//
// A cold `xinfang pdf`, `check` or `score` spends much of its time loading modules: some two
// hundred and fifty files (zod alone is ninety-five, its sixty-odd locales included), each resolved,
// read, looked up in the compile cache and linked. esbuild puts the same code into one CommonJS
// file, xinfang.cjs (the Markdown parser's packages into a second, loaded when first needed). The
// bundle is made from the sources on the first run that finds none or finds it out of date, and
// kept in node_modules/.cache/xinfang-cli/ (XINFANG_CLI_CACHE names another folder, or `off`).
//
// The launcher runs these files itself (runBundle) and keeps V8's compiled code of each between
// runs, one cache per command, made at the end of the command's first successful run: it holds
// every function that run compiled, where Node's compile cache holds only what is compiled before
// the module runs (V8 compiles most functions when first called: ~1,500 of them in a `pdf`, some
// 30–40 ms a run). V8 refuses a cache made for other code, another V8 or other flags; the next
// successful run makes it anew.
//
// A bundle is used only while every file it was made from (the sources, schemas, templates, this
// file; the dependencies through npm's record of node_modules) has the size and modification time
// it had when the bundle was made; anything else makes a new one. Files changed while a bundle is
// being made leave it unused. Each bundle is written to a folder of its own under a temporary name
// and renamed into place, then named in current.json (also renamed into place), so a process
// never runs half a bundle. Nothing here can fail a command: when no bundle can be made or used,
// the sources run (bin/xinfang.mjs). `build` always runs from the sources (its site builder and
// its worker threads find their files next to them).
//
// What the bundle does differently, each below: a source's `import.meta.url` is its original file
// URL (templates, fonts and package.json are found where the sources find them); packages left
// outside load from the root; Node's built-in modules are taken with process.getBuiltinModule;
// the text is ASCII; zod's locales are left out; templates/ comes precompiled; the Markdown
// parser's packages are a CommonJS file of their own. test/cli/bundle.test.ts runs every command
// both ways and compares what they print and write.
/* global Buffer, process, URL */
// Node's modules are taken with process.getBuiltinModule, not imported: an ES import of a built-in
// module reads every export, and node:fs's lazy ones load some thirty more modules (streams,
// readline, fs/promises …), ~7 ms before anything runs. The bundle takes them so too (see
// `builtins` below).
const {
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} = process.getBuiltinModule("node:fs");
const { createRequire, isBuiltin } = process.getBuiltinModule("node:module");
const { join, relative, resolve } = process.getBuiltinModule("node:path");
const { fileURLToPath, pathToFileURL } = process.getBuiltinModule("node:url");

const ROOT = fileURLToPath(new URL("../", import.meta.url));
const SELF = fileURLToPath(import.meta.url);
export const CLI_CACHE_VARIABLE = "XINFANG_CLI_CACHE";
const FORMAT = 4;
/** Packages left outside the bundle: the site builder's tool chain (reached only from build.ts,
 * itself outside) and exceljs (the ledger template workbook), loaded from their packages. */
const OUTSIDE = /^(astro|@astrojs\/[^/]+|vite|playwright-core|exceljs)(\/.*)?$/;
/** A bundle no longer named in current.json is removed once it is this old (a process started
 * from it may still be loading its files). */
const KEEP_OLD_MS = 60 * 60 * 1000;

/** The folder of the bundles, or null when switched off. */
export function cliCacheDir(env = process.env) {
  const set = env[CLI_CACHE_VARIABLE]?.trim();
  if (set === "off") return null;
  return set ? resolve(set) : join(ROOT, "node_modules", ".cache", "xinfang-cli");
}

/** [path relative to the root, size, mtimeMs] of a file, or null when it is gone. */
function stamp(rel) {
  const s = statSync(ROOT + rel, { throwIfNoEntry: false });
  return s?.isFile() ? [rel, s.size, s.mtimeMs] : null;
}

/** npm's record of what node_modules holds, rewritten by every install that changes it. */
const INSTALLED = "node_modules/.package-lock.json";

/**
 * The file whose stamp stands for `file` (relative to the root): for a dependency's files, npm's
 * record of node_modules when there is one (one file to look at instead of eighty), else the
 * dependency's package.json (installing another version writes it anew); the file itself otherwise.
 */
function stampedFile(file) {
  const parts = file.split(/[\\/]/);
  const last = parts.lastIndexOf("node_modules");
  if (last < 0) return parts.join("/");
  if (stamp(INSTALLED)) return INSTALLED;
  const name = parts[last + 1]?.startsWith("@") ? 2 : 1;
  return [...parts.slice(0, last + 1 + name), "package.json"].join("/");
}

/** The bundle's file that runs the command (src/cli/run.ts and all it imports). */
const ENTRY = "xinfang.cjs";

/** The entry file of the bundle named in `dir`/current.json while it is up to date, else null. */
export function freshBundle(dir) {
  let current;
  try {
    current = JSON.parse(readFileSync(join(dir, "current.json"), "utf8"));
  } catch {
    return null;
  }
  if (
    current?.format !== FORMAT ||
    typeof current.key !== "string" ||
    !Array.isArray(current.inputs)
  )
    return null;
  for (const [rel, size, mtime] of current.inputs) {
    const now = stamp(rel);
    if (!now || now[1] !== size || now[2] !== mtime) return null;
  }
  const entry = join(dir, current.key, ENTRY);
  return statSync(entry, { throwIfNoEntry: false })?.isFile() ? entry : null;
}

/** Each source's `import.meta.url` becomes its own file URL (see the head of this file). */
const ownUrl = {
  name: "own-url",
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const own = readFileSync(args.path, "utf8");
      const text = (
        args.path === MARKDOWN_MODULE
          ? markdownFromFile(own)
          : BUNDLED_REQUIRES.includes(args.path)
            ? bundledRequires(own, args.path)
            : own
      ).replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href));
      return { contents: text, loader: "ts" };
    });
  },
};

/**
 * A package left outside the bundle is loaded from where the sources would load it (the bundle
 * may be kept in another folder, XINFANG_CLI_CACHE).
 */
const outsideFromRoot = {
  name: "outside-from-root",
  setup(b) {
    b.onResolve({ filter: OUTSIDE }, (args) => {
      try {
        return { path: createRequire(SELF).resolve(args.path), external: true };
      } catch {
        return { external: true };
      }
    });
  },
};

/**
 * zod's sixty-odd translations of its messages (`z.locales`, `z.core.locales`) are left out:
 * nothing here uses them (every message shown is ours; zod's English default is imported on its
 * own), and they are half of zod's code (~10 ms of a cold start).
 */
const noZodLocales = {
  name: "no-zod-locales",
  setup(b) {
    b.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]v4[\\/](classic[\\/]external|core[\\/]index)\.js$/.test(args.importer)
        ? { path: "locales", namespace: "no-zod-locales" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "no-zod-locales" }, () => ({
      contents: "export {};",
      loader: "js",
    }));
  },
};

/**
 * Node's built-in modules as ES modules of the bundle that take them with
 * process.getBuiltinModule and read each export the bundle imports once, when the module is first
 * needed; exports nothing imports are dropped as unused. Not as CommonJS modules: esbuild wraps
 * one of those for every module that imports it (__toESM), which reads each property's
 * descriptor, and that makes Node load every lazy export (node:util's `parseArgs`, `diff` and
 * `setTraceSigInt` load worker_threads and a dozen more modules; node:zlib's, node:fs's and
 * node:buffer's theirs), ~3 ms of every command before it does anything. An ES import of the
 * module itself would read all of them too.
 */
const builtins = {
  name: "builtins",
  setup(b) {
    b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) =>
      isBuiltin(args.path)
        ? {
            path: args.path.startsWith("node:") ? args.path : `node:${args.path}`,
            namespace: "builtin",
          }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "builtin" }, (args) => ({
      contents: args.path === "node:fs/promises" ? lazyFsPromises() : builtinModule(args.path),
      loader: "js",
    }));
  },
};

/** Whether `name` can be the name of a `const`. */
function bindingName(name) {
  if (!/^[A-Za-z_$][\w$]*$/.test(name) || name === "default") return false;
  try {
    new Function(`"use strict"; const ${name} = 0;`);
    return true;
  } catch {
    return false;
  }
}

/**
 * A built-in module as an ES module: its default export is the module, each named export the
 * property of that name, read when the module runs (the names it has here; esbuild refuses an
 * import of a name it lacks when the bundle is made). Marked pure, so the unused ones go.
 */
function builtinModule(path) {
  const names = Object.getOwnPropertyNames(process.getBuiltinModule(path)).filter(bindingName);
  return [
    `const m = process.getBuiltinModule(${JSON.stringify(path)});`,
    "const get = (name) => m[name];",
    "export default m;",
    ...names.map((n) => `export const ${n} = /* @__PURE__ */ get(${JSON.stringify(n)});`),
  ].join("\n");
}

/**
 * node:fs/promises as functions that load it when first called: loading it loads readline and
 * a dozen more modules (~3 ms), which a command that reads and writes its files otherwise (small
 * content files with blocking calls) never needs. Its one other export, `constants`, is node:fs's.
 */
function lazyFsPromises() {
  const real = process.getBuiltinModule("node:fs/promises");
  const names = Object.keys(real).filter((k) => typeof real[k] === "function");
  const rest = Object.keys(real).filter((k) => typeof real[k] !== "function");
  if (rest.join() !== "constants") throw new Error(`node:fs/promises exports ${rest.join()}`);
  return [
    "let loaded;",
    'const fsp = () => (loaded ??= process.getBuiltinModule("node:fs/promises"));',
    ...names.map((n) => `export function ${n}(...a) { return fsp().${n}(...a); }`),
    'export const constants = process.getBuiltinModule("node:fs").constants;',
  ].join("\n");
}

/**
 * src/render/precompiled.ts becomes templates/ compiled by Handlebars.precompile (with the
 * options handlebars.ts compiles them with), each with its source: rendering uses a template's
 * compiled form while its source is the one rendered. Their files are among the bundle's inputs.
 */
const precompiledTemplates = (templateFiles) => ({
  name: "precompiled-templates",
  setup(b) {
    const module = join(ROOT, "src", "render", "precompiled.ts");
    b.onLoad({ filter: /[\\/]precompiled\.ts$/ }, async (args) => {
      if (args.path !== module) return undefined;
      const { COMPILE_OPTIONS } = await import(pathToFileURL(module).href);
      const handlebars = createRequire(import.meta.url)("handlebars");
      const entries = [];
      for (const [folder, prefix] of [
        ["templates", ""],
        [join("templates", "partials"), "partials/"],
      ])
        for (const name of readdirSync(join(ROOT, folder))
          .filter((n) => n.endsWith(".hbs"))
          .sort()) {
          const file = join(folder, name);
          templateFiles.push(file);
          const source = readFileSync(join(ROOT, file), "utf8");
          const spec = handlebars.precompile(source, { ...COMPILE_OPTIONS });
          entries.push(
            `${JSON.stringify(prefix + name.slice(0, -4))}: { source: ${JSON.stringify(source)}, spec: ${spec} }`,
          );
        }
      return {
        contents: `export const COMPILE_OPTIONS = ${JSON.stringify(COMPILE_OPTIONS)};\nexport const PRECOMPILED = {\n${entries.join(",\n")}\n};\n`,
        loader: "js",
      };
    });
  },
});

/**
 * The Markdown parser and its extensions (src/load/markdown.ts: micromark, mdast, MDX with acorn)
 * are some hundred and fifty ES modules, loaded when a document or an office page is first
 * parsed by them (~100 ms of `check`, which reads the MDX pages). In the bundle they are one
 * CommonJS file next to xinfang.cjs, markdown-packages.cjs, which markdown.ts loads on first use
 * in their place (by the launcher's loader, `xinfang__load`, so that its compiled code is kept too).
 */
const MARKDOWN_MODULE = join(ROOT, "src", "load", "markdown.ts");
const MARKDOWN_PACKAGES_FILE = "markdown-packages.cjs";

/** The packages markdown.ts requires, read from it (each `require("…")` there). */
function markdownPackages() {
  const names = [...readFileSync(MARKDOWN_MODULE, "utf8").matchAll(/\brequire\("([^"]+)"\)/g)].map(
    (m) => m[1],
  );
  if (names.length === 0) throw new Error(`${MARKDOWN_MODULE}: no require("…") found`);
  return [...new Set(names)].sort();
}

/** markdown.ts's own `require` becomes one that takes the packages from markdown-packages.cjs. */
function markdownFromFile(text) {
  const own = text.replace(
    /^const require = createRequire\(import\.meta\.url\);$/m,
    `let markdownPackages__;\nconst require = (name: string): unknown => (markdownPackages__ ??= xinfang__load("${MARKDOWN_PACKAGES_FILE}"))[name];`,
  );
  if (own === text) throw new Error(`${MARKDOWN_MODULE}: no createRequire to replace`);
  return own;
}

/**
 * Modules that load a package with `require` on first use (pako's deflate, Handlebars,
 * js-yaml): in the bundle their `require` is the bundle's own, so the package is bundled with them
 * and its compiled code kept with the rest (see runBundle), where Node would compile it anew each
 * run.
 */
const BUNDLED_REQUIRES = [
  join(ROOT, "src", "pdf", "writer.ts"),
  join(ROOT, "src", "render", "handlebars.ts"),
  join(ROOT, "src", "load", "yaml.ts"),
];

/** The module's `const require = createRequire(import.meta.url);` left out. */
function bundledRequires(text, path) {
  const own = text.replace(/^const require = createRequire\(import\.meta\.url\);$/m, "");
  if (own === text) throw new Error(`${path}: no createRequire to replace`);
  return own;
}

/** `build`'s own module stays outside: the launcher never runs it from the bundle. */
const buildOutside = {
  name: "build-outside",
  setup(b) {
    b.onResolve({ filter: /\/build\.ts$/ }, (args) => {
      const path = resolve(args.resolveDir, args.path);
      return path === join(ROOT, "src", "cli", "build.ts") ? { path, external: true } : undefined;
    });
  },
};

/**
 * The bundle's text with every character outside ASCII written as a \u escape. esbuild writes
 * strings and templates so already, but not regular expression literals (the sources' Chinese
 * patterns) or comments; a file with one such character is read into a two-byte string, which
 * Node decodes and V8 parses several times slower than ASCII. In a regular expression literal
 * `\uXXXX` stands for the same character (a pair of them, in `u` mode, for one beyond the BMP);
 * an escaped character (`\中`) would not survive, and makeBundle refuses a bundle with one.
 */
export function asciiOnly(text) {
  if (/\\[^\0-\x7f]/.test(text)) throw new Error("an escaped character outside ASCII");
  return text.replace(/[^\0-\x7f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Makes a bundle in `dir` from the sources and names it in current.json. Returns its entry file,
 * or null when the sources changed while it was made.
 */
export async function makeBundle(dir) {
  const esbuild = createRequire(import.meta.url)("esbuild");
  const started = Date.now();
  mkdirSync(dir, { recursive: true });
  const temporary = join(dir, `.tmp-${process.pid}-${started}`);
  const templateFiles = [];
  try {
    const result = await esbuild.build({
      absWorkingDir: ROOT,
      entryPoints: { xinfang: join(ROOT, "src", "cli", "run.ts") },
      outdir: temporary,
      bundle: true,
      format: "cjs",
      platform: "node",
      target: "node22",
      outExtension: { ".js": ".cjs" },
      // import() becomes require(): a script run by runBundle has no dynamic import without an
      // experimental feature (the packages it loads so, exceljs, are CommonJS)
      supported: { "dynamic-import": false },
      // fewer bytes to read and decode each run (the launcher passes V8 the text: ~7 ms per MB
      // on this 2-core VM); names are kept, so stack traces of --debug still name functions
      minifyWhitespace: true,
      plugins: [
        precompiledTemplates(templateFiles),
        ownUrl,
        buildOutside,
        outsideFromRoot,
        noZodLocales,
        builtins,
      ],
      legalComments: "none",
      metafile: true,
      logLevel: "silent",
      write: false,
    });
    const names = markdownPackages();
    const markdown = await esbuild.build({
      absWorkingDir: ROOT,
      stdin: {
        contents: `module.exports = {\n${names.map((n) => `  ${JSON.stringify(n)}: require(${JSON.stringify(n)}),`).join("\n")}\n};\n`,
        resolveDir: ROOT,
        sourcefile: MARKDOWN_PACKAGES_FILE,
        loader: "js",
      },
      bundle: true,
      format: "cjs",
      platform: "node",
      target: "node22",
      minifyWhitespace: true,
      legalComments: "none",
      metafile: true,
      logLevel: "silent",
      write: false,
    });
    mkdirSync(temporary);
    for (const file of result.outputFiles) writeFileSync(file.path, wrapped(file.text));
    writeFileSync(
      join(temporary, MARKDOWN_PACKAGES_FILE),
      wrapped(markdown.outputFiles[0]?.text ?? ""),
    );
    const files = [
      ...[...Object.keys(result.metafile.inputs), ...Object.keys(markdown.metafile.inputs)]
        .filter((p) => !/^(no-zod-locales|builtin):/.test(p) && p !== MARKDOWN_PACKAGES_FILE)
        .map((p) => stampedFile(relative(ROOT, resolve(ROOT, p)))),
      relative(ROOT, SELF),
      ...templateFiles,
    ];
    const inputs = [...new Set(files)].sort().map(stamp);
    // a file missing, or changed since the build started, may not be what was bundled
    if (inputs.some((s) => !s || s[2] >= started - 1000)) return null;
    const { createHash } = await import("node:crypto");
    const key = createHash("sha256")
      .update(JSON.stringify([FORMAT, esbuild.version, ROOT, inputs]))
      .digest("hex")
      .slice(0, 16);
    const folder = join(dir, key);
    try {
      renameSync(temporary, folder);
    } catch (e) {
      // another process made the same bundle meanwhile: use that one
      if (!statSync(join(folder, ENTRY), { throwIfNoEntry: false })) throw e;
    }
    const list = join(dir, `.current-${process.pid}-${started}.json`);
    writeFileSync(list, JSON.stringify({ format: FORMAT, key, inputs }));
    renameSync(list, join(dir, "current.json"));
    removeOld(dir, key);
    return join(folder, ENTRY);
  } finally {
    rmSync(temporary, { recursive: true, force: true });
    await esbuild.stop();
  }
}

/** Removes bundles (and leftovers of interrupted ones) other than `key` older than an hour. */
function removeOld(dir, key) {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (name === key || name === "current.json") continue;
    const path = join(dir, name);
    const s = statSync(path, { throwIfNoEntry: false });
    if (s && now - s.mtimeMs > KEEP_OLD_MS) rmSync(path, { recursive: true, force: true });
  }
}

/**
 * The entry file of an up-to-date bundle of the command, made now when there is none; null when
 * bundles are switched off or none can be made (the sources run instead).
 */
export async function cliBundle(env = process.env) {
  const dir = cliCacheDir(env);
  if (dir === null) return null;
  try {
    return freshBundle(dir) ?? (await makeBundle(dir));
  } catch {
    return null;
  }
}

/**
 * How a bundle file is wrapped: a CommonJS module, with the loader of its sibling files. The
 * wrapper is written into the file, so that runBundle hands V8 the very string it read: joining
 * it on at each run made V8 copy the 1.3 MB text into a new string before compiling (~4 ms).
 */
const WRAP_HEAD = "(function (exports, require, module, __filename, __dirname, xinfang__load) {";
const WRAP_TAIL = "\n})";

/** A bundle file's text as written: ASCII only (asciiOnly), wrapped. */
const wrapped = (text) => WRAP_HEAD + asciiOnly(text) + WRAP_TAIL;

/**
 * One buffer for the files the loader reads (a bundle file, then its code cache, which V8 reads
 * only while it compiles), so that its memory is touched once: on a virtual machine each page a
 * process touches for the first time costs a page fault of some 15 µs, and a buffer per file
 * (2.8 MB for `check`) is ~700 of them. `check` on the example: ~330 page faults fewer, and
 * measured alternating (README, start-up) 1–4 % sooner.
 */
let scratch = null;

/** The bytes of the file at `path`, in the shared buffer, made at least `room` long. */
function readInto(path, room) {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    if (!scratch || scratch.length < Math.max(size, room))
      scratch = Buffer.allocUnsafeSlow(Math.max(size, room));
    let n = 0;
    while (n < size) {
      const got = readSync(fd, scratch, n, size - n, n);
      if (got === 0) break;
      n += got;
    }
    return scratch.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * Loads and runs the bundle whose entry is `entry` (from freshBundle or makeBundle) and runs the
 * command in it: src/cli/run.ts's runProcess, which sets the exit code. Each file of the bundle is
 * compiled with the code cache of this command (`name`: the command, or `other`); a file without
 * one, or whose cache V8 refused, gets one written after the command succeeded (a failed run
 * leaves out much of the code the next run needs). Returns false, having run nothing, when the
 * bundle cannot be loaded here (the sources run instead).
 */
export async function runBundle(entry, name = commandName(process.argv[2])) {
  const vm = process.getBuiltinModule("node:vm");
  /** Scripts compiled without a usable cache: [script, cache file]. */
  const uncached = [];
  const folder = resolve(entry, "..");
  const load = (file) => {
    const path = join(folder, file);
    const stamp = Math.round(statSync(path).mtimeMs);
    const cache = join(folder, `${file}.${name}.${stamp}.v8cache`);
    const cacheSize = statSync(cache, { throwIfNoEntry: false })?.size ?? 0;
    // ASCII (asciiOnly), wrapped already; the buffer is made large enough for the cache too
    const source = readInto(path, cacheSize).toString("latin1");
    let cachedData;
    try {
      cachedData = readInto(cache, 0);
    } catch {
      // none yet
    }
    const script = new vm.Script(source, {
      filename: path,
      ...(cachedData ? { cachedData } : {}),
    });
    if (!cachedData || script.cachedDataRejected) uncached.push([script, cache]);
    const module = { exports: {} };
    script
      .runInThisContext()
      .call(module.exports, module.exports, createRequire(path), module, path, folder, (sibling) =>
        load(sibling),
      );
    return module.exports;
  };
  let runProcess;
  try {
    ({ runProcess } = load(ENTRY));
  } catch {
    return false;
  }
  const code = await runProcess();
  scratch = null; // the command's files are all read
  if (code === 0)
    for (const [script, cache] of uncached) {
      const temporary = `${cache}.${process.pid}.tmp`;
      try {
        writeFileSync(temporary, script.createCachedData());
        renameSync(temporary, cache);
      } catch {
        rmSync(temporary, { force: true });
      }
    }
  return true;
}

/** The name of a command's code cache: the command's, or `other` (--help, --version …). */
function commandName(arg) {
  return typeof arg === "string" && /^[a-z]{1,20}$/.test(arg) ? arg : "other";
}
