// Bundles the CLI into dist/ with esbuild; with --schema, writes the editor JSON Schemas into questions/ instead.
//
// One ESM bundle with code splitting: dist/cli.js (what bin/automation-fit.js imports) holds commander and the command
// definitions; every `await import()` in src/ becomes a chunk of its own, loaded when a command first asks for it, so that
// zod, yaml, chalk and inquirer load only on the paths that need them (the build fails if cli.js reaches one statically);
// Every schema is zod/mini (classic zod's core is twice as big: ~3 ms more on each action): the build fails if any file holds classic.
// dist/meta.json is esbuild's metafile, for `npm run bench` to count the modules each path loads.
// The built-in question set is loaded and checked here by the real loader (a broken set fails the build) and embedded; at
// run time it is used while questions/ still holds the very files it was made from (src/load/built-in.ts).
import { build } from "esbuild";
import { mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const dist = join(root, "dist");

/** Packages that must not load with dist/cli.js (each costs 2-25 ms; zod/mini's core about 4): only lazy chunks may hold them. */
const NOT_AT_START = ["zod", "yaml", "chalk", "@inquirer"];

// esbuild's ESM output turns a bundled CommonJS package's require() of a Node built-in (commander's "events") into a call
// to `require`, which an ES module lacks: this gives each output file one.
const REQUIRE = `import { createRequire as __createRequire } from "node:module"; const require = __createRequire(import.meta.url);`;

const common = { bundle: true, format: "esm", platform: "node", target: "node20", logLevel: "warning", absWorkingDir: root, banner: { js: REQUIRE } };

/** Builds `entry` in memory and imports it (for build-time work: the schemas, the built-in set). */
async function importBundled(contents, define = {}) {
  const banner = { js: REQUIRE.replace("import.meta.url", JSON.stringify(pathToFileURL(root).href)) }; // a data: URL has no path
  const out = await build({ ...common, banner, stdin: { contents, resolveDir: root, sourcefile: "build-time.ts", loader: "ts" }, define, write: false });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString("base64")}`);
}

if (process.argv[1] !== fileURLToPath(import.meta.url)) {
  // imported (by the bench and a test, for staticInputs): build nothing
} else if (process.argv.includes("--schema")) {
  const { JSON_SCHEMAS } = await importBundled(`export { JSON_SCHEMAS } from "./src/model/json-schema.ts";`);
  for (const [name, make] of Object.entries(JSON_SCHEMAS)) {
    writeFileSync(join(root, "questions", name), make());
    console.error(`wrote questions/${name}`);
  }
} else await bundle();

async function bundle() {
  const builtIn = await prepareBuiltInSet();
  // Built next to dist/ and swapped in whole, so that a failed build leaves the last good one.
  const next = join(root, "dist.next");
  rmSync(next, { recursive: true, force: true });
  const result = await build({
    ...common,
    entryPoints: { cli: "src/cli.ts" },
    outdir: next,
    splitting: true,
    minify: true,
    legalComments: "none",
    sourcemap: "linked",
    sourcesContent: false,
    metafile: true,
    chunkNames: "[name]-[hash]",
    // a string literal, inlined where it is used; an object would be a chunk that every chunk imports, start-up included
    define: { __AUTOMATION_FIT_BUILT_IN__: JSON.stringify(JSON.stringify(builtIn)) },
    plugins: [leaner()],
  });
  const heavy = NOT_AT_START.filter((p) => staticInputs(result.metafile, "dist.next/cli.js").some((f) => packageOf(f)?.startsWith(p)));
  const classic = Object.keys(result.metafile.outputs).filter((o) => Object.keys(result.metafile.outputs[o].inputs).some((f) => packageOf(f) === "zod"));
  if (heavy.length || classic.length) rmSync(next, { recursive: true, force: true });
  if (heavy.length) throw new Error(`dist/cli.js would load ${heavy.join(", ")} at start-up: import it behind an \`await import()\` in a command's action`);
  if (classic.length) throw new Error(`${classic.join(", ")} would hold classic zod: write every schema with \`import * as z from "zod/mini"\``);
  writeFileSync(join(next, "meta.json"), JSON.stringify(result.metafile).replaceAll('"dist.next/', '"dist/'));
  rmSync(dist, { recursive: true, force: true });
  renameSync(next, dist);
  console.error(`built dist/cli.js and ${readdirSync(dist).filter((n) => n.endsWith(".js")).length - 1} lazy chunks`);
}

/** The package an input file belongs to; zod's mini API (and the core and locales it shares with classic zod) as "zod/mini",
 * what every schema is written with (its core loads in about 4 ms; classic zod's, twice as big, in about 7). */
export function packageOf(file) {
  if (/node_modules\/zod\/(v4\/)?(mini|core|locales)\//.test(file)) return "zod/mini";
  return file.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//)?.[1];
}

/** Two cuts. zod's 40-odd locales (260 KB) would share a chunk with the zod core every action loads; the CLI sets no locale,
 * so only en, the one zod sets itself, is kept. commander requires node:child_process (net, dgram, streams: about 1.5 ms)
 * for executable subcommands, which the CLI has none of: it gets a stand-in that loads the module when something spawns. */
function leaner() {
  const [en, spawn] = [`export { default as en } from "./en.js";`, `module.exports = { spawn: (...a) => require("node:child_process").spawn(...a) };`];
  const forCommander = (a) => (/[\\/]commander[\\/]/.test(a.importer) ? { path: "spawn", namespace: "on-demand" } : undefined);
  const spawnOnDemand = (b) => [b.onResolve({ filter: /^node:child_process$/ }, forCommander), b.onLoad({ filter: /.*/, namespace: "on-demand" }, () => ({ contents: spawn }))];
  return { name: "leaner", setup: (b) => [...spawnOnDemand(b), b.onLoad({ filter: /[\\/]zod[\\/]v4[\\/]locales[\\/]index\.js$/ }, () => ({ contents: en }))] };
}

/** The input files of `output` and of every output it imports statically: what loads before its first `await import()`. */
export function staticInputs(metafile, output) {
  const seen = new Set();
  const walk = (name) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const i of metafile.outputs[name].imports) if (i.kind === "import-statement" && metafile.outputs[i.path]) walk(i.path);
  };
  walk(output);
  return [...seen].flatMap((name) => Object.keys(metafile.outputs[name].inputs));
}

/** The built-in set, loaded from questions/ by the real loader (any problem fails the build), with the texts of its files. */
async function prepareBuiltInSet() {
  mkdirSync(dist, { recursive: true });
  const contents = `import { orThrow } from "./src/errors.ts";
    import { loadQuestionSet } from "./src/load/question-set.ts";
    import { setFileTexts } from "./src/load/built-in.ts";
    import { BUILT_IN_QUESTIONS } from "./src/paths.ts";
    export const set = orThrow(await loadQuestionSet(BUILT_IN_QUESTIONS));
    export const files = setFileTexts(BUILT_IN_QUESTIONS);`;
  let loaded;
  try {
    loaded = await importBundled(contents, { "import.meta.url": JSON.stringify(pathToFileURL(join(dist, "cli.js")).href) });
  } catch (error) {
    throw new Error(`the built-in question set in questions/ is not valid:\n${error.message}`);
  }
  return { files: loaded.files, set: JSON.stringify(loaded.set) };
}
