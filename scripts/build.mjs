// Bundles the CLI into dist/; with --schema, writes the editor JSON Schemas instead.
//
// dist/cli.cjs          a small CommonJS script (what bin/automation-fit.js requires: no ESM loader, about 4 ms sooner) that
//                       runs start through scripts/script-loader.mjs; dist/cli.js the same as an ESM module.
// dist/start-<hash>.js  commander and the command definitions: all that `--help` needs; no zod, yaml, chalk or inquirer
//                       (checked here). It loads the report or the work on a command's first `await import()`.
// dist/report-<hash>.js src/commands/report/run.ts and what it imports statically: a report of one answers file in JSON or
//                       Markdown needs nothing else; no zod, yaml, chalk or inquirer (checked here). Its own `await import()`s
//                       (full loaders, zod options, terminal renderers) are answered from the work.
// dist/work-<hash>.js   everything else behind those imports, each module initialised when first asked for; it takes the
//                       modules it shares with start and the report from them (one of each module at run time).
// <script>.cache        V8 code caches of the three, filled here by running a few commands; <script>.map their source maps.
// dist/build-info.json  what went where, for `npm run bench`.
// The built-in question set is loaded and checked here by the real loader and embedded in the report script; at run time it is used
// while questions/ is unchanged (src/load/built-in.ts).
import { build } from "esbuild";
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { builtinModules, createRequire } from "node:module";
import { join, relative, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Script } from "node:vm";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");

/** Packages that must not load at start-up: each costs 5-25 ms; only the work may hold them. */
const NOT_AT_START = ["zod", "yaml", "chalk", "@inquirer"];
/** Built-ins loaded on first use rather than at start-up (about 2 ms each): commander needs child_process only for executable
 * subcommands, which this CLI has none of; output.ts needs crypto only for --out. Both export plain objects of functions. */
const LAZY_BUILTINS = ["child_process", "crypto"];
/** The parameters of the function whose body a script is (see scripts/script-loader.mjs). */
/** Start's lazy import answered by the report script rather than the work. */
const REPORT = "src/commands/report/run.ts";
const SCRIPT_PARAMS = "require, __automationFitMetaUrl, __automationFitShared, __automationFitExport, __automationFitRun";

const common = {
  bundle: true,
  format: "esm",
  platform: "node",
  target: "node20",
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  absWorkingDir: root,
  metafile: true,
  write: false,
};

const key = (file) => relative(root, file).split(sep).join("/");
const isSource = (file) => key(file).startsWith("src/");
const cacheOf = (name) => name.replace(/\.js$/, ".cache");
/** A script as scripts/script-loader.mjs compiles it: the body of a function. */
const wrap = (text, async) => `(${async ? "async " : ""}function (${SCRIPT_PARAMS}) {${text}\n})`;
const hashed = (name, text) => `${name}-${createHash("sha256").update(text).digest("hex").slice(0, 12)}.js`;

