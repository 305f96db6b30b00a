import { basename } from "node:path";
import type { Problem } from "../errors.js";
import type { QuestionSet } from "../model/question-set.js";
import { NO_ANSWER, scaleIndexOf, type Respondent } from "../score/aggregate.js";
import { didYouMean } from "../suggest.js";

export interface CsvRecord {
  /** Line where the record starts (1-based). */
  line: number;
  cells: string[];
  /** Where a cell starts; a quoted cell may span lines. */
  at(cell: number): { line: number; col: number };
}

const [QUOTE, COMMA, LF, CR] = [34, 44, 10, 13];
const endsCell = (ch: number) => ch === COMMA || ch === LF || ch === CR;

/**
 * RFC 4180 CSV: commas, quoted cells with "" for a quote, line breaks (LF, CRLF or CR) inside quotes; a leading BOM is
 * dropped and blank lines are skipped. A quote inside an unquoted cell is kept as written, as spreadsheets read it.
 * Records go to `onRecord` one by one, so a large file is never held as rows.
 */
export function parseCsv(file: string, input: string, onRecord: (record: CsvRecord) => void): Problem[] {
  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const problems: Problem[] = [];
  const lineStarts = [0];
  const position = (offset: number) => {
    let [lo, hi] = [0, lineStarts.length - 1];
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, col: offset - lineStarts[lo]! + 1 };
  };
  const lineBreak = (at: number): number => {
    const size = text.charCodeAt(at) === CR && text.charCodeAt(at + 1) === LF ? 2 : 1;
    lineStarts.push(at + size);
    return size;
  };
  const n = text.length;
  let i = 0;

  while (i < n) {
    const line = lineStarts.length;
    const cells: string[] = [];
    const starts: number[] = [];
    for (;;) {
      const start = i;
      starts.push(start);
      let cell = "";
      if (text.charCodeAt(i) === QUOTE) {
        let from = ++i;
        let closed = false;
        while (i < n) {
          const ch = text.charCodeAt(i);
          if (ch === QUOTE) {
            cell += text.slice(from, i);
            if (text.charCodeAt(i + 1) === QUOTE) {
              cell += '"';
              from = i += 2;
              continue;
            }
            i++;
            closed = true;
            break;
          }
          i += ch === LF || ch === CR ? lineBreak(i) : 1;
        }
        if (!closed) {
          problems.push({ file, ...position(start), message: 'a quoted cell starts here and is never closed; add the closing quote (")' });
        } else if (i < n && !endsCell(text.charCodeAt(i))) {
          const junk = cellEnd(text, i);
          problems.push({
            file,
            ...position(i),
            message: `text after a closing quote ('${text.slice(i, junk)}'); put the whole cell in quotes and double any quote inside it ("")`,
          });
          i = junk;
        }
      } else {
        const end = cellEnd(text, i);
        cell = text.slice(i, end);
        i = end;
      }
      cells.push(cell);
      if (text.charCodeAt(i) !== COMMA) break;
      i++;
    }
    if (i < n) i += lineBreak(i);
    if (cells.length > 1 || cells[0] !== "") onRecord({ line, cells, at: (c) => position(starts[c] ?? starts[0]!) });
  }
  return problems;
}

function cellEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && !endsCell(text.charCodeAt(i))) i++;
  return i;
}

