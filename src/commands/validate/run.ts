import { byPosition, InputError, type Problem } from "../../errors.js";
import { writeStdout } from "../../output.js";
import { checkAnswers } from "../../load/answers.js";
import { loadQuestionSet, questionSetFrom, setFiles, setName } from "../../load/question-set.js";
import type { QuestionSet } from "../../model/question-set.js";
import { readSource } from "../../load/source.js";
import { BUILT_IN_QUESTIONS } from "../../paths.js";
import { parseOptions, SetOptions } from "../parse-options.js";

export async function runValidate(paths: string[], raw: unknown): Promise<void> {
  const options = parseOptions(SetOptions, raw);
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
  await writeStdout(`${lines.join("\n")}\n`);
}

/** A folder is a question set; a file is an answers file when it has 'answers:' and no 'questions:'. */
async function validatePath(path: string, setForAnswers: () => Promise<QuestionSet>): Promise<string> {
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
