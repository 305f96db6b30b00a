import { terminalSafe, wrapMessage } from "./text.js";

/** One thing wrong with an input file, at a position when the file has one. */
export interface Problem {
  file: string;
  line?: number;
  col?: number;
  /** A spreadsheet's own place for it ("C4", "row 4"), shown instead of line and column: what the user sees in the sheet. */
  cell?: string;
  message: string;
}

/** At most this many problems are shown; the rest are counted ("and 99,980 more"). */
export const MAX_PROBLEMS_SHOWN = 20;
/** A problem's line is cut to this many characters: a 60 MB cell is not echoed. */
const MAX_PROBLEM_CHARS = 400;

/** What a loader gives back: the value when the input is good, else every problem found. Loaders never throw bad input. */
export interface Loaded<T> {
  value?: T;
  problems: Problem[];
  /** Problems found past the first few hundred: counted, not described. */
  uncounted?: number;
}

/** A failed load's problems (and count of the rest), handed on as the result of the loader that called it. */
export function problemsOf(loaded: Loaded<unknown>): Loaded<never> {
  return { problems: loaded.problems, uncounted: loaded.uncounted };
}

/** The value of a good input, or the one InputError carrying every problem: how a command stops on bad input. */
export function orThrow<T>(loaded: Loaded<T>): T {
  if (loaded.problems.length || loaded.value === undefined) throw new InputError(loaded.problems, loaded.uncounted);
  return loaded.value;
}

/** Bad input or usage: the user can mend it. Exit code 2. */
export class InputError extends Error {
  readonly problems: Problem[];
  /** Problems found but not kept (a loader stops collecting after a few hundred). */
  readonly uncounted: number;
  constructor(problems: Problem[] | string, uncounted = 0) {
    const list = typeof problems === "string" ? [{ file: "", message: problems }] : problems;
    super(formatProblems(list, uncounted));
    this.name = "InputError";
    this.problems = list;
    this.uncounted = uncounted;
  }
}

/**
 * The first problems, one a line, then how many more there are. With a width (stderr is a terminal), each wrapped at it,
 * its location whole at the start and its continuations indented; without, one line each, for logs and scripts.
 */
export function formatProblems(problems: readonly Problem[], uncounted = 0, max = MAX_PROBLEMS_SHOWN, width?: number): string {
  const lines = problems.slice(0, max).map((p) => problemText(p, width));
  const more = problems.length - lines.length + uncounted;
  if (more > 0) lines.push(wrapMessage(`... and ${more.toLocaleString("en-US")} more problem${more === 1 ? "" : "s"}`, width, "  "));
  return lines.join("\n");
}

/** `FILE:LINE:COL message`, made terminal-safe: names and values in messages come from files. */
export function formatProblem(p: Problem): string {
  return problemText(p);
}

/** A problem as formatProblem has it, wrapped at `width` if given (formatProblem takes none: `problems.map(formatProblem)` hands it an index). */
function problemText(p: Problem, width?: number): string {
  if (!p.file) return wrapMessage(terminalSafeLines(p.message), width, "  ");
  const where = p.cell !== undefined ? `${p.file}:${p.cell}` : p.line === undefined ? p.file : `${p.file}:${p.line}:${p.col ?? 1}`;
  return wrapMessage(terminalSafeLines(cut(`${where} ${p.message}`, MAX_PROBLEM_CHARS)), width, "  ", where);
}

/** Text cut to `max` characters, with "..." where it was cut. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}

function terminalSafeLines(text: string): string {
  return text.split("\n").map(terminalSafe).join("\n");
}

export function byPosition(a: Problem, b: Problem): number {
  return a.file.localeCompare(b.file) || (a.line ?? 0) - (b.line ?? 0) || (a.col ?? 0) - (b.col ?? 0);
}

/** Why a file could not be read, in words. */
export function readFailure(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") return "no such file or folder";
  if (code === "EACCES" || code === "EPERM") return "cannot be read: permission denied";
  if (code === "EISDIR") return "is a folder; name a file";
  if (code === "ENOTDIR") return "no such file or folder (a part of the path is a file)";
  if (code === "ELOOP") return "is a symbolic link that loops (it leads back to itself); point it at a file";
  return `cannot be read: ${(error as Error).message}`;
}

/** The user stopped (Ctrl-C), or a signal did (SIGTERM 143, SIGHUP 129); the message says what was kept and how to go on. */
export class Interrupted extends Error {
  constructor(
    message: string,
    readonly exitCode = 130,
  ) {
    super(message);
    this.name = "Interrupted";
  }
}
