import { stat } from "node:fs/promises";
import Papa from "papaparse";
import { cut, readFailure, type Problem } from "../errors.js";
import { decodedChunks, type Encoding, fileEncoding } from "../io/decode.js";
import { noteInput } from "../io/write.js";
import type { QuestionSet } from "../model/question-set.js";
import { NO_ANSWER, type Respondent, scaleIndexOf } from "../model/respondent.js";
import { nearest } from "../suggest.js";
import { shellQuote } from "../text.js";
import { isIsoDate } from "../model/date.js";

const ENCODING_NAMES: Record<Encoding, string> = {
  "UTF-8": "UTF-8",
  "UTF-16LE": "UTF-16 LE",
  "UTF-16BE": "UTF-16 BE",
  "Windows-1252": "Windows-1252 (not UTF-8; if letters look wrong, save as CSV UTF-8)",
};

/** What the one notice of a file says of an encoding other than UTF-8: UTF-16 found without its byte-order mark says so. */
function encodingSaid(encoding: Encoding, bom: boolean): string {
  const unmarked = encoding.startsWith("UTF-16") && !bom ? " without a byte-order mark" : "";
  return `${ENCODING_NAMES[encoding]}${unmarked}${encoding === "UTF-16LE" ? " (Excel's Unicode Text)" : ""}`;
}

/** One record of a CSV file: its row as a spreadsheet numbers it (1-based; a quoted line break stays in its row), and the
 * file's line it starts on (an editor's count: quoted line breaks and Excel's `sep=` line included). */
export interface CsvRecord {
  row: number;
  line: number;
  cells: string[];
}

const LINE_BREAK = /\r\n|\r|\n/g;
const lineBreaks = (text: string) => text.match(LINE_BREAK)?.length ?? 0;

/** A record longer than this is refused: no survey row is; an unclosed quote that runs to the end of the file is. */
export const MAX_RECORD_CHARS = 8_000_000;
/** Read as a stream, a survey's size costs time, not memory; the cap keeps a mistaken file (a disk image) from running for minutes. */
export const MAX_CSV_BYTES = 2 * 2 ** 30;
/** Problems kept per file; the rest are only counted. */
export const MAX_PROBLEMS_KEPT = 200;

const SEPARATORS = [",", ";", "\t"] as const;
export type Separator = (typeof SEPARATORS)[number];
const SEPARATOR_NAMES: Record<Separator, string> = { ",": "comma-separated", ";": "semicolon-separated", "\t": "tab-separated" };

/**
 * The separator (Excel's `sep=;` first line wins), and the line break. A separator that splits the header and the first
 * row into the same number of cells wins over one that is merely more frequent in the header: question texts hold
 * commas that a semicolon export leaves unquoted. Else the one the header uses most outside quotes.
 */
export function sniffLayout(head: string): { separator: Separator; newline: "\n" | "\r\n" | "\r"; sepLine: boolean } {
  const sep = /^sep=([,;\t])\r?\n?/.exec(head);
  const text = sep ? head.slice(sep[0].length) : head;
  const lines = [new Map<string, number>(SEPARATORS.map((s) => [s, 0]))];
  let quoted = false;
  let newline: "\n" | "\r\n" | "\r" | undefined;
  for (let i = 0; i < text.length && lines.length <= 2; i++) {
    const ch = text[i]!;
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) {
      const here = ch === "\r" ? (text[i + 1] === "\n" ? "\r\n" : "\r") : "\n";
      newline ??= here;
      i += here.length - 1;
      lines.push(new Map<string, number>(SEPARATORS.map((s) => [s, 0])));
    } else if (!quoted && lines.at(-1)!.has(ch)) lines.at(-1)!.set(ch, lines.at(-1)!.get(ch)! + 1);
  }
  const [header, row] = lines as [Map<string, number>, Map<string, number> | undefined];
  const consistent = (s: Separator) => row !== undefined && header.get(s)! > 0 && header.get(s) === row.get(s);
  let separator: Separator = ",";
  for (const s of SEPARATORS) {
    const better = consistent(s) !== consistent(separator) ? consistent(s) : header.get(s)! > header.get(separator)!;
    if (better) separator = s;
  }
  return { separator: (sep?.[1] as Separator | undefined) ?? separator, newline: newline ?? "\n", sepLine: Boolean(sep) };
}

