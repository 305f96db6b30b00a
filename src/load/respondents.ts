import { terminalSafe } from "../text.js";
import { readFileSync, realpathSync, statSync } from "node:fs";
import { stat } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import { byPosition, type Loaded, problemsOf, readFailure, type Problem } from "../errors.js";
import { decode, listFolder } from "../io/decode.js";
import { noteInput } from "../io/write.js";
import type { Answers } from "../model/answers.js";
import { isIsoDate } from "../model/date.js";
import type { QuestionSet } from "../model/question-set.js";
import { encodeAnswers, NO_ANSWER, type Respondent, scaleIndexOf } from "../model/respondent.js";
import type { RoundDate, SurveyOptions } from "./csv.js";

const ANSWERS_FILE = /\.(ya?ml|json)$/i;
/** Survey exports in a folder; named on the command line, Excel's "Unicode Text" (.txt) too. */
const CSV_FILE = /\.(csv|tsv)$/i;
const SURVEY_FILE = /\.(csv|tsv|txt)$/i;
const MAX_QUICK_BYTES = 64 * 1024;
const CONCURRENCY = 16;

export const isCsv = (file: string) => SURVEY_FILE.test(file);

/** The files a team report reads: each path as given, a folder's answers and CSV files (not hidden, sorted by name). */
export async function teamFiles(paths: readonly string[]): Promise<Loaded<TeamFiles>> {
  const files: string[] = [];
  const problems: Problem[] = [];
  for (const path of paths) {
    let isFolder: boolean;
    try {
      isFolder = (await stat(path)).isDirectory();
    } catch (error) {
      problems.push({ file: path, message: readFailure(error) });
      continue;
    }
    if (!isFolder) {
      files.push(path);
      continue;
    }
    const listed = await listFolder(path);
    problems.push(...listed.problems);
    const names = (listed.value ?? []).filter((n) => !n.startsWith(".") && (ANSWERS_FILE.test(n) || CSV_FILE.test(n))).sort();
    if (listed.value && !names.length) {
      problems.push({
        file: path,
        message: "is a folder; name a YAML or JSON file, or a folder that holds answers files (.yaml, .yml, .json) or a survey .csv: this one holds none",
      });
    }
    files.push(...names.map((n) => join(path, n)));
  }
  if (problems.length) return { problems };
  // the same file named twice (./a.yaml and a.yaml, or a link to it) would count one person twice
  const namesOf = new Map<string, string[]>();
  for (const file of files) {
    // native and sync: awaiting one promise per file cost 3 s on a folder of 100,000 answers files, this 0.25 s
    let real: string;
    try {
      real = realpathSync.native(file);
    } catch {
      real = resolve(file);
    }
    const names = namesOf.get(real);
    if (names) names.push(file);
    else namesOf.set(real, [file]);
  }
  const notices = [...namesOf.values()].filter((names) => names.length > 1).map(sameFileNotice);
  return { value: { files: [...namesOf.values()].map((names) => names[0]!), notices }, problems: [] };
}

/** The files of a team, each once, and a notice for each file named more than once. */
export interface TeamFiles {
  files: string[];
  notices: string[];
}

function sameFileNotice(names: readonly string[]): string {
  const distinct = [...new Set(names)];
  if (distinct.length === 1) return `${distinct[0]} is named ${names.length} times; counted once`;
  const list = `${distinct.slice(0, -1).join(", ")} and ${distinct.at(-1)}`;
  return `${list} are the same file; counted once`;
}

export interface ReadTeam {
  /** Respondents scored (handed to onRespondent). */
  count: number;
  /** With skipBadRows: the problems of the rows and files left out, and how many were. */
  skipped: { count: number; total: number; problems: Problem[] };
  /** What was taken as it was read (an encoding, a separator, metadata columns ignored): one line per file, for stderr. */
  notices: string[];
  /** The latest day in the survey files' time columns (a round's date), and the file it is from. */
  dated?: RoundDate & { file: string };
}