/** One CSV row: quotes a cell only when it needs them. */
export function csvRow(cells: readonly string[]): string {
  return cells.map((c) => (/[",\r\n]/.test(c) || /^\s|\s$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(",");
}

export const RESPONDENT_COLUMN = "respondent";
export const ROLE_COLUMN = "role";

export interface CsvAnswers {
  respondents: Respondent[];
  /** Problems of the header or the file as a whole: nothing can be scored. */
  fatal: Problem[];
  /** Problems of single rows, by the row's line. */
  badRows: Map<number, Problem[]>;
  rows: number;
}

type Column = number | typeof RESPONDENT_COLUMN | typeof ROLE_COLUMN;

const normal = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase();

/**
 * Reads a survey export: one row per respondent, a column per question (headed by its id, or its text as a form
 * tool writes it), optional respondent and role columns. A cell holds a scale value or its label, any case; blank is unanswered.
 */
export function csvAnswers(file: string, text: string, set: QuestionSet): CsvAnswers {
  const result: CsvAnswers = { respondents: [], fatal: [], badRows: new Map(), rows: 0 };
  let readRow: ((record: CsvRecord) => void) | undefined;
  let headed = false;
  const problems = parseCsv(file, text, (record) => {
    if (headed) readRow?.(record);
    else [headed, readRow] = [true, rowReader(file, record, set, result)];
  });
  // A quote error makes every later cell suspect: the file is refused as a whole.
  if (problems.length) result.fatal.splice(0, result.fatal.length, ...problems);
  else if (!headed) result.fatal.push({ file, message: "is empty; a survey export has a header row (respondent,role,<question ids>) and a row per respondent" });
  else if (readRow && result.rows === 0) result.fatal.push({ file, line: 1, col: 1, message: "has a header but no rows: no respondents to score" });
  if (result.fatal.length) return { ...result, respondents: [], badRows: new Map() };
  return result;
}

/** Reads the header; the reader of the rows under it, or undefined when the header has problems (in result.fatal). */
function rowReader(file: string, head: CsvRecord, set: QuestionSet, result: CsvAnswers): ((record: CsvRecord) => void) | undefined {
  const byKey = new Map<string, number>();
  set.questions.forEach((q, i) => {
    byKey.set(normal(q.text), i);
    byKey.set(q.id, i);
  });
  const known = [RESPONDENT_COLUMN, ROLE_COLUMN, ...set.questions.map((q) => q.id)];
  const columns: Column[] = [];
  const seen = new Map<string, number>();
  head.cells.forEach((raw, c) => {
    const key = normal(raw);
    const column: Column | undefined = key === RESPONDENT_COLUMN || key === ROLE_COLUMN ? key : (byKey.get(raw.trim()) ?? byKey.get(key));
    if (column === undefined) {
      const message = key
        ? `unknown column '${raw.trim()}'${didYouMean(raw.trim(), known) || "; head it with a question id (automation-fit template --format csv prints them), respondent or role, or delete the column"}`
        : `column ${c + 1} has no header; head it with a question id, or delete it`;
      result.fatal.push({ file, ...head.at(c), message });
      return;
    }
    const id = typeof column === "number" ? set.questions[column]!.id : column;
    const first = seen.get(id);
    if (first !== undefined) result.fatal.push({ file, ...head.at(c), message: `column '${raw.trim()}' repeats column ${first + 1} (${id}); keep one of them` });
    seen.set(id, c);
    columns[c] = column;
  });
  if (head.cells.length === 1 && /[;\t]/.test(head.cells[0]!)) {
    result.fatal.splice(0, result.fatal.length, {
      file,
      ...head.at(0),
      message: "the header has no commas but has ';' or tabs; save the sheet as comma-separated values (CSV UTF-8)",
    });
  } else if (!result.fatal.length && !columns.some((c) => typeof c === "number")) {
    result.fatal.push({ file, ...head.at(0), message: "the header names no question; add a column per question id (automation-fit template --format csv prints them)" });
  }
  if (result.fatal.length) return undefined;

  const scaleIndex = scaleIndexOf(set);
  const byLabel = new Map<string, number>();
  set.scale.forEach((o, i) => {
    byLabel.set(normal(o.label), i);
    byLabel.set(normal(o.value), i);
  });
  const values = set.scale.map((o) => o.value);
  const width = head.cells.length;
  const name = basename(file);

  return (record) => {
    result.rows++;
    if (record.cells.length !== width) {
      const count = record.cells.length;
      result.badRows.set(record.line, [
        {
          file,
          line: record.line,
          col: 1,
          message: `has ${count} cell${count === 1 ? "" : "s"}, the header has ${width}; every row needs a cell per column (blank for unanswered)`,
        },
      ]);
      return;
    }
    const problems: Problem[] = [];
    const answers = new Uint8Array(set.questions.length).fill(NO_ANSWER);
    let respondent = "";
    let role = "";
    record.cells.forEach((cell, c) => {
      const column = columns[c]!;
      const value = cell.trim();
      if (column === RESPONDENT_COLUMN) respondent = value;
      else if (column === ROLE_COLUMN) role = value;
      else if (value) {
        const option = scaleIndex.get(value) ?? byLabel.get(normal(value));
        if (option !== undefined) answers[column] = option;
        else {
          const hint = didYouMean(value, values) || `; use one of: ${values.join(", ")}`;
          problems.push({ file, ...record.at(c), message: `'${value}' in column '${set.questions[column]!.id}' is not on the scale${hint}` });
        }
      }
    });
    if (problems.length) result.badRows.set(record.line, problems);
    else result.respondents.push({ name: respondent || `${name}:${record.line}`, ...(role ? { role } : {}), file, line: record.line, answers });
  };
}