/**
 * The records of decoded text chunks, parsed by papaparse one chunk at a time: the partial record at a chunk's end is
 * carried to the next, so memory holds one chunk and one record. Quote errors come back as problems, and end the file.
 */
export async function* csvRecords(file: string, chunks: AsyncIterable<string>, separator: Separator, newline: string, firstLine = 1): AsyncGenerator<CsvRecord | Problem> {
  const parser = new Papa.Parser({ delimiter: separator, newline: newline as "\n", quoteChar: '"' });
  let partial = "";
  let base = 0;
  let row = 0;
  // papaparse counts rows only: the line is counted here, from the line breaks inside each record's quoted cells
  let line = firstLine;
  const take = function* (input: string, last: boolean): Generator<CsvRecord | Problem, boolean> {
    const inputLine = line;
    const result = parser.parse(input, base, !last) as Papa.ParseResult<string[]>;
    const quote = result.errors.find((e) => e.type === "Quotes");
    // the rows before a quote error are sound; the one with it, and all after, are not
    const sound = quote ? (quote.row ?? 0) : result.data.length;
    for (let i = 0; i < sound; i++) {
      const cells = result.data[i]!;
      yield { row: ++row, line, cells };
      line += 1;
      for (const cell of cells) line += lineBreaks(cell);
    }
    if (quote) {
      // papaparse's index is just past the cell's opening quote, in this input (which starts at a record's first line)
      const before = input.slice(0, quote.index ?? 0);
      const lineStart = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r")) + 1;
      const at = quote.index === undefined ? { line, col: 1 } : { line: inputLine + lineBreaks(before), col: Math.max(1, before.length - lineStart) };
      const message =
        quote.code === "MissingQuotes"
          ? `row ${row + 1} has a quoted cell that is never closed; add the closing quote (")`
          : `row ${row + 1} has text after a closing quote; put the whole cell in quotes and double any quote inside it ("")`;
      yield { file, ...at, message };
      return false;
    }
    const consumed = result.meta.cursor - base;
    partial = input.slice(consumed);
    base = result.meta.cursor;
    return true;
  };
  for await (const chunk of chunks) {
    if (!(yield* take(partial + chunk, false))) return;
    if (partial.length > MAX_RECORD_CHARS) {
      yield {
        file,
        line,
        col: 1,
        message: `row ${row + 1} runs over ${MAX_RECORD_CHARS.toLocaleString("en-US")} characters, which no survey row does; if a quoted cell is never closed, add the closing quote (")`,
      };
      return;
    }
  }
  if (partial) yield* take(partial, true);
}

export const isRecord = (r: CsvRecord | Problem): r is CsvRecord => "cells" in r;

/** Spreadsheet column letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = "";
  while (n > 0) {
    const r = (n - 1) % 26;
    letters = String.fromCharCode(65 + r) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/**
 * A header or answer as it is meant: case, spacing, curly quotes, dashes, a required-question star and trailing
 * punctuation ignored; a leading ' that a spreadsheet adds before =, +, - or @ dropped.
 */