/** Problems kept in all; the rest are counted, so that 200k bad rows cost neither memory nor a screen of text. */
const MAX_PROBLEMS_KEPT = 1000;

/**
 * Why answers naming several clients make no team: a median across businesses advises none of them (#24). Undefined for one
 * client (or none named); --client names them as one.
 */
export function mixedClients(clients: readonly string[]): string | undefined {
  if (clients.length < 2) return undefined;
  const list = `${clients.slice(0, 3).map(terminalSafe).join("; ")}${clients.length > 3 ? "; ..." : ""}`;
  return `the answers name ${clients.length} different clients (${list}); a team report is for people looking at one business: report each client's answers on their own, or give --client NAME if they really are one business`;
}

/**
 * Reads every respondent of the files, CSV rows and answers files alike, and hands each to `onRespondent` as it is read,
 * in the order of the files (answers files are read a few ahead, CSVs streamed): nothing is kept per respondent here.
 * Every problem is collected (up to a cap, then counted); without skipBadRows any problem fails the whole run (after
 * reading on, to report them all), with it only problems that spoil a file as a whole do. A failed run's problems follow
 * the notices (as "note:" lines), which often explain them.
 */
export async function readTeam(
  files: readonly string[],
  set: QuestionSet,
  { skipBadRows = false, survey = {}, onRespondent }: { skipBadRows?: boolean; survey?: SurveyOptions; onRespondent: (r: Respondent) => void },
): Promise<Loaded<ReadTeam>> {
  const notices: string[] = [];
  let dated: ReadTeam["dated"];
  const fatal: Problem[] = [];
  const skipped: ReadTeam["skipped"] = { count: 0, total: 0, problems: [] };
  let [count, uncounted] = [0, 0];
  const keep = (list: Problem[], problems: readonly Problem[]) => {
    const room = Math.max(0, MAX_PROBLEMS_KEPT - fatal.length - skipped.problems.length);
    list.push(...problems.slice(0, room));
    uncounted += Math.max(0, problems.length - room);
  };
  const take = (r: Respondent) => {
    count++;
    skipped.total++;
    onRespondent(r);
  };
  const ahead = new Map<number, Promise<Loaded<Respondent>>>();
  const readAhead = (i: number) => {
    if (i < files.length && !isCsv(files[i]!)) ahead.set(i, readRespondent(files[i]!, set));
  };
  for (let i = 0; i < CONCURRENCY; i++) readAhead(i);

  const csv = files.some(isCsv) ? await import("./csv.js") : undefined;
  for (const [i, file] of files.entries()) {
    readAhead(i + CONCURRENCY);
    if (csv && isCsv(file)) {
      for await (const event of csv.readSurvey(file, set, survey)) {
        if (event.kind === "respondent") take(event.respondent);
        else if (event.kind === "bad-row") {
          skipped.total++;
          skipped.count++;
          keep(skipped.problems, event.problems);
        } else if (event.kind === "notice") notices.push(event.text);
        else if (event.kind === "dated") {
          if (!dated || event.date.day > dated.day) dated = { ...event.date, file };
        } else if (event.kind === "header") {
          keep(fatal, event.problems);
          uncounted += event.uncounted;
        } else {
          keep(fatal, event.problems);
          uncounted += event.uncounted ?? 0;
          break;
        }
      }
      continue;
    }
    const respondent = await ahead.get(i)!;
    ahead.delete(i);
    if (respondent.value) take(respondent.value);
    else {
      skipped.total++;
      skipped.count++;
      keep(skipped.problems, respondent.problems);
    }
  }

  const problems = skipBadRows ? fatal : [...fatal, ...skipped.problems];
  // what was taken as read (an encoding, the columns ignored) explains many a problem: said first
  const said = notices.map((notice): Problem => ({ file: "", message: `note: ${notice}` }));
  if (problems.length) return { problems: [...said, ...problems.sort(byPosition)], uncounted: skipBadRows ? 0 : uncounted };
  if (!count) {
    const why = skipped.count ? `every one of the ${skipped.total} rows and files has a problem:` : "no respondents to score";
    return { problems: [{ file: "", message: `nothing to report: ${why}` }, ...skipped.problems.sort(byPosition)], uncounted };
  }
  skipped.problems.sort(byPosition);
  return { value: { count, skipped, notices, ...(dated ? { dated } : {}) }, problems: [] };
}

