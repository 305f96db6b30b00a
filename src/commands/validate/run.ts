import { byPosition, InputError, type Problem } from "../../errors.js";
import { basename } from "node:path";
import { checkAnswers } from "../../load/answers.js";
import { loadQuestionSet, questionSetFrom, setFiles } from "../../load/question-set.js";
import { readSource } from "../../load/source.js";
import { BUILT_IN_QUESTIONS } from "../../paths.js";
import { parseOptions, SetOptions } from "../parse-options.js";

export async function runValidate(paths: string[], raw: unknown): Promise<void> {
  const options = parseOptions(SetOptions, raw);
  const targets = paths.length ? paths : [options.questions ?? BUILT_IN_QUESTIONS];
  const problems: Problem[] = [];
  const lines: string[] = [];
  for (const path of targets) {
    try {
      lines.push(await validatePath(path, options.questions));
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length) throw new InputError(problems.sort(byPosition));
  process.stdout.write(`${lines.join("\n")}\n`);
}

/** A folder is a question set; a file is an answers file when it has 'answers:' and no 'questions:'. */
async function validatePath(path: string, questions: string | undefined): Promise<string> {
  const files = await setFiles(path);
  if (files.length > 1 || files[0] !== path) {
    const set = await loadQuestionSet(path);
    return `${path}: valid question set (${set.stages.length} stages, ${set.questions.length} questions)`;
  }
  const read = await readSource(path);
  if (read.source && "answers" in read.source.data && !("questions" in read.source.data)) {
    const set = await loadQuestionSet(questions);
    const answers = checkAnswers(read.source, set);
    return `${path}: valid answers file (${Object.keys(answers.answers).length} of ${set.questions.length} questions answered)`;
  }
  const set = questionSetFrom([read], basename(path).replace(/\.ya?ml$/i, ""));
  return `${path}: valid question set (${set.stages.length} stages, ${set.questions.length} questions)`;
}
