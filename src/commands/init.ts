import { access, constants, mkdir, readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { Command } from "commander";
import { InputError, orThrow, readFailure } from "../errors.js";
import { say, stderrWidth, wrapText } from "../text.js";
import { BUILT_IN_QUESTIONS } from "../paths.js";
import { outputShape, parseOptions, setShape, withSetOption, type Zod } from "./options.js";

const InitOptions = (z: Zod) => z.object({ ...setShape(z), force: outputShape(z).force });

/** The JSON Schemas the YAML files point at, always from the built-in set (report.schema.json describes output: not copied). */
const SCHEMAS = /^(answers|question-set)\.schema\.json$/i;

export const init = withSetOption(
  new Command("init")
    .description("start your own question set: copy the built-in one (or --questions PATH) and its JSON Schemas into a folder to edit")
    .argument("<dir>", "the folder to write (made if missing)")
    .option("--force", "replace files of the same names in the folder", false),
).action(async (dir: string, raw: unknown) => {
  const { force, questions } = await parseOptions(InitOptions, raw);
  if (dir === "") throw new InputError("init: name a folder to write the set into");
  const [{ loadQuestionSet, setFiles }, { checkTarget, exists, failure, writeOutput }] = await Promise.all([import("../load/question-set.js"), import("../io/write.js")]);
  // a set to start from must itself be valid: copying a broken one would only pass its problems on
  if (questions !== undefined) orThrow(await loadQuestionSet(questions));
  const setYaml = orThrow(await setFiles(questions ?? BUILT_IN_QUESTIONS));
  const schemas = (await readdir(BUILT_IN_QUESTIONS)).filter((n) => SCHEMAS.test(n)).map((n) => join(BUILT_IN_QUESTIONS, n));
  const sources = [...schemas, ...setYaml].sort((a, b) => basename(a).localeCompare(basename(b)));
  const names = sources.map((file) => basename(file));
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
    await mkdir(dir, { recursive: true }).catch(async (error: unknown) => {
      const why = await whyNoFolder(dir, error);
      throw new InputError([{ file: dir, message: `could not be made: ${failure(why.error, why.folder)}` }]);
    });
  }
  // every file is checked before the first is written: a refusal leaves nothing half done
  for (const target of targets) await checkTarget(target, { force });

  for (const i of names.keys()) {
    await writeOutput(targets[i]!, await readFile(sources[i]!, "utf8"), { force });
    say(`wrote ${targets[i]}`);
  }
  const arg = /^[\w./-]+$/.test(dir) ? dir : JSON.stringify(dir);
  say(
    [
      "",
      `A copy of ${questions ?? "the built-in question set"} is in ${dir}. Next:`,
      // the step's continuation under its words: at the terminal's width, else at 80 (as the README shows it)
      ...wrapText(
        "Edit its YAML files: the name in set.yaml, then stages, questions, weights and plays. Editors with the YAML language server check them as you type.",
        stderrWidth() ?? 80,
        "  1. ",
        "     ",
      ),
      `  2. Check the set:  automation-fit validate ${arg}`,
      `  3. Assess with it: automation-fit assess --questions ${arg}`,
    ].join("\n"),
  );
});

/** mkdir -p reports a missing parent (ENOENT) even where the real obstacle is a read-only or unwritable folder above: find that one. */
async function whyNoFolder(dir: string, error: unknown): Promise<{ error: unknown; folder: string }> {
  const { exists } = await import("../io/write.js");
  let folder = dirname(resolve(dir));
  while (!(await exists(folder)) && dirname(folder) !== folder) folder = dirname(folder);
  if ((error as NodeJS.ErrnoException).code !== "ENOENT") return { error, folder };
  return access(folder, constants.W_OK).then(
    () => ({ error, folder }),
    (denied: unknown) => ({ error: denied, folder }),
  );
}
