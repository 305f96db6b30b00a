import { byPosition, InputError, type Problem } from "../errors.js";
import { AnswersFile, type Answers } from "../model/answers.js";
import type { QuestionSet } from "../model/question-set.js";
import { didYouMean } from "../suggest.js";
import { readSource, type Source } from "./source.js";

/** Reads an answers file (YAML or JSON) and checks every id and value against the set. */
export async function loadAnswers(file: string, set: QuestionSet): Promise<Answers> {
  const read = await readSource(file);
  if (!read.source) throw new InputError(read.problems);
  return checkAnswers(read.source, set);
}

export function checkAnswers(source: Source, set: QuestionSet): Answers {
  const data = source.data;
  const parsed = AnswersFile.safeParse(data);
  if (!parsed.success) throw new InputError(source.zodProblems(parsed.error, AnswersFile).sort(byPosition));
  const answers = parsed.data;
  const problems: Problem[] = [];
  const ids = set.questions.map((q) => q.id);
  const known = new Set(ids);
  const values = set.scale.map((o) => o.value);
  for (const [section, entries] of [
    ["answers", answers.answers],
    ["notes", answers.notes],
  ] as const) {
    for (const id of Object.keys(entries)) {
      if (!known.has(id)) problems.push(source.problem([section, id], `unknown question id '${id}'${didYouMean(id, ids)}`, true));
    }
  }
  const stageIds = set.stages.map((s) => s.id);
  for (const id of Object.keys(answers.sizing ?? {})) {
    if (!stageIds.includes(id)) problems.push(source.problem(["sizing", id], `unknown stage id '${id}'${didYouMean(id, stageIds)}`, true));
  }
  for (const [id, value] of Object.entries(answers.answers)) {
    if (!values.includes(value)) {
      const hint = didYouMean(value, values) || `; use one of: ${values.join(", ")}`;
      problems.push(source.problem(["answers", id], `'${value}' is not on the scale for '${id}'${hint}`));
    }
  }
  if (problems.length) throw new InputError(problems.sort(byPosition));
  return answers;
}