export function headerKey(text: string): string {
  return text
    .normalize("NFKC")
    .replace(/^'(?=[=+\-@])/, "")
    .replace(/[\u2018\u2019\u201a\u201b\u2032]/g, "'")
    .replace(/[\u201c\u201d\u201e\u201f\u2033]/g, '"')
    .replace(/[\u2010-\u2015]/g, "-")
    .replace(/[\s\u00a0]+/g, " ")
    .toLowerCase()
    .replace(/[\s?.!:;,*\u2026]+$/, "")
    .trim();
}

/** Headers of name, role and client columns as forms word them. */
const NAME_HEADERS = new Set([
  "name",
  "full name",
  "your name",
  "your full name",
  "what is your name",
  "what's your name",
  "respondent",
  "respondent name",
  "name of respondent",
  "assessor",
]);
const FIRST_NAME_HEADERS = new Set(["first name", "given name", "your first name"]);
const LAST_NAME_HEADERS = new Set(["last name", "surname", "family name", "your last name"]);
const ROLE_HEADERS = new Set(["role", "your role", "job title", "your job title", "title", "position", "job role", "what is your role", "what's your role"]);
const CLIENT_HEADERS = new Set(["client", "client name", "company", "company name", "your company", "organisation", "organization", "business", "business name"]);

/** What form tools add around the answers: timestamps, e-mail, IDs, durations, IP, network id, custom data. */
const METADATA = [
  /^(timestamp|time stamp|#|id|token|response token|uuid|tags|score|total score|status|ending|language|user agent|browser|device|referrer|referer|platform)$/,
  /^(e-?mail|e-?mail address|your e-?mail( address)?|respondent e-?mail|username|user name)$/,
  /(^|[ _])(id|ip|ip address)$/,
  /^(start|end|completion|submit|submission|last modified|modified|created|updated|response|date) ?(date|time|at|submitted)?( ?\((utc|gmt)\))?$/,
  /^(date|time)( submitted| started| modified)?$/,
  /^(duration|time taken|time to complete)( ?\(.*\))?$/,
  /^(custom (data|variable|field)|hidden field|utm[ _]\w+)( ?\d+)?$/,
];

/** A form's closing free-text box: read as the respondent's general note, not refused as an unknown question. */
const COMMENT_HEADER = /^(any )?(other )?(comments?|anything else\b.*|(any )?(other )?(feedback|notes|remarks|other thoughts|thoughts))$/;

export const isCommentHeader = (key: string) => COMMENT_HEADER.test(key);

export const isMetadataHeader = (key: string) => METADATA.some((re) => re.test(key));

/** A survey round's date: the latest day in its time columns, the column it is from, and the order day/month was read in. */
export interface RoundDate {
  day: string;
  header: string;
  order?: "month/day" | "day/month";
}

/** Metadata columns that date a response: "Timestamp" (Google), "Start time"/"Completion time" (Microsoft), "Submit Date (UTC)". */
const TIME_HEADER = /^(timestamp|time stamp|(start|end|completion|submit|submission|response|created|date) ?(date|time|at|submitted)( ?\((utc|gmt)\))?|date|date submitted)$/;

/**
 * The latest day in a survey round's time columns, as form tools write it: 2026-11-20 14:03, 2026/11/20, 20.11.2026 (day
 * first), and 11/20/2026 or 20/11/2026, whose order is told from the column (a first number over 12 is a day, a second one
 * over 12 a day the other way; with neither, month first, as US-made tools write it). Kept as running maxima: a million
 * rows cost nothing.
 */
export class LatestDay {
  private plain: Dated | undefined;
  private monthFirst: Dated | undefined;
  private dayFirst: Dated | undefined;
  private sawDayFirst = false;
  private sawMonthFirst = false;

  add(text: string, header: string): void {
    const iso = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?!\d)/.exec(text);
    if (iso) {
      this.plain = later(this.plain, day(+iso[1]!, +iso[2]!, +iso[3]!), header);
      return;
    }
    const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})(?!\d)/.exec(text);
    if (dotted) {
      this.plain = later(this.plain, day(year(dotted[3]!), +dotted[2]!, +dotted[1]!), header);
      return;
    }
    const slashed = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?!\d)/.exec(text);
    if (!slashed) return;
    const [a, b, y] = [+slashed[1]!, +slashed[2]!, year(slashed[3]!)];
    if (a > 12) this.sawDayFirst = true;
    if (b > 12) this.sawMonthFirst = true;
    this.monthFirst = later(this.monthFirst, day(y, a, b), header);
    this.dayFirst = later(this.dayFirst, day(y, b, a), header);
  }

  /** The latest day, the column it is from, and the order a day/month column was read in. */
  result(): RoundDate | undefined {
    const order = this.sawDayFirst && !this.sawMonthFirst ? "day/month" : "month/day";
    const slashed = order === "day/month" ? this.dayFirst : this.monthFirst;
    return slashed && (!this.plain || slashed.day > this.plain.day) ? { ...slashed, order } : this.plain;
  }
}

