import { type Command, Option } from "commander";
import { z } from "zod/mini";
import { InputError } from "../errors.js";

/** Options every command shares; added to each command so they may stand anywhere on the line. */
export function withSetOption(command: Command): Command {
  return command
    .option("--questions <path>", "use this question set (a YAML file or a folder) instead of the built-in one")
    .option("--no-color", "never colour the output (NO_COLOR is honoured too)");
}

export const outputOptions = (command: Command): Command =>
  command.option("-o, --out <file>", "write to this file instead of stdout (atomically)").option("--force", "replace the --out file if it exists", false);

/** --format: its choices shown in the help as commander shows them, and checked by the command's schema alone (not by .choices()). */
export function formatOption(formats: readonly string[], fallback: string): Option {
  const option = new Option("--format <format>", "output format").default(fallback);
  option.argChoices = [...formats];
  return option;
}

/** How to read survey exports: who the client is, and the columns that name the respondent, role and client. */
export const surveyOptions = (command: Command): Command =>
  command
    .option("--client <name>", "the client assessed: names the report (over any client in the answers or a client column)")
    .option("--name-column <header>", "survey CSV: the column that holds each respondent's name")
    .option("--role-column <header>", "survey CSV: the column that holds each respondent's role")
    .option("--client-column <header>", "survey CSV: the column that holds the client's name");

export const SURVEY_OPTIONS = {
  client: z.optional(z.string()),
  nameColumn: z.optional(z.string()),
  roleColumn: z.optional(z.string()),
  clientColumn: z.optional(z.string()),
};

/** The survey options as the survey reader takes them. */
export function surveyOf(options: { client?: string; nameColumn?: string; roleColumn?: string; clientColumn?: string }) {
  const { client, nameColumn, roleColumn, clientColumn } = options;
  return {
    ...(client === undefined ? {} : { client }),
    ...(nameColumn === undefined ? {} : { nameColumn }),
    ...(roleColumn === undefined ? {} : { roleColumn }),
    ...(clientColumn === undefined ? {} : { clientColumn }),
  };
}

export const SET_OPTIONS = { questions: z.optional(z.string()), color: z._default(z.boolean(), true) };
export const OUTPUT_OPTIONS = { out: z.optional(z.string()), force: z._default(z.boolean(), false) };

/** One of a fixed list of values, e.g. the formats, with a message that names them. */
export function choice<const T extends readonly [string, ...string[]]>(values: T, fallback: T[number]) {
  const error = (issue: { input?: unknown }) => `'${String(issue.input)}' is not one of: ${values.join(", ")}`;
  return z._default(z.enum(values, { error }), fallback);
}

/** Parses a command's raw options; a bad value is a usage error (exit 2), named by its flag. */
export function parseOptions<T extends z.ZodMiniType>(schema: T, raw: unknown): z.infer<T> {
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  throw new InputError(parsed.error.issues.map((issue) => ({ file: "", message: `option --${issue.path.map(String).join(".")}: ${issue.message}` })));
}