async function readRespondent(file: string, set: QuestionSet): Promise<Loaded<Respondent>> {
  const quick = quickRespondent(file, set);
  return quick ? { value: quick, problems: [] } : await slowRespondent(file, set);
}

/**
 * An answers file for the single report: by the quick path when it can, else by the full loader (YAML and zod, every
 * problem with its position), imported only then so that a plain file never initialises either.
 */
export async function readAnswers(file: string, set: QuestionSet): Promise<Loaded<Answers>> {
  const quick = quickFile(file, set);
  return quick ? { value: quick.answers, problems: [] } : (await import("./answers.js")).loadAnswers(file, set);
}

/** What report (and each side of compare) reads from its paths: one respondent's answers, or a team (handed out as read). */
export type Reading =
  | { kind: "single"; answers: Answers; file: string; notices: string[]; skipped: ReadTeam["skipped"]; dated?: ReadTeam["dated"] }
  | { kind: "team"; read: ReadTeam; files: number };

export interface ReadOptions {
  skipBadRows?: boolean;
  survey?: SurveyOptions;
  /** Each respondent of a team as it is read (a team of one is handed out too, then read as the single report). */
  onRespondent: (r: Respondent) => void;
}

/**
 * Answers files, folders and survey CSVs as report takes them: one respondent (a single answers file, a one-row CSV, a
 * folder of one) gives the single report's answers; more give a team. survey.client (--client) names the client of either.
 */
export async function readRespondents(paths: readonly string[], set: QuestionSet, options: ReadOptions): Promise<Loaded<Reading>> {
  const client = options.survey?.client;
  const withClient = (answers: Answers): Answers => (client === undefined ? answers : { ...answers, client });
  const single = (answers: Loaded<Answers>, file: string, { notices, skipped, dated }: Pick<ReadTeam, "notices" | "skipped" | "dated">): Loaded<Reading> =>
    answers.value ? { value: { kind: "single", answers: withClient(answers.value), file, notices, skipped, ...(dated ? { dated } : {}) }, problems: [] } : problemsOf(answers);
  if (await isAnswersFile(paths)) return single(await readAnswers(paths[0]!, set), paths[0]!, { notices: [], skipped: { count: 0, total: 1, problems: [] } });
  const files = await teamFiles(paths);
  if (!files.value) return problemsOf(files);
  let first: Respondent | undefined;
  const read = await readTeam(files.value.files, set, {
    ...options,
    onRespondent: (r) => {
      if (client !== undefined) r.client = client;
      first ??= r;
      options.onRespondent(r);
    },
  });
  if (!read.value) return problemsOf(read);
  read.value.notices.unshift(...files.value.notices);
  // one respondent left (with --skip-bad-rows, of several) is one person's view: the single report
  if (read.value.count === 1 && first) {
    const answers = isCsv(first.file) ? { value: answersOf(set, first), problems: [] } : await readAnswers(first.file, set);
    return single(answers, first.file, read.value);
  }
  return { value: { kind: "team", read: read.value, files: files.value.files.length }, problems: [] };
}

/** Whether the paths are one answers file: the single report, read without the team's machinery. */
export async function isAnswersFile(paths: readonly string[]): Promise<boolean> {
  return paths.length === 1 && !isCsv(paths[0]!) && !(await isFolder(paths[0]!));
}