const year = (text: string) => (text.length === 2 ? 2000 + Number(text) : Number(text));
const day = (y: number, m: number, d: number) => {
  const text = `${String(y).padStart(4, "0")}-${String(m).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
  return isIsoDate(text) ? text : undefined;
};
type Dated = { day: string; header: string };
const later = (kept: Dated | undefined, candidate: string | undefined, header: string): Dated | undefined =>
  candidate && (!kept || candidate > kept.day) ? { day: candidate, header } : kept;

/** SurveyMonkey's second header row: "Response" (or "Open-Ended Response") under each question, blank elsewhere. */
function isSubHeader(cells: readonly string[]): boolean {
  let responses = 0;
  for (const cell of cells) {
    const key = headerKey(cell);
    if (key === "response" || key === "open-ended response") responses++;
    else if (key !== "") return false;
  }
  return responses > 0;
}

export interface SurveyOptions {
  /** Headers of the columns that hold each respondent's name, role or client, when the header alone does not tell. */
  nameColumn?: string;
  roleColumn?: string;
  clientColumn?: string;
  /** The client of every respondent (over any client column). */
  client?: string;
  /** Headers of columns to leave out (--ignore-column): what the sheet holds besides the questions and metadata. */
  ignoreColumns?: readonly string[];
}

/** The optional sizing columns' header endings, after a stage's name or id and a colon. */
const SIZE_FIELDS = { timesPerMonth: "times a month", minutes: "minutes each" } as const;
type SizeField = keyof typeof SIZE_FIELDS;

type Column =
  | { kind: "question"; question: number; header: string }
  | { kind: "size"; stage: string; field: SizeField; header: string }
  | { kind: "name" | "first-name" | "last-name" | "role" | "client" | "ignored" | "time" | "comment"; header: string };

/** What a survey file gives, in order: at most one notice, then respondents and bad rows; `fatal` ends it. `header` problems
 * (a column that names no question) fail the file too, but its rows are still read so that their problems are listed at once. */
export type SurveyEvent =
  | { kind: "notice"; text: string }
  | { kind: "header"; problems: Problem[]; uncounted: number }
  | { kind: "respondent"; respondent: Respondent }
  | { kind: "bad-row"; problems: Problem[] }
  | { kind: "dated"; date: RoundDate }
  | { kind: "fatal"; problems: Problem[]; uncounted?: number };

const quoted = (text: string, max = 60) => `"${cut(text.replace(/\s+/g, " ").trim(), max)}"`;

/** A header as a message names it: short, its question mark kept. */
export function shortHeader(header: string): string {
  const text = header.replace(/\s+/g, " ").trim();
  if (text.length <= 40) return quoted(text);
  const mark = /[?:]$/.test(text) ? text.at(-1) : "";
  return `"${text.slice(0, 32).replace(/\s+\S*$/, "")} ...${mark}"`;
}

/**
 * Reads a survey export as form tools write them (Google Forms, Microsoft Forms, Typeform, SurveyMonkey, Jotform, Excel
 * saves): encoding and separator detected; a column per question headed by its text (or id or alias); metadata columns
 * ignored; name, role and client columns found. Respondents are yielded one at a time: a million rows never sit in memory.
 */
export async function* readSurvey(file: string, set: QuestionSet, options: SurveyOptions = {}): AsyncGenerator<SurveyEvent> {
  let read: Awaited<ReturnType<typeof fileEncoding>>;
  try {
    const info = await stat(file);
    if (!info.isFile()) {
      yield { kind: "fatal", problems: [{ file, message: `is ${info.isDirectory() ? "a folder" : "not a regular file (a device, pipe or socket)"}; name a CSV file` }] };
      return;
    }
    if (info.size > MAX_CSV_BYTES) {
      const size = `${(info.size / 2 ** 30).toFixed(1)} GB`;
      yield {
        kind: "fatal",
        problems: [{ file, message: `is ${size}; survey exports over 2 GB are refused (streamed, a million rows take about 200 MB): split it in parts and name them all` }],
      };
      return;
    }
    noteInput(file, info);
    read = await fileEncoding(file);
  } catch (error) {
    yield { kind: "fatal", problems: [{ file, message: readFailure(error) }] };
    return;
  }
  if ("problem" in read) {
    yield { kind: "fatal", problems: [{ file, message: `${read.problem}; save the sheet as CSV UTF-8 and name that file` }] };
    return;
  }
  const { encoding, bom } = read;
  const chunks = decodedChunks(file, encoding);
  const first = await chunks.next();
  const head = first.done ? "" : first.value;
  const layout = sniffLayout(head);
  // the first chunk again (less Excel's sep= line), then the rest
  const text = async function* (): AsyncGenerator<string> {
    yield layout.sepLine ? head.replace(/^sep=.\r?\n?/, "") : head;
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
  };
  const records = csvRecords(file, text(), layout.separator, layout.newline, layout.sepLine ? 2 : 1);
  try {
    yield* surveyEvents(file, set, options, { encoding, bom, separator: layout.separator }, records);
  } finally {
    await records.return(undefined);
    await chunks.return(undefined);
  }
}

async function* surveyEvents(
  file: string,
  set: QuestionSet,
  options: SurveyOptions,
  { encoding, bom, separator }: { encoding: Encoding; bom: boolean; separator: Separator },
  records: AsyncGenerator<CsvRecord | Problem>,
): AsyncGenerator<SurveyEvent> {
  const next = async () => {
    const r = await records.next();
    return r.done ? undefined : r.value;
  };
  // the header row, and SurveyMonkey's second one
  const heads: CsvRecord[] = [];
  let pending: CsvRecord | undefined;
  for (;;) {
    const record = await next();
    if (!record) break;
    if (!isRecord(record)) {
      yield { kind: "fatal", problems: [record] };
      return;
    }
    if (!heads.length && record.cells.every((c) => !c.trim())) continue;
    if (heads.length === 1 && !isSubHeader(record.cells)) {
      pending = record;
      break;
    }
    heads.push(record);
    if (heads.length === 2) break;
  }
  const header = heads[0];
  if (!header) {
    yield { kind: "fatal", problems: [{ file, message: "is empty; a survey export has a header row (a column per question) and a row per respondent" }] };
    return;
  }
  const read = readHeader(file, header, set, options);
  const said = [
    ...(encoding === "UTF-8" ? [] : [encodingSaid(encoding, bom)]),
    ...(separator === "," ? [] : [SEPARATOR_NAMES[separator]]),
    ...(heads.length === 2 ? ["second header row (SurveyMonkey's) skipped"] : []),
  ];
  if (read.fatal.length) {
    const headerProblems = { problems: read.fatal.slice(0, MAX_PROBLEMS_KEPT), uncounted: Math.max(0, read.fatal.length - MAX_PROBLEMS_KEPT) + read.uncounted };
    if (!read.readable) {
      // how the file was read explains many a header problem (a wrong encoding, a separator inside headers)
      if (said.length) yield { kind: "notice", text: `${file}: ${said.join("; ")}` };
      yield { kind: "fatal", ...headerProblems };
      return;
    }
    yield { kind: "header", ...headerProblems };
  }
  const listed = (headers: readonly string[], what: string, max = 30) => {
    const more = headers.length > 6 ? ` and ${headers.length - 6} more` : "";
    const names = headers.slice(0, 6).map((h) => quoted(h, max));
    return `${headers.length} ${what}${headers.length === 1 ? "" : "s"}: ${names.join(", ")}${more}`;
  };
  if (read.comments.length) said.push(`read ${listed(read.comments, "column", 60)} as the respondent's comments`);
  if (read.ignored.length) said.push(`ignored ${listed(read.ignored, "metadata column")}`);
  if (read.left.length) said.push(`left out ${listed(read.left, "column")} by --ignore-column`);
  // a folder's exports need not all hold the column: one that is missing is said, not a failure
  for (const wanted of read.unmatched) said.push(`--ignore-column ${quoted(wanted, 40)} names no column here`);
  if (said.length) yield { kind: "notice", text: `${file}: ${said.join("; ")}` };

  const latest = new LatestDay();
  const toRespondent = rowReader(file, read.columns, set, options, latest);
  let respondents = 0;
  let problems = 0;
  const onRecord = (record: CsvRecord): SurveyEvent | undefined => {
    if (record.cells.every((c) => !c.trim())) return undefined;
    const result = toRespondent(record, respondents + problems + 1);
    if ("respondent" in result) {
      respondents++;
      return { kind: "respondent", respondent: result.respondent };
    }
    problems++;
    return { kind: "bad-row", problems: result.problems };
  };
  for (let record = pending ?? (await next()); record; record = await next()) {
    if (!isRecord(record)) {
      yield { kind: "fatal", problems: [record] };
      return;
    }
    const event = onRecord(record);
    if (event) yield event;
  }
  if (!respondents && !problems) yield { kind: "fatal", problems: [{ file, line: 1, col: 1, cell: "row 1", message: "has a header but no rows: no respondents to score" }] };
  const dated = latest.result();
  if (dated) yield { kind: "dated", date: dated };
}