if (!process.argv[1] || realpathSync(process.argv[1]) !== fileURLToPath(import.meta.url)) {
  // imported (by scripts/bench.mjs, for its probes): build nothing
} else if (process.argv.includes("--schema")) {
  const out = await build({ entryPoints: [`${root}src/model/json-schema.ts`], bundle: true, format: "esm", platform: "node", write: false, logLevel: "warning" });
  const { JSON_SCHEMAS } = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`);
  for (const [name, make] of Object.entries(JSON_SCHEMAS)) {
    await writeFile(`${root}questions/${name}`, make());
    console.error(`wrote questions/${name}`);
  }
} else {
  await bundle();
}

async function bundle() {
  const builtIn = await prepareBuiltInSet();
  const define = { "import.meta.url": "__automationFitMetaUrl" };
  const startEntry = { contents: `import "./src/cli.ts";`, resolveDir: root, sourcefile: "start.js", loader: "js" };

  // 1. What start reaches statically, and the modules it imports lazily.
  const lazy = new Set();
  const plan = await build({ ...common, stdin: startEntry, outfile: "dist/start.js", define, plugins: [builtins(), lazyImports(lazy, () => ({ external: true }))] });
  const startInputs = new Set(Object.keys(plan.metafile.inputs));

  // 2. The report: report/run.ts and what it reaches, less what start holds; its own `await import()`s (zod, yaml, chalk behind
  // them) answered from the work. Planned once to learn its modules, then built exporting each, for the work to share.
  const reportLazy = new Set();
  const reportShared = new Set();
  const reportBuild = (entry) =>
    build({
      ...common,
      stdin: { contents: entry, resolveDir: root, sourcefile: "report.js", loader: "js" },
      outfile: "dist/report.js",
      define: { ...define, __AUTOMATION_FIT_BUILT_IN__: JSON.stringify(builtIn) },
      sourcemap: "external",
      sourcesContent: false,
      plugins: [builtins(), workFromStart(), lazyImports(reportLazy, (k) => ({ path: k, namespace: "lazy" })), sharedWithStart(startInputs, lazy, reportShared)],
    });
  const exportsOf = (keys) => `__automationFitExport({ ${keys.map((k) => `${JSON.stringify(k)}: () => require("./${k}")`).join(", ")} });`;
  const reportPlan = await reportBuild(exportsOf([REPORT]));
  const reportOwn = new Set(Object.keys(reportPlan.metafile.inputs).filter((k) => isSource(k) && !reportLazy.has(k)));
  const report = await reportBuild(exportsOf([...reportOwn]));
  const reportText = scriptText(report, "report", false);
  const reportName = hashed("report", reportText);
  const reportPackages = packages(report.metafile.inputs);
  const heavyInReport = NOT_AT_START.filter((p) => Object.keys(reportPackages).some((n) => n === p || n.startsWith(`${p}/`)));
  if (heavyInReport.length) throw new Error(`the report script would load ${heavyInReport.join(", ")}: import it with await import() from what src/commands/report/run.ts imports`);

  // 3. The work: every other lazily imported module and what it needs, less what start and the report hold (taken from them
  // at run time). require(), not import: each module (and what only it needs) initialises when its command first asks for it.
  const shared = new Set();
  const workLazy = [...lazy, ...reportLazy].filter((k) => k !== REPORT);
  const work = await build({
    ...common,
    stdin: { contents: exportsOf(workLazy), resolveDir: root, sourcefile: "work.js", loader: "js" },
    outfile: "dist/work.js",
    define: { ...define, __AUTOMATION_FIT_BUILT_IN__: JSON.stringify(builtIn) },
    sourcemap: "external",
    sourcesContent: false,
    plugins: [builtins(), onlyEnglishZod(), sharedWithStart(new Set([...startInputs, ...reportOwn]), new Set(workLazy), shared)],
  });
  const workText = scriptText(work, "work", false);
  const workName = hashed("work", workText);

  // 4. Start, its lazy imports answered from the report and the work.
  const start = await build({
    ...common,
    stdin: startEntry,
    outfile: "dist/start.js",
    define,
    sourcemap: "external",
    sourcesContent: false,
    plugins: [
      builtins(),
      lazyImports(lazy, (k) => ({ path: k, namespace: "lazy" })),
      workModule({
        reportName,
        workName,
        fromStart: [...new Set([...shared, ...reportShared])].filter((k) => startInputs.has(k)),
        fromReport: [...shared].filter((k) => reportOwn.has(k)),
      }),
    ],
  });
  const startText = scriptText(start, "start", true);
  const startName = hashed("start", startText);
  const startPackages = packages(start.metafile.inputs);
  const offending = NOT_AT_START.filter((p) => Object.keys(startPackages).some((n) => n === p || n.startsWith(`${p}/`)));
  if (offending.length) {
    throw new Error(`start would load ${offending.join(", ")}: import it from a command's run.ts (loaded with await import()), not from what src/cli.ts imports`);
  }

  // 5. dist/cli.js, which bin/automation-fit.js imports.
  const shim = await build({
    ...common,
    stdin: {
      contents: `import { runScript } from "./scripts/script-loader.mjs";\nawait runScript(${JSON.stringify(`./${startName}`)}, import.meta.url, { async: true });`,
      resolveDir: root,
      sourcefile: "cli.js",
      loader: "js",
    },
    outfile: "dist/cli.js",
    plugins: [builtins()],
  });
  const shimText = shim.outputFiles[0].text;
  // The same as CommonJS, for a CommonJS bin: `node empty.cjs` starts about 4 ms sooner than `node empty.mjs` (no ESM
  // loader), and bin/automation-fit.js is ESM; `npm run bench` measures both.
  const shimCjs = await build({
    ...common,
    format: "cjs",
    stdin: {
      contents: `const { runScript } = require("./scripts/script-loader.mjs");\nrunScript(${JSON.stringify(`./${startName}`)}, require("node:url").pathToFileURL(__filename).href, { async: true });`,
      resolveDir: root,
      sourcefile: "cli.cjs",
      loader: "js",
    },
    outfile: "dist/cli.cjs",
    plugins: [builtins()],
  });
  const shimCjsText = shimCjs.outputFiles[0].text;

  mkdirSync(dist, { recursive: true });
  writeAtomic(join(dist, workName), workText);
  writeAtomic(join(dist, `${workName}.map`), mapText(work));
  writeAtomic(join(dist, reportName), reportText);
  writeAtomic(join(dist, `${reportName}.map`), mapText(report));
  writeAtomic(join(dist, startName), startText);
  writeAtomic(join(dist, `${startName}.map`), mapText(start));
  writeAtomic(join(dist, "cli.js"), shimText);
  writeAtomic(join(dist, "cli.cjs"), shimCjsText);
  const scripts = [
    { name: startName, async: true },
    { name: reportName, async: false },
    { name: workName, async: false },
  ];
  const keep = new Set(["cli.js", "cli.cjs", "build-info.json", ...scripts.flatMap(({ name }) => [name, `${name}.map`, cacheOf(name)])]);
  for (const name of readdirSync(dist)) if (!keep.has(name)) rmSync(join(dist, name), { recursive: true, force: true });

  const warmedWith = warmCodeCaches();
  // Should every warming run fail, a cache of the top level at least, so that no user's first run compiles from source.
  for (const { name, async } of scripts) {
    if (!existsSync(join(dist, cacheOf(name)))) writeAtomic(join(dist, cacheOf(name)), new Script(wrap(readFileSync(join(dist, name), "utf8"), async)).createCachedData());
  }
  const size = (name) => statSync(join(dist, name)).size;
  const info = {
    node: process.version,
    cli: { file: "cli.js", bytes: shimText.length, commonJs: { file: "cli.cjs", bytes: shimCjsText.length } },
    start: { file: startName, bytes: startText.length, cacheBytes: size(cacheOf(startName)), packages: startPackages, sourceBytes: sourceBytes(start.metafile.inputs) },
    report: {
      file: reportName,
      bytes: reportText.length,
      cacheBytes: size(cacheOf(reportName)),
      packages: reportPackages,
      sourceBytes: sourceBytes(report.metafile.inputs),
      lazy: [...reportLazy],
      shared: [...reportShared],
    },
    work: {
      file: workName,
      bytes: workText.length,
      cacheBytes: size(cacheOf(workName)),
      packages: packages(work.metafile.inputs),
      sourceBytes: sourceBytes(work.metafile.inputs),
      lazy: workLazy,
      shared: [...shared],
    },
    warmedWith,
    builtInSet: { files: Object.keys(builtIn.files), bytes: builtIn.set.length },
  };
  writeAtomic(join(dist, "build-info.json"), `${JSON.stringify(info, null, 2)}\n`);
}

