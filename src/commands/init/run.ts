import { mkdir, readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { InputError, readFailure } from "../../errors.js";
import { exists, writeFileAtomic } from "../../output.js";
import { BUILT_IN_QUESTIONS } from "../../paths.js";
import { OutputOptions, parseOptions } from "../parse-options.js";

const Options = OutputOptions.pick({ force: true });

/** The files of the built-in set worth copying: its YAML and the JSON Schemas they point at. */
const COPIED = /\.(ya?ml|schema\.json)$/i;

export async function runInit(dir: string, raw: unknown): Promise<void> {
  const { force } = parseOptions(Options, raw);
  const names = (await readdir(BUILT_IN_QUESTIONS)).filter((n) => COPIED.test(n)).sort();
  const targets = names.map((n) => join(dir, n));

  const info = await stat(dir).catch((error: NodeJS.ErrnoException) => {
    if (error.code === "ENOENT") return undefined;
    throw new InputError([{ file: dir, message: readFailure(error) }]);
  });
  if (info && !info.isDirectory()) throw new InputError([{ file: dir, message: "is a file, not a folder; name a new or existing folder for the question set" }]);
  if (info && !force) {
    const taken = (await Promise.all(targets.map(async (t) => ((await exists(t)) ? t : undefined)))).filter((t) => t !== undefined);
    if (taken.length > 0) {
      const hint = { file: "", message: `nothing was written; add --force to replace ${taken.length === 1 ? "it" : "them"}, or choose another folder` };
      throw new InputError([...taken.map((file) => ({ file, message: "already exists" })), hint]);
    }
  }
  if (!info) {
    await mkdir(dir, { recursive: true }).catch((error: unknown) => {
      throw new InputError([{ file: dir, message: `could not be made: ${readFailure(error).replace(/^cannot be read: /, "")}` }]);
    });
  }

  for (const [i, name] of names.entries()) {
    await writeFileAtomic(targets[i]!, await readFile(join(BUILT_IN_QUESTIONS, name), "utf8"), { force });
    process.stderr.write(`wrote ${targets[i]}\n`);
  }
  const arg = /^[\w./-]+$/.test(dir) ? dir : JSON.stringify(dir);
  process.stderr.write(
    [
      "",
      `A copy of the built-in question set is in ${dir}. Next:`,
      "  1. Edit its YAML files: the name in set.yaml, then stages, questions, weights",
      "     and plays. Editors with the YAML language server check them as you type.",
      `  2. Check the set:  automation-fit validate ${arg}`,
      `  3. Assess with it: automation-fit assess --questions ${arg}`,
      "",
    ].join("\n"),
  );
}
