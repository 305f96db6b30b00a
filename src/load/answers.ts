import { byPosition, type Loaded, type Problem } from "../errors.js";
import { AnswersFile, type Answers } from "../model/answers.js";
import { type QuestionSet, questionIdOf } from "../model/question-set.js";
import { didYouMean } from "../suggest.js";
import { readSource, type Source } from "./source.js";

/** Reads an answers file (YAML or JSON) and checks every id and value against the set. */
export async function loadAnswers(file: string, set: QuestionSet): Promise<Loaded<Answers>> {
  const read = await readSource(file);
  if (!read.source) return { problems: read.problems };
  return checkAnswers(read.source, set);
}

export function checkAnswers(source: Source, set: QuestionSet): Loaded<Answers> {
  const data = source.data;
  const parsed = AnswersFile.safeParse(data);
  if (!parsed.success) return { problems: source.zodProblems(parsed.error, AnswersFile).sort(byPosition) };
  const answers = parsed.data;
  const problems: Problem[] = [];
  const ids = set.questions.map((q) => q.id);
  const idOf = questionIdOf(set);
  const values = set.scale.map((o) => o.value);
  for (const section of ["answers", "notes"] as const) {
    const entries = answers[section];
    // a renamed question's old id (an alias) reads as its new one
    const renamed: Record<string, string> = {};
    const from = new Map<string, string>();
    for (const [key, value] of Object.entries(entries)) {
      const id = idOf.get(key);
      if (id === undefined) {
        problems.push(source.problem([section, key], `unknown question id '${key}'${didYouMean(key, ids)}`, true));
        continue;
      }
      const twice = from.get(id);
      if (twice !== undefined) problems.push(source.problem([section, key], `'${key}' and '${twice}' are the same question (${id}); keep one of them`, true));
      from.set(id, key);
      renamed[id] = value;
    }
    answers[section] = renamed;
    if (section === "answers") {
      for (const [id, value] of Object.entries(renamed)) {
        if (!values.includes(value)) {
          const hint = didYouMean(value, values) || `; use one of: ${values.join(", ")}`;
          problems.push(source.problem(["answers", from.get(id)!], `'${value}' is not on the scale for '${id}'${hint}`));
        }
      }
    }
  }
  const stageIds = set.stages.map((s) => s.id);
  for (const id of Object.keys(answers.sizing ?? {})) {
    if (!stageIds.includes(id)) problems.push(source.problem(["sizing", id], `unknown stage id '${id}'${didYouMean(id, stageIds)}`, true));
  }
  if (problems.length) return { problems: problems.sort(byPosition) };
  return { value: answers, problems: [] };
}