/** A survey row's respondent as an answers file would hold them (a name the reader made up is no assessor). */
export function answersOf(set: QuestionSet, respondent: Respondent): Answers {
  const answers: Record<string, string> = {};
  set.questions.forEach((q, i) => {
    const option = respondent.answers[i]!;
    if (option !== NO_ANSWER) answers[q.id] = set.scale[option]!.value;
  });
  return {
    ...(respondent.client ? { client: respondent.client } : {}),
    ...(respondent.anonymous ? {} : { assessor: respondent.name }),
    ...(respondent.role ? { role: respondent.role } : {}),
    ...(respondent.comment ? { note: respondent.comment } : {}),
    answers,
    notes: {},
    ...(respondent.sizing ? { sizing: respondent.sizing } : {}),
  };
}

/** The full loader: every check, every problem with its position. */
async function slowRespondent(file: string, set: QuestionSet): Promise<Loaded<Respondent>> {
  const { value: answers, problems } = await (await import("./answers.js")).loadAnswers(file, set);
  return answers ? { value: respondentFrom(file, answers, encodeAnswers(set, answers.answers)), problems: [] } : { problems };
}

/** An answers file in the plain shape the quick reader takes, else undefined (and the full loader is for it). */
export function quickAnswersFile(file: string, set: QuestionSet): Answers | undefined {
  return quickFile(file, set)?.answers;
}

function quickRespondent(file: string, set: QuestionSet): Respondent | undefined {
  const quick = quickFile(file, set);
  return quick && respondentFrom(file, quick.answers, quick.encoded);
}

// A sync read is several times faster than fs/promises for thousands of small files, and keeps one file open at a time.
function quickFile(file: string, set: QuestionSet): QuickAnswers | undefined {
  let text: string;
  try {
    const info = statSync(file);
    if (!info.isFile() || info.size > MAX_QUICK_BYTES || !ANSWERS_FILE.test(file)) return undefined;
    const decoded = decode(readFileSync(file), file);
    // anything but plain UTF-8 goes to the full loader, which says how it was read
    if ("problem" in decoded || decoded.encoding !== "UTF-8") return undefined;
    text = decoded.text;
    noteInput(file, info);
  } catch {
    return undefined;
  }
  return quickAnswers(text, set);
}

function respondentFrom(file: string, who: { assessor?: string; role?: string; client?: string; sizing?: Respondent["sizing"] }, answers: Uint8Array): Respondent {
  const name = who.assessor?.trim() || basename(file, extname(file));
  const role = who.role?.trim();
  const client = who.client?.trim();
  // a team's hours freed are the medians of the sizes its respondents give
  const sized = who.sizing && Object.keys(who.sizing).length ? { sizing: who.sizing } : {};
  return { name, file, ...(role ? { role } : {}), ...(client ? { client } : {}), answers, ...sized };
}

