import { Command } from "commander";
import { z } from "zod/mini";
import { byPosition, InputError, type Problem } from "../errors.js";
import type { QuestionSet } from "../model/question-set.js";
import { BUILT_IN_QUESTIONS } from "../paths.js";
import { parseOptions, SET_OPTIONS, withSetOption } from "./options.js";

const ValidateOptions = z.object(SET_OPTIONS);

export const validate = withSetOption(
  new Command("validate")
    .description("check question sets (files or folders) and answers files; every problem as FILE:LINE:COL")
    .argument("[paths...]", "question sets or answers files (default: the built-in set)"),
).action(async (paths: string[], raw: unknown) => {
  const options = parseOptions(ValidateOptions, raw);
  const { loadQuestionSet } = await import("../load/question-set.js");
  const targets = paths.length ? paths : [options.questions ?? BUILT_IN_QUESTIONS];
  // answers files are checked against one set: load it once, on the first that needs it
  let answersSet: Promise<QuestionSet> | undefined;
  const setForAnswers = () => (answersSet ??= loadQuestionSet(options.questions));
  const problems: Problem[] = [];
  const lines: string[] = [];
  for (const path of targets) {
    try {
      lines.push(await validatePath(path, setForAnswers));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
    }
  }
  // a broken --questions set fails every answers file with the same problems: list them once
  if (problems.length) throw new InputError([...new Set(problems)].sort(byPosition));
  await (await import("../output.js")).writeStdout(`${lines.join("\n")}\n`);
});

/** A folder is a question set; a file is an answers file when it has 'answers:' and no 'questions:'. */
async function validatePath(path: string, setForAnswers: () => Promise<QuestionSet>): Promise<string> {
  const [{ checkAnswers }, { questionSetFrom, setFiles, setName, loadQuestionSet }, { readSource }] = await Promise.all([
    import("../load/answers.js"),
    import("../load/question-set.js"),
    import("../load/source.js"),
  ]);
  const files = await setFiles(path);
  const read = files.length === 1 && files[0] === path ? await readSource(path) : undefined;
  if (read?.source && "answers" in read.source.data && !("questions" in read.source.data)) {
    const set = await setForAnswers();
    const answers = checkAnswers(read.source, set);
    return `${path}: valid answers file (${Object.keys(answers.answers).length} of ${set.questions.length} questions answered)`;
  }
  const set = read ? questionSetFrom([read], setName(path)) : await loadQuestionSet(path);
  return `${path}: valid question set (${set.stages.length} stages, ${set.questions.length} questions)`;
}
