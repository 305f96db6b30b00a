// Bundled into dist/cli.js (and dist/cli.cjs) by scripts/build.mjs; not run from here.
//
// The CLI ships as three scripts: dist/start-<hash>.js (commander and the command definitions: all that `--help` needs),
// dist/report-<hash>.js (report's happy path: quick loaders, scoring, JSON and Markdown) and dist/work-<hash>.js (everything
// else behind the commands' `await import()`: zod, yaml, chalk, inquirer, full loading, terminal rendering), which start
// loads on a command's first such import (the work runs the report script first, to share its modules). Each is compiled
// from its V8 code cache, <name>.cache, which the build fills by running a few commands: Node 20 keeps no compile cache of
// its own (module.enableCompileCache is Node 22), and compiling the code anew costs more than running it.
import { readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { Script } from "node:vm";

/**
 * Runs a script of dist/ (the body of a function, `async` if it awaits at its top) and returns what the function returns.
 * `metaUrl` is the URL of dist/cli.js (or cli.cjs), the scripts' import.meta.url; `shared` the modules the script shares with start (and
 * the work with the report), so that there is one InputError class, not two; `exported` receives the script's modules.
 *
 * Without a cache, or with one V8 rejects (another Node version, other V8 flags), the script is compiled from source and its
 * cache written afresh when the process exits, if dist/ is writable; AUTOMATION_FIT_CODE_CACHE=write rewrites it anyway (the
 * build does, to fill it from several commands). The names hold a hash of the script, so a cache never meets another script.
 */
export function runScript(name, metaUrl, { async = false, shared = {}, exported = () => {} } = {}) {
  const file = fileURLToPath(new URL(name, metaUrl));
  const cacheFile = file.replace(/\.js$/, ".cache");
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
  const source = `(${async ? "async " : ""}function (require, __automationFitMetaUrl, __automationFitShared, __automationFitExport, __automationFitRun) {${readFileSync(file, "utf8")}\n})`;
  const script = new Script(source, { filename: file, cachedData });
  if (!cachedData || script.cachedDataRejected || process.env.AUTOMATION_FIT_CODE_CACHE === "write") {
    process.once("exit", () => writeCache(script, cacheFile));
  }
  return script.runInThisContext()(createRequire(file), metaUrl, shared, exported, runScript);
}

function writeCache(script, cacheFile) {
  const temp = `${cacheFile}.${process.pid}.tmp`;
  try {
    writeFileSync(temp, script.createCachedData());
    renameSync(temp, cacheFile);
  } catch {
    try {
      rmSync(temp, { force: true });
    } catch {}
  }
}
