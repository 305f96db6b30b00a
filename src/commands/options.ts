import { type Command, Option } from "commander";
import type * as Z from "../model/option-schema.js";
import { extname } from "node:path";
import { InputError } from "../errors.js";
import { REPORT_FORMATS } from "../report/formats.js";

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
    .option("--client-column <header>", "survey CSV: the column that holds the client's name")
    .option(
      "--ignore-column <header>",
      "survey CSV: leave out this column (one that is neither a question nor metadata, e.g. a department); repeat it for more",
      (header: string, before: string[] = []) => [...before, header],
    );

export const surveyShape = (z: Zod) => ({
  client: z.optional(z.string()),
  nameColumn: z.optional(z.string()),
  roleColumn: z.optional(z.string()),
  clientColumn: z.optional(z.string()),
  ignoreColumn: z.optional(z.array(z.string())),
});

/** The survey options as the survey reader takes them. */
export function surveyOf(options: { client?: string; nameColumn?: string; roleColumn?: string; clientColumn?: string; ignoreColumn?: string[] }) {
  const { client, nameColumn, roleColumn, clientColumn, ignoreColumn } = options;
  return {
    ...(client === undefined ? {} : { client }),
    ...(nameColumn === undefined ? {} : { nameColumn }),
    ...(roleColumn === undefined ? {} : { roleColumn }),
    ...(clientColumn === undefined ? {} : { clientColumn }),
    ...(ignoreColumn === undefined ? {} : { ignoreColumns: ignoreColumn }),
  };
}

/** zod/mini, as an options schema is handed it: each command's schema is a function of it, built on first use, so that
 * the command definitions (and --help) load no zod (its core costs about 4 ms; it loads only for a command's action). */
export type Zod = typeof Z;
/** A command's options schema. */
export type OptionsSchema = (z: Zod) => Z.ZodMiniType;
/** The options an options schema gives. */
export type OptionsOf<S extends OptionsSchema> = Z.infer<ReturnType<S>>;

export const setShape = (z: Zod) => ({ questions: z.optional(z.string()), color: z._default(z.boolean(), true) });
// `--out ''` (an empty shell variable) is a usage error: it was taken as no --out, and the report went to stdout (#15)
const EMPTY_OUT = "empty file name; name the file to write, or leave out --out to print the report";
export const outputShape = (z: Zod) => ({ out: z.optional(z.string().check(z.minLength(1, EMPTY_OUT))), force: z._default(z.boolean(), false) });

/** One of a fixed list of values, e.g. the formats, with a message that names them. */
export function choice<const T extends readonly [string, ...string[]]>(z: Zod, values: T, fallback: T[number]) {
  const error = (issue: { input?: unknown }) => `'${String(issue.input)}' is not one of: ${values.join(", ")}`;
  return z._default(z.enum(values, { error }), fallback);
}

/** Parses a command's raw options; a bad value is a usage error (exit 2), named by its flag. */
export async function parseOptions<S extends OptionsSchema>(schema: S, raw: unknown): Promise<OptionsOf<S>> {
  const parsed = schema(await import("../model/option-schema.js")).safeParse(raw);
  if (parsed.success) return parsed.data as OptionsOf<S>;
  throw new InputError(parsed.error.issues.map((issue) => ({ file: "", message: `option --${issue.path.map(String).join(".")}: ${issue.message}` })));
}

/**
 * --format for a report written with --out: no default in commander, so the schema can tell a format given from none;
 * none follows the --out file's extension (resolveFormat). The help still shows the fallback.
 */
export function reportFormatOption(formats: readonly string[], fallback: string): Option {
  const option = new Option("--format <format>", `output format (default: ${fallback}, or what the --out file's extension names: .md, .json, .html)`);
  option.argChoices = [...formats];
  return option;
}

/** A --format that may be left out: resolveFormat then picks it. */
export function optionalChoice<const T extends readonly [string, ...string[]]>(z: Zod, values: T) {
  const error = (issue: { input?: unknown }) => `'${String(issue.input)}' is not one of: ${values.join(", ")}`;
  return z.optional(z.enum(values, { error }));
}

/** The options report and compare share: the set, the output, survey columns, a report format, front matter, a KPI log. */
export const reportShape = (z: Zod) => ({
  ...setShape(z),
  ...outputShape(z),
  ...surveyShape(z),
  format: optionalChoice(z, REPORT_FORMATS),
  frontMatter: z._default(z.boolean(), false),
  kpis: z.optional(z.string()),
});

const FORMAT_OF_EXTENSION: Record<string, string> = { ".md": "markdown", ".markdown": "markdown", ".json": "json", ".html": "html", ".htm": "html" };
const EXTENSION_OF_FORMAT: Record<string, string> = { markdown: ".md", json: ".json", html: ".html" };
const FILE_KIND: Record<string, string> = { markdown: "a Markdown", json: "a JSON", html: "an HTML" };

/**
 * The format to write: --format when given, else the one the --out file's extension names (.md, .json, .html), else the
 * fallback. A --format the extension contradicts is a usage error (exit 2): `--format json --out report.html`.
 */
export function resolveFormat<F extends string>(given: F | undefined, out: string | undefined, formats: readonly F[], fallback: F): F {
  const extension = out ? extname(out).toLowerCase() : "";
  const named = Object.hasOwn(FORMAT_OF_EXTENSION, extension) ? (FORMAT_OF_EXTENSION[extension] as F) : undefined;
  const implied = named && formats.includes(named) ? named : undefined;
  if (given === undefined) return implied ?? fallback;
  if (implied && implied !== given) {
    const rename = EXTENSION_OF_FORMAT[given] ? `, or name the file ${EXTENSION_OF_FORMAT[given]}` : "";
    throw new InputError([{ file: "", message: `option --format ${given} does not match --out ${out}, which names ${FILE_KIND[implied]} file: leave out --format${rename}` }]);
  }
  return given;
}

export const frontMatterOption = (command: Command): Command =>
  command.option("--front-matter", "Markdown: begin with a YAML front matter (title, author, date) for pandoc, in place of the H1", false);

/** --front-matter goes with Markdown only. */
export function checkFrontMatter(frontMatter: boolean, format: string): void {
  if (frontMatter && format !== "markdown") {
    throw new InputError([{ file: "", message: `option --front-matter is for Markdown, not ${format}: add --format markdown, or name the --out file .md` }]);
  }
}

/** --kpis: a KPI log to show beside the report (report and compare). */
export const kpisOption = (command: Command): Command =>
  command.option("--kpis <file>", "a KPI log (made by 'kpis init'): each KPI's movement since its baseline, and an alarm where one is past its tripwire");

/** Today as YYYY-MM-DD in local time, the day the user is living: a plan's day one and a reading's default date. */
export function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}