interface Header {
  columns: Column[];
  /** Metadata columns, ignored without being asked. */
  ignored: string[];
  /** Comment columns, read as each respondent's general note. */
  comments: string[];
  /** Columns --ignore-column leaves out, and the --ignore-column headers no column has. */
  left: string[];
  unmatched: string[];
  fatal: Problem[];
  uncounted: number;
  /** Whether any column names a question: then the rows can still be read past the header's problems. */
  readable: boolean;
}

const MAX_SUGGESTIONS = 50;

function readHeader(file: string, header: CsvRecord, set: QuestionSet, options: SurveyOptions): Header {
  const byKey = new Map<string, number>();
  set.questions.forEach((q, i) => {
    const aliases = q.aliases ?? [];
    for (const key of [q.id, q.text, ...aliases].map(headerKey)) if (!byKey.has(key)) byKey.set(key, i);
  });
  const sizeByKey = new Map<string, { stage: string; field: SizeField }>();
  for (const stage of set.stages) {
    for (const [field, ending] of Object.entries(SIZE_FIELDS) as [SizeField, string][]) {
      for (const who of [stage.name, stage.id]) sizeByKey.set(headerKey(`${who}: ${ending}`), { stage: stage.id, field });
    }
  }
  const flagged = new Map<string, "name" | "role" | "client">();
  const problems: Problem[] = [];
  let uncounted = 0;
  const at = (c: number) => ({ file, line: header.row, col: c + 1, cell: `${columnLetter(c)}${header.row}` });
  const keys = header.cells.map(headerKey);
  for (const [flag, kind, wanted] of [
    ["--name-column", "name", options.nameColumn],
    ["--role-column", "role", options.roleColumn],
    ["--client-column", "client", options.clientColumn],
  ] as const) {
    if (wanted === undefined) continue;
    const key = headerKey(wanted);
    if (keys.includes(key)) flagged.set(key, kind);
    else {
      const near = nearest(key, keys.filter(Boolean).slice(0, 10_000));
      const hint = near === undefined ? "" : `; did you mean ${quoted(header.cells[keys.indexOf(near)]!)}?`;
      problems.push({ file, line: 1, col: 1, cell: "row 1", message: `${flag} ${quoted(wanted)}: the header has no such column${hint}` });
    }
  }

  const leaveOut = new Map((options.ignoreColumns ?? []).map((wanted) => [headerKey(wanted), wanted]));
  const left: string[] = [];
  const columns: Column[] = [];
  const ignored: string[] = [];
  const comments: string[] = [];
  const seen = new Map<string, number>();
  const singles = new Set<string>();
  // near-miss headers are matched against every question's text and id
  const candidates = set.questions.flatMap((q) => [q.text, q.id]);
  const candidateKeys = candidates.map(headerKey);
  let suggested = 0;
  header.cells.forEach((raw, c) => {
    const text = raw.trim();
    const key = keys[c]!;
    const question = byKey.get(key);
    const role = flagged.get(key);
    const size = sizeByKey.get(key);
    let column: Column;
    if (leaveOut.has(key)) {
      // asked for by name: left out whatever the column is, a question's too
      left.push(text);
      columns.push({ kind: "ignored", header: text });
      return;
    }
    if (role) column = { kind: role, header: text };
    else if (question !== undefined) column = { kind: "question", question, header: text };
    else if (size) column = { kind: "size", ...size, header: text };
    else if (NAME_HEADERS.has(key)) column = { kind: singles.has("name") ? "ignored" : "name", header: text };
    else if (FIRST_NAME_HEADERS.has(key)) column = { kind: "first-name", header: text };
    else if (LAST_NAME_HEADERS.has(key)) column = { kind: "last-name", header: text };
    else if (ROLE_HEADERS.has(key)) column = { kind: singles.has("role") ? "ignored" : "role", header: text };
    else if (CLIENT_HEADERS.has(key)) column = { kind: singles.has("client") ? "ignored" : "client", header: text };
    else if (isMetadataHeader(key)) column = { kind: TIME_HEADER.test(key) ? "time" : "ignored", header: text };
    else if (isCommentHeader(key)) column = { kind: "comment", header: text };
    else if (!key) {
      // a column with no header and (SurveyMonkey's) options under it: nothing this set asks
      column = { kind: "ignored", header: `column ${columnLetter(c)}` };
    } else {
      if (problems.length >= MAX_PROBLEMS_KEPT) uncounted++;
      else {
        const near = suggested++ < MAX_SUGGESTIONS ? nearest(key, candidateKeys) : undefined;
        const hint =
          near === undefined
            ? `; head it with a question's text or id (automation-fit template --format csv prints them), or leave it out: add --ignore-column ${shellQuote(text)}`
            : `; did you mean ${quoted(candidates[candidateKeys.indexOf(near)]!, 80)}?`;
        problems.push({ ...at(c), message: `(header ${shortHeader(text)}) is not a question of the set${hint}` });
      }
      columns.push({ kind: "ignored", header: text });
      return;
    }
    if (column.kind === "name" || column.kind === "role" || column.kind === "client") singles.add(column.kind);
    if (column.kind === "question") {
      const id = set.questions[column.question]!.id;
      const before = seen.get(id);
      if (before !== undefined && problems.length < MAX_PROBLEMS_KEPT) {
        problems.push({ ...at(c), message: `(header ${shortHeader(text)}) asks the same question as column ${columnLetter(before)}; keep one of them` });
      }
      seen.set(id, c);
    }
    if (column.kind === "ignored" || column.kind === "time") ignored.push(text);
    if (column.kind === "comment") comments.push(text);
    columns.push(column);
  });
  if (!seen.size && header.cells.length === 1) {
    problems.splice(0, problems.length, { ...at(0), message: "the header is one cell: no comma, semicolon or tab separates the columns; save the sheet as CSV" });
  } else if (!problems.length && !seen.size) {
    problems.push({
      ...at(0),
      message: "the header names no question of the set; head a column per question with its text or id (automation-fit template --format csv prints them)",
    });
  }
  const matched = new Set(left.map(headerKey));
  const unmatched = [...leaveOut].filter(([key]) => !matched.has(key)).map(([, wanted]) => wanted);
  return { columns, ignored, comments, left, unmatched, fatal: problems, uncounted, readable: seen.size > 0 };
}

