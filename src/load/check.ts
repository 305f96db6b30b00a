import { listFolder } from "../io/decode.js";
import { extname, join } from "node:path";
import { type Loaded, problemsOf } from "../errors.js";
import type { QuestionSet } from "../model/question-set.js";
import { checkAnswers } from "./answers.js";
import type { SurveyOptions } from "./csv.js";
import { loadQuestionSet, questionSetFrom, setName } from "./question-set.js";
import { isCsv, isFolder, mixedClients, readTeam, teamFiles } from "./respondents.js";
import { readSource } from "./source.js";

/** Keys that make a YAML file part of a question set; an answers file has `answers:`. */
const SET_KEYS = ["stages", "questions", "scale", "thresholds", "kpis", "campaigns", "set"];

export interface Checked {
  /** One line for stdout: what the path is, and that it is valid. */
  line: string;
  /** What was taken as read (encodings, separators, metadata columns), for stderr. */
  notices: string[];
}

/**
 * Checks anything report (or --questions) accepts and says what it is: a question set (a YAML file or a folder of them),
 * an answers file, a survey CSV, or a team folder. A folder is told by its content: YAML with stages or questions is a
 * set, answers files and CSVs a team. Returns every problem found (the first few hundred, then counted).
 */
export async function checkInput(path: string, setForAnswers: () => Promise<Loaded<QuestionSet>>, survey: SurveyOptions = {}): Promise<Loaded<Checked>> {
  if (isCsv(path)) return checkTeam(path, [path], setForAnswers, survey, "survey export");
  if (await isFolder(path)) {
    const kind = await folderKind(path);
    if (!kind.value) return problemsOf(kind);
    if (kind.value === "set") return validSet(path, await loadQuestionSet(path));
    const files = await teamFiles([path]);
    if (!files.value) return problemsOf(files);
    const checked = await checkTeam(path, files.value.files, setForAnswers, survey, "team folder");
    // a link beside the file it points at is one respondent, as report counts it: say so here too
    checked.value?.notices.unshift(...files.value.notices);
    return checked;
  }
  const read = await readSource(path);
  const source = read.value;
  if (!source) return problemsOf(read);
  const data = source.data;
  if ("schemaVersion" in data) {
    const what = data.kind === "comparison" ? "the output of compare" : `a ${data.kind === "team" ? "team " : ""}report made by 'automation-fit report --format json'`;
    return { problems: [source.problem(["kind"], `is ${what}, not a question set, answers file or survey export; validate checks what report reads`)] };
  }
  if ("answers" in data && !SET_KEYS.some((k) => k in data)) {
    const set = await setForAnswers();
    if (!set.value) return problemsOf(set);
    const answers = checkAnswers(source, set.value);
    if (!answers.value) return problemsOf(answers);
    return {
      value: { line: `${path}: valid answers file (${Object.keys(answers.value.answers).length} of ${set.value.questions.length} questions answered)`, notices: [] },
      problems: [],
    };
  }
  return validSet(path, questionSetFrom([read], setName(path)));
}

function validSet(path: string, set: Loaded<QuestionSet>): Loaded<Checked> {
  if (!set.value) return problemsOf(set);
  return { value: { line: `${path}: valid question set (${set.value.stages.length} stages, ${set.value.questions.length} questions)`, notices: [] }, problems: [] };
}

async function checkTeam(path: string, files: string[], setForAnswers: () => Promise<Loaded<QuestionSet>>, survey: SurveyOptions, what: string): Promise<Loaded<Checked>> {
  const set = await setForAnswers();
  if (!set.value) return problemsOf(set);
  // as report counts them (past a thousand names, the count is no matter)
  const clients = new Set<string>();
  const team = await readTeam(files, set.value, { survey, onRespondent: (r) => void (clients.size < 1000 && r.client?.trim() && clients.add(r.client.trim())) });
  if (!team.value) return problemsOf(team);
  // --client names them as one business, as report does
  const mixed = survey.client === undefined ? mixedClients([...clients]) : undefined;
  if (mixed) return { problems: [{ file: "", message: `${path}: ${mixed}` }] };
  const n = team.value.count;
  const sources = files.length === 1 ? "" : ` from ${files.length} files`;
  return { value: { line: `${path}: valid ${what} (${n} respondent${n === 1 ? "" : "s"}${sources})`, notices: team.value.notices }, problems: [] };
}

/** A folder's YAML files with set keys make it a question set; answers files or CSVs, a team; both at once is refused. */
async function folderKind(path: string): Promise<Loaded<"set" | "team">> {
  const listed = await listFolder(path);
  if (!listed.value) return problemsOf(listed);
  const names = listed.value.filter((n) => !n.startsWith(".")).sort();
  const yaml = names.filter((n) => /\.(ya?ml|json)$/i.test(n));
  let setFile: string | undefined;
  let answersFile: string | undefined = names.find((n) => [".csv", ".tsv"].includes(extname(n).toLowerCase()));
  for (const name of yaml) {
    const read = await readSource(join(path, name));
    const data = read.value?.data;
    if (!data) continue;
    if (SET_KEYS.some((k) => k in data)) setFile ??= name;
    else if ("answers" in data) answersFile ??= name;
  }
  if (setFile && answersFile) {
    return { problems: [{ file: path, message: `holds both a question set (${setFile}) and answers (${answersFile}); keep a set and the answers to it in separate folders` }] };
  }
  if (answersFile) return { value: "team", problems: [] };
  if (!setFile && !yaml.length) {
    return { problems: [{ file: path, message: "holds no question set (YAML with stages or questions), answers files (YAML with answers) or survey CSVs" }] };
  }
  return { value: "set", problems: [] };
}