/** The built-in set, loaded from questions/ by the real loader (any problem fails the build), with the texts of its files. */
async function prepareBuiltInSet() {
  const out = await build({
    ...common,
    metafile: false,
    minify: false,
    stdin: {
      contents: `import { loadQuestionSet } from "./src/load/question-set.ts";
        import { setFileTexts } from "./src/load/built-in.ts";
        import { BUILT_IN_QUESTIONS } from "./src/paths.ts";
        export const set = await loadQuestionSet(BUILT_IN_QUESTIONS);
        export const files = setFileTexts(BUILT_IN_QUESTIONS);`,
      resolveDir: root,
      sourcefile: "prepare-built-in.ts",
      loader: "ts",
    },
    define: { "import.meta.url": JSON.stringify(pathToFileURL(join(dist, "cli.js")).href) },
    plugins: [builtins()],
  });
  let loaded;
  try {
    loaded = await import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`);
  } catch (error) {
    throw new Error(`the built-in question set in questions/ is not valid:\n${error.message}`);
  }
  return { files: loaded.files, set: JSON.stringify(loaded.set) };
}

/** Node built-ins stay outside the bundle, taken with process.getBuiltinModule (an ESM import of one costs about 0.5 ms, and
 * scripts have no import statements); those in LAZY_BUILTINS on first use. */
export function builtins() {
  const names = new Set(builtinModules);
  const requireReal = createRequire(import.meta.url);
  return {
    name: "node-builtins",
    setup(b) {
      b.onResolve({ filter: /^(node:)?[a-z_/]+$/ }, (args) => {
        const name = args.path.replace(/^node:/, "");
        return names.has(name) ? { path: name, namespace: "node-builtin" } : undefined;
      });
      b.onLoad({ filter: /.*/, namespace: "node-builtin" }, ({ path: name }) => {
        // node:process is the process object itself (lib/process.js: `module.exports = process`).
        const get = name === "process" ? "process" : `process.getBuiltinModule(${JSON.stringify(`node:${name}`)})`;
        if (!LAZY_BUILTINS.includes(name)) return { loader: "js", contents: `module.exports = ${get};` };
        const keys = Object.getOwnPropertyNames(requireReal(name)).filter((k) => k !== "default");
        return {
          loader: "js",
          contents: `let real;
            for (const k of ${JSON.stringify(keys)}) Object.defineProperty(exports, k, { enumerable: true, get: () => (real ??= ${get})[k] });`,
        };
      });
    },
  };
}

/** zod's 40-odd locales were a third of the work script, and the CLI sets none: z.locales keeps only en, the one zod sets itself. */
export function onlyEnglishZod() {
  return {
    name: "only-english-zod",
    setup(b) {
      b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ loader: "js", contents: `export { default as en } from "./en.js";` }));
    },
  };
}

/** Start's `await import()`s of source modules: recorded in `found`, and answered by `answer(key)`. */
function lazyImports(found, answer) {
  return {
    name: "lazy-imports",
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.kind !== "dynamic-import" || args.pluginData?.resolving || !isSource(args.importer)) return undefined;
        const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
        if (resolved.errors.length) return { errors: resolved.errors };
        const k = key(resolved.path);
        found.add(k);
        return answer(k);
      });
      b.onLoad({ filter: /.*/, namespace: "lazy" }, ({ path: k }) => ({
        loader: "js",
        resolveDir: root,
        contents: `module.exports = require("automation-fit:work").${k === REPORT ? "report" : "work"}()[${JSON.stringify(k)}]();`,
      }));
    },
  };
}

/** In the work: a module that start holds too is taken from start at run time (recorded in `shared`), not bundled twice. */
function sharedWithStart(startInputs, lazy, shared) {
  return {
    name: "shared-with-start",
    setup(b) {
      b.onResolve({ filter: /.*/ }, async (args) => {
        if (args.pluginData?.resolving || args.namespace !== "file" || !args.importer) return undefined;
        const resolved = await b.resolve(args.path, { kind: args.kind, importer: args.importer, resolveDir: args.resolveDir, pluginData: { resolving: true } });
        if (resolved.errors.length || resolved.external || resolved.namespace !== "file") return undefined;
        const k = key(resolved.path);
        if (!startInputs.has(k) || lazy.has(k)) return undefined;
        shared.add(k);
        return { path: k, namespace: "shared" };
      });
      b.onLoad({ filter: /.*/, namespace: "shared" }, ({ path: k }) => ({ loader: "js", contents: `module.exports = __automationFitShared[${JSON.stringify(k)}];` }));
    },
  };
}

/** automation-fit:work, in start: runs the report script or the work script once, handing each the modules it shares with start
 * (and the work those it shares with the report, which it loads first: a module exists once, so does its InputError class). */
function workModule({ reportName, workName, fromStart, fromReport }) {
  return {
    name: "work-module",
    setup(b) {
      b.onResolve({ filter: /^automation-fit:work$/ }, () => ({ path: "work", namespace: "automation-fit" }));
      b.onLoad({ filter: /.*/, namespace: "automation-fit" }, () => ({
        loader: "js",
        resolveDir: root,
        contents: `${fromStart.map((k, i) => `import * as s${i} from "./${k}";`).join("\n")}
          const fromStart = () => ({ ${fromStart.map((k, i) => `${JSON.stringify(k)}: s${i}`).join(", ")} });
          let reportModules, workModules;
          export function report() {
            if (!reportModules) __automationFitRun(${JSON.stringify(`./${reportName}`)}, __automationFitMetaUrl, {
              shared: { ...fromStart(), "automation-fit:work": { work } },
              exported: (m) => (reportModules = m),
            });
            return reportModules;
          }
          export function work() {
            if (!workModules) {
              const shared = fromStart();
              for (const k of ${JSON.stringify(fromReport)}) Object.defineProperty(shared, k, { enumerable: true, get: () => report()[k]() });
              __automationFitRun(${JSON.stringify(`./${workName}`)}, __automationFitMetaUrl, { shared, exported: (m) => (workModules = m) });
            }
            return workModules;
          }`,
      }));
    },
  };
}

/** automation-fit:work, in the report script: start's, handed to it as a shared module. */
function workFromStart() {
  return {
    name: "work-from-start",
    setup(b) {
      b.onResolve({ filter: /^automation-fit:work$/ }, () => ({ path: "work", namespace: "automation-fit" }));
      b.onLoad({ filter: /.*/, namespace: "automation-fit" }, () => ({ loader: "js", contents: `module.exports = __automationFitShared["automation-fit:work"];` }));
    },
  };
}

/** A script is the body of a function (vm.Script): nothing imported at run time, and it must compile as such. */
function scriptText(result, name, async) {
  const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports);
  if (imports.length) throw new Error(`the ${name} script would import ${imports.map((i) => i.path).join(", ")} at run time; bundle it instead`);
  const text = result.outputFiles.find((f) => f.path.endsWith(".js")).text;
  try {
    new Script(wrap(text, async));
  } catch (error) {
    throw new Error(`the ${name} script does not compile as the body of a function (${async ? "" : "top-level await? "}import.meta other than .url?): ${error.message}`);
  }
  return text;
}

/** The source map of a script (for `npm run bench` to tell which package a profile sample is in, and --enable-source-maps). */
function mapText(result) {
  return result.outputFiles.find((f) => f.path.endsWith(".map")).text;
}

/** Runs a few commands with AUTOMATION_FIT_CODE_CACHE=write, so that the code caches hold what they compile. */
function warmCodeCaches() {
  const bin = join(root, "bin", "automation-fit.js");
  const examples = existsSync(join(root, "examples")) ? readdirSync(join(root, "examples")) : [];
  const example = examples.filter((n) => n.endsWith(".yaml")).sort()[0];
  const runs = [["--help"], ["report", "--help"], ["questions", "--format", "json"], ["questions"]];
  if (example) for (const format of ["json", "markdown", "terminal"]) runs.push(["report", `examples/${example}`, "--format", format]);
  if (examples.includes("team")) runs.push(["report", "examples/team", "--format", "json"]);
  const warmed = [];
  for (const args of runs) {
    const run = spawnSync(process.execPath, [bin, ...args], {
      cwd: root,
      env: { ...process.env, AUTOMATION_FIT_CODE_CACHE: "write" },
      stdio: ["ignore", "ignore", "pipe"],
      encoding: "utf8",
    });
    if (run.status === 0) warmed.push(args.join(" "));
    else
      console.warn(
        `build: warming the code caches with \`automation-fit ${args.join(" ")}\` failed (exit ${run.status}), so they leave it out:\n${run.stderr.trim().split("\n").slice(0, 5).join("\n")}`,
      );
  }
  return warmed;
}

/** Bytes of a bundle's inputs, by package. */
function packages(inputs) {
  const out = {};
  for (const [file, { bytes }] of Object.entries(inputs)) {
    const match = file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
    if (match) out[match[1]] = (out[match[1]] ?? 0) + bytes;
  }
  return out;
}

function sourceBytes(inputs) {
  return Object.entries(inputs)
    .filter(([f]) => f.startsWith("src/"))
    .reduce((sum, [, { bytes }]) => sum + bytes, 0);
}

function writeAtomic(file, text) {
  const temp = `${file}.${process.pid}.tmp`;
  writeFileSync(temp, text);
  renameSync(temp, file);
}
