import { byPosition, InputError, type Problem } from "../../errors.js";
import { loadAnswers } from "../../load/answers.js";
import { loadQuestionSet } from "../../load/question-set.js";
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
      if (await isAnswersFile(path)) {
        const set = await loadQuestionSet(options.questions);
        const answers = await loadAnswers(path, set);
        lines.push(`${path}: valid answers file (${Object.keys(answers.answers).length} of ${set.questions.length} questions answered)`);
      } else {
        const set = await loadQuestionSet(path);
        lines.push(`${path}: valid question set (${set.stages.length} stages, ${set.questions.length} questions)`);
      }
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length) throw new InputError(problems.sort(byPosition));
  process.stdout.write(`${lines.join("\n")}\n`);
}

async function isAnswersFile(path: string): Promise<boolean> {
  if (!/\.(ya?ml|json)$/i.test(path)) return false;
  const { source } = await readSource(path);
  const data = source?.data;
  return typeof data === "object" && data !== null && "answers" in data && !("questions" in data);
}
