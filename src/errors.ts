import { terminalSafe } from "./report/text.js";

/** One thing wrong with an input file, at a position when the file has one. */
export interface Problem {
  file: string;
  line?: number;
  col?: number;
  message: string;
}

/** Bad input or usage: the user can mend it. Exit code 2. */
export class InputError extends Error {
  readonly problems: Problem[];
  constructor(problems: Problem[] | string) {
    const list = typeof problems === "string" ? [{ file: "", message: problems }] : problems;
    super(list.map(formatProblem).join("\n"));
    this.name = "InputError";
    this.problems = list;
  }
}

/** `FILE:LINE:COL message`, made terminal-safe: names and values in messages come from files. */
export function formatProblem(p: Problem): string {
  if (!p.file) return terminalSafeLines(p.message);
  const where = p.line === undefined ? p.file : `${p.file}:${p.line}:${p.col ?? 1}`;
  return terminalSafeLines(`${where} ${p.message}`);
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
  return `cannot be read: ${(error as Error).message}`;
}

/** The user stopped (Ctrl-C); the message says what was kept and how to go on. Exit code 130. */
export class Interrupted extends Error {
  constructor(message: string) {
    super(message);
    this.name = "Interrupted";
  }
}