const TOP_SCALARS = new Set(["$schema", "client", "assessor", "role", "date", "note"]);
const SECTIONS = new Set(["answers", "notes"]);
const KEY_LINE = /^([$a-z][a-z0-9]*(?:-[a-z0-9]+)*):(?:[ ]+(.*))?$/;
const ITEM_LINE = /^( +)([a-z0-9]+(?:-[a-z0-9]+)*):(?:[ ]+(.*))?$/;
// A letter first and no ':', '#', control or line-separator character: YAML reads it as this string, bar the keywords.
const PLAIN = /^\p{L}[^:#\p{Cc}\u0085\u2028\u2029]*$/u;
const NOT_A_STRING = /^(true|false|null)$/i;
const COMMENT_ONLY = /^(#.*)?$/;

export interface QuickAnswers {
  answers: Answers;
  encoded: Uint8Array;
}

/**
 * The fast path for answers files in the plain shape the interview and the examples write: top-level scalars, then
 * `answers:` and `notes:` with one `id: value` a line. Returns undefined at anything else, or at any problem, so the
 * full YAML loader reads those files and reports their problems: this never accepts a file that loader would refuse, and
 * what it returns is what that loader would (`answers`), with the answers encoded for the team report too.
 */
export function quickAnswers(text: string, set: QuestionSet): QuickAnswers | undefined {
  if (/[\u0000\uFEFF\t]|\r(?!\n)/.test(text)) return undefined;
  const scaleIndex = scaleIndexOf(set);
  const questionIndex = quickIndex(set);
  const encoded = new Uint8Array(set.questions.length).fill(NO_ANSWER);
  const top = new Map<string, string>();
  const sections: Record<string, Record<string, string>> = { answers: {}, notes: {} };
  let section: string | undefined;
  let items = 0;
  let indent = 0;

  for (const line of text.split(/\r?\n/)) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    if (line.charCodeAt(0) !== 32) {
      if (section !== undefined && items === 0) return undefined;
      const m = KEY_LINE.exec(line);
      if (!m || top.has(m[1]!)) return undefined;
      const [, key, rest = ""] = m as unknown as [string, string, string | undefined];
      top.set(key, "");
      if (SECTIONS.has(key)) {
        if (!COMMENT_ONLY.test(rest)) return undefined;
        [section, items, indent] = [key, 0, 0];
        continue;
      }
      section = undefined;
      const value = key === "date" && /^\d{4}-\d\d-\d\d$/.test(rest) ? rest : quickScalar(rest);
      // the full loader says what is wrong with a date that is not one
      if (key === "date" && (value === undefined || !isIsoDate(value))) return undefined;
      if (!TOP_SCALARS.has(key) || value === undefined) return undefined;
      top.set(key, value);
      continue;
    }
    const m = ITEM_LINE.exec(line);
    if (section === undefined || !m) return undefined;
    const [, spaces, id, rest = ""] = m as unknown as [string, string, string, string | undefined];
    if (items === 0) indent = spaces.length;
    else if (spaces.length !== indent) return undefined;
    items++;
    const q = questionIndex.get(id);
    const value = quickScalar(rest);
    if (q === undefined || value === undefined) return undefined;
    const entries = sections[section]!;
    // a renamed question's old id (an alias) reads as its new one, as in the full loader
    const key = set.questions[q]!.id;
    if (Object.hasOwn(entries, key)) return undefined;
    entries[key] = value;
    if (section === "notes") continue;
    const option = scaleIndex.get(value);
    if (option === undefined) return undefined;
    encoded[q] = option;
  }
  if (!top.size || (section !== undefined && items === 0)) return undefined;
  // the keys in the order zod's AnswersFile gives them
  const scalars = Object.fromEntries([...TOP_SCALARS].flatMap((key) => (top.has(key) ? [[key, top.get(key)!]] : [])));
  return { answers: { ...scalars, answers: sections.answers!, notes: sections.notes! }, encoded };
}

/** A scalar the YAML loader would read as this very string, or undefined when unsure. */
function quickScalar(raw: string): string | undefined {
  const m = /^(?:"([^"\\]*)"|'([^']*)'|([^"'#].*?))(?:[ ]+#.*)?[ ]*$/.exec(raw);
  if (!m) return undefined;
  if (m[1] !== undefined) return m[1];
  if (m[2] !== undefined) return m[2];
  const plain = m[3]!;
  return PLAIN.test(plain) && !NOT_A_STRING.test(plain) && !/ $/.test(plain) ? plain : undefined;
}

const indexes = new WeakMap<QuestionSet, Map<string, number>>();

/** Every id and alias of the set's questions -> the question's index (an id wins over another question's alias). */
function quickIndex(set: QuestionSet): Map<string, number> {
  let index = indexes.get(set);
  if (!index) {
    const aliases = set.questions.flatMap((q, i) => (q.aliases ?? []).map((alias) => [alias, i] as const));
    index = new Map([...aliases, ...set.questions.map((q, i) => [q.id, i] as const)]);
    indexes.set(set, index);
  }
  return index;
}

export async function isFolder(path: string): Promise<boolean> {
  return stat(path).then(
    (info) => info.isDirectory(),
    () => false,
  );
}