function rowReader(file: string, columns: readonly Column[], set: QuestionSet, options: SurveyOptions, latest: LatestDay) {
  const scaleIndex = scaleIndexOf(set);
  const byLabel = new Map<string, number>();
  set.scale.forEach((o, i) => {
    for (const key of [o.value, o.label].map(headerKey)) if (!byLabel.has(key)) byLabel.set(key, i);
  });
  // a sheet holds a handful of distinct answers a million times: each is normalised once
  // (a short list compared with === beats a Map here: a cell's fresh string would be hashed for every lookup)
  const seenText: string[] = [];
  const seenOption: (number | undefined)[] = [];
  const optionOf = (value: string): number | undefined => {
    for (let k = 0; k < seenText.length; k++) if (seenText[k] === value) return seenOption[k];
    const option = scaleIndex.get(value) ?? byLabel.get(headerKey(value));
    if (seenText.length < 32) {
      seenText.push(value);
      seenOption.push(option);
    }
    return option;
  };
  const labels = set.scale.map((o) => o.label);
  const labelKeys = labels.map(headerKey);
  // a bad value tends to repeat down a column: its message is made once
  const messages = new Map<string, string>();
  const notAnAnswer = (header: string, value: string): string => {
    const key = `${header}\u0000${value}`;
    let message = messages.get(key);
    if (message === undefined) {
      const near = nearest(headerKey(value).slice(0, 100), labelKeys);
      const hint = near === undefined ? "" : `; did you mean "${labels[labelKeys.indexOf(near)]}"?`;
      message = `(header ${shortHeader(header)}): ${quoted(value, 40)} is not an answer; use ${labels.join(", ")}${hint}`;
      if (messages.size < 1000) messages.set(key, message);
    }
    return message;
  };
  const width = columns.length;

  return (record: CsvRecord, ordinal: number): { respondent: Respondent } | { problems: Problem[] } => {
    const { cells, row } = record;
    if (cells.length !== width) {
      const count = cells.length;
      return {
        problems: [
          {
            file,
            line: record.line,
            col: 1,
            message: `row ${row} has ${count} cell${count === 1 ? "" : "s"}, the header ${width}; every row needs a cell per column (blank for unanswered)`,
          },
        ],
      };
    }
    const problems: Problem[] = [];
    const answers = new Uint8Array(set.questions.length).fill(NO_ANSWER);
    let name = "";
    let first = "";
    let last = "";
    let role = "";
    let client = "";
    const comment: string[] = [];
    let sizing: Record<string, Partial<Record<SizeField, number>>> | undefined;
    const sizeCells = new Map<string, number>();
    for (let c = 0; c < width; c++) {
      const column = columns[c]!;
      const value = cells[c]!.trim();
      if (!value) continue;
      switch (column.kind) {
        case "question": {
          const option = optionOf(value);
          if (option !== undefined) answers[column.question] = option;
          else {
            problems.push({ file, line: row, col: c + 1, cell: `${columnLetter(c)}${row}`, message: notAnAnswer(column.header, value) });
          }
          break;
        }
        case "size": {
          const size = sizeOf(value, column.field);
          if (typeof size === "string") {
            sizeCells.set(column.stage, -1);
            problems.push({ file, line: row, col: c + 1, cell: `${columnLetter(c)}${row}`, message: `(header ${shortHeader(column.header)}): ${quoted(value, 40)} ${size}` });
          } else {
            sizing ??= {};
            sizing[column.stage] = { ...sizing[column.stage], [column.field]: size };
            if (sizeCells.get(column.stage) !== -1) sizeCells.set(column.stage, c);
          }
          break;
        }
        case "name":
          name = value;
          break;
        case "first-name":
          first = value;
          break;
        case "last-name":
          last = value;
          break;
        case "role":
          role = value;
          break;
        case "client":
          client = value;
          break;
        case "time":
          latest.add(value, column.header);
          break;
        case "comment":
          // a comment box keeps its line breaks: reports show it as one line
          comment.push(value.replace(/\s+/g, " "));
          break;
      }
    }
    // a stage is sized by both its cells, as in an answers file (a stage with a bad cell is told that already: -1)
    for (const [stage, size] of Object.entries(sizing ?? {})) {
      const missing = (Object.keys(SIZE_FIELDS) as SizeField[]).find((f) => size[f] === undefined);
      const c = sizeCells.get(stage)!;
      if (missing === undefined || c === -1) continue;
      const name = set.stages.find((s) => s.id === stage)!.name;
      problems.push({
        file,
        line: row,
        col: c + 1,
        cell: `${columnLetter(c)}${row}`,
        message: `(header ${shortHeader(columns[c]!.header)}): also fill "${name}: ${SIZE_FIELDS[missing]}", or leave both blank`,
      });
    }
    if (problems.length) return { problems };
    const who = name || [first, last].filter(Boolean).join(" ");
    const forClient = options.client ?? client;
    return {
      respondent: {
        name: who || `Respondent ${ordinal}`,
        ...(who ? {} : { anonymous: true }),
        ...(role ? { role } : {}),
        ...(forClient ? { client: forClient } : {}),
        file,
        line: row,
        answers,
        ...(comment.length ? { comment: comment.join(" / ") } : {}),
        ...(sizing ? { sizing: sizing as Respondent["sizing"] } : {}),
      },
    };
  };
}

/** A sizing cell's number, or what is wrong with it; the limits are the answers file's (StageSize). */
function sizeOf(value: string, field: SizeField): number | string {
  const n = /^[+-]?(\d+(\.\d*)?|\.\d+)$/.test(value) ? Number(value) : Number.NaN;
  const example = field === "minutes" ? "a number of minutes, like 15" : "a number, like 40";
  if (Number.isNaN(n)) return `is not a number; write ${example}, or leave it blank`;
  if (n < 0) return "cannot be below 0";
  const max = field === "minutes" ? 100_000 : 10_000_000;
  return n > max ? `is over ${max.toLocaleString("en-US")}, the most it can be` : n;
}

/**
 * A sheet's header row for a form tool: name and role, each question's text, then each stage's optional sizing columns;
 * Papa quotes what needs it and defuses formulae.
 */
export function csvHeader(set: QuestionSet): string {
  const sizing = set.stages.flatMap((s) => Object.values(SIZE_FIELDS).map((ending) => `${s.name}: ${ending}`));
  return `${Papa.unparse([["Name", "Role", ...set.questions.map((q) => q.text), ...sizing]], { escapeFormulae: true, newline: "\r\n" })}\r\n`;
}
