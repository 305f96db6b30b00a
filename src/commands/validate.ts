import { Command } from "commander";
import { byPosition, InputError, type Loaded, type Problem } from "../errors.js";
import type { QuestionSet } from "../model/question-set.js";
import { BUILT_IN_QUESTIONS } from "../paths.js";
import { say, terminalSafe } from "../text.js";
import { parseOptions, setShape, surveyOf, surveyOptions, surveyShape, withSetOption, type Zod } from "./options.js";

const ValidateOptions = (z: Zod) => z.object({ ...setShape(z), ...surveyShape(z) });

export const validate = withSetOption(
  surveyOptions(new Command("validate"))
    .description("check anything report or --questions takes: question sets, answers files, survey exports (CSV), team folders; every problem at once")
    .argument("[paths...]", "question sets, answers files, survey CSVs or folders (default: the built-in set); a folder is told by its content"),
).action(async (paths: string[], raw: unknown) => {
  const options = await parseOptions(ValidateOptions, raw);
  const [{ loadQuestionSet }, { checkInput }] = await Promise.all([import("../load/question-set.js"), import("../load/check.js")]);
  const targets = paths.length ? paths : [options.questions ?? BUILT_IN_QUESTIONS];
  // answers files are checked against one set: load it once, on the first that needs it
  let answersSet: Promise<Loaded<QuestionSet>> | undefined;
  const setForAnswers = () => (answersSet ??= loadQuestionSet(options.questions));
  const problems: Problem[] = [];
  let uncounted = 0;
  const lines: string[] = [];
  for (const path of targets) {
    const checked = await checkInput(path, setForAnswers, surveyOf(options));
    if (checked.value) {
      for (const notice of checked.value.notices) say(`note: ${terminalSafe(notice)}`);
      lines.push(checked.value.line);
    } else {
      problems.push(...checked.problems);
      uncounted += checked.uncounted ?? 0;
    }
  }
  // a broken --questions set fails every answers file with the same problems: list them once
  if (problems.length) throw new InputError([...new Set(problems)].sort(byPosition), uncounted);
  await (await import("../output.js")).writeStdout(`${lines.map(terminalSafe).join("\n")}\n`);
});
