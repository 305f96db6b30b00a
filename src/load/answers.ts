import { byPosition, type Loaded, type Problem, problemsOf } from "../errors.js";
import { AnswersFile, type Answers } from "../model/answers.js";
import { type QuestionSet, questionIdOf } from "../model/question-set.js";
import { didYouMean } from "../suggest.js";
import { MAX_PROBLEMS_KEPT, readSource, type Source } from "./source.js";

/** Reads an answers file (YAML or JSON) and checks every id and value against the set. */
export async function loadAnswers(file: string, set: QuestionSet): Promise<Loaded<Answers>> {
  const read = await readSource(file);
  if (!read.value) return problemsOf(read);
  return checkAnswers(read.value, set);
}

export function checkAnswers(source: Source, set: QuestionSet): Loaded<Answers> {
  const data = source.data;
  const report = reportKind(data);
  // one plain sentence rather than a line per key of the report (F14)
  if (report) return { problems: [source.problem([], `this is ${report}, not an answers file; give the answers it was made from (YAML files with 'answers:')`)] };
  const parsed = AnswersFile.safeParse(data);
  if (!parsed.success) {
    const problems = source.zodProblems(parsed.error, AnswersFile);
    // the ids and answers are checked too, where their sections read as 'id: text' maps: every problem in one run (#27)
    const section = (key: string) => Object.fromEntries(Object.entries(isMap(data[key]) ? data[key] : {}).filter(([, v]) => typeof v === "string")) as Record<string, string>;
    const sizing = isMap(data.sizing) ? (data.sizing as Answers["sizing"]) : undefined;
    const later = checkIds(source, set, { answers: section("answers"), notes: section("notes"), sizing } as Answers, problems.length);
    return { problems: [...problems, ...later.problems].sort(byPosition), uncounted: problems.uncounted + later.uncounted };
  }
  const answers = parsed.data;
  const { problems, uncounted } = checkIds(source, set, answers, 0);
  if (problems.length) return { problems: problems.sort(byPosition), uncounted };
  return { value: answers, problems: [] };
}

const isMap = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);

/** The question ids, answers and stage ids of `answers` against the set; renamed ids (aliases) made current in place. */
function checkIds(source: Source, set: QuestionSet, answers: Answers, found: number): { problems: Problem[]; uncounted: number } {
  // the first few hundred problems are described, the rest counted: describing 40k unknown ids took seconds (F1)
  const problems: Problem[] = [];
  let uncounted = 0;
  const add = (problem: () => Problem) => {
    if (found + problems.length < MAX_PROBLEMS_KEPT) problems.push(problem());
    else uncounted++;
  };
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
        add(() => source.problem([section, key], `unknown question id '${key}'${didYouMean(key, ids)}`, true));
        continue;
      }
      const twice = from.get(id);
      if (twice !== undefined) add(() => source.problem([section, key], `'${key}' and '${twice}' are the same question (${id}); keep one of them`, true));
      from.set(id, key);
      renamed[id] = value;
    }
    answers[section] = renamed;
    if (section === "answers") {
      for (const [id, value] of Object.entries(renamed)) {
        if (!values.includes(value)) {
          const hint = didYouMean(value, values) || `; use one of: ${values.join(", ")}`;
          add(() => source.problem(["answers", from.get(id)!], `'${value}' is not on the scale for '${id}'${hint}`));
        }
      }
    }
  }
  const stageIds = set.stages.map((s) => s.id);
  for (const id of Object.keys(answers.sizing ?? {})) {
    if (!stageIds.includes(id)) add(() => source.problem(["sizing", id], `unknown stage id '${id}'${didYouMean(id, stageIds)}`, true));
  }
  return { problems, uncounted };
}

/** What automation-fit output `data` is, if it is one: a report of one assessment, a team report, a comparison. */
export function reportKind(data: Record<string, unknown>): string | undefined {
  // an answers file has no schemaVersion (its schema refuses one); every JSON output of the tool has
  if (!("schemaVersion" in data)) return undefined;
  if (data.kind === "team") return "a team report made by automation-fit";
  if (data.kind === "comparison") return "a comparison made by automation-fit compare";
  return "a report made by automation-fit (--format json)";
}
