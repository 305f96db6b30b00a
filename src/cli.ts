import { Command, CommanderError } from "commander";
import { assess } from "./commands/assess.js";
import { compare } from "./commands/compare.js";
import { glossary } from "./commands/glossary.js";
import { init } from "./commands/init.js";
import { kpis } from "./commands/kpis.js";
import { questions } from "./commands/questions.js";
import { report } from "./commands/report.js";
import { template } from "./commands/template.js";
import { validate } from "./commands/validate.js";
import { formatProblems, InputError, Interrupted, MAX_PROBLEMS_SHOWN, readFailure } from "./errors.js";
import { stderrWidth, wrapMessage } from "./text.js";

export const EXIT = { ok: 0, unexpected: 1, usage: 2, interrupted: 130 } as const;

const VERSION = "0.1.0";

/** --version was given: main() prints both versions, which takes loading the built-in set (commander's .version() is synchronous). */
class VersionWanted extends Error {}

export function program(): Command {
  const cli = new Command("automation-fit")
    .description("Stage by stage through the customer lifecycle: what to automate, what to keep human, and why.")
    .option("-V, --version", "show the versions: the tool's, and its built-in question set's (the one the reports name)")
    .on("option:version", () => {
      throw new VersionWanted();
    })
    .showHelpAfterError("(add --help for usage)")
    .addCommand(assess)
    .addCommand(report)
    .addCommand(questions)
    .addCommand(validate)
    .addCommand(compare)
    .addCommand(init)
    .addCommand(template)
    .addCommand(kpis)
    .addCommand(glossary)
    .addHelpText(
      "after",
      `
Start here:
  automation-fit assess                       answer the questions, get the report
  automation-fit report answers.yaml          score an answers file
  automation-fit report team/ --format markdown --out report.md
                                              a team report, as a document to hand over
  automation-fit glossary                     the words the reports use, explained`,
    );
  for (const command of [cli, ...cli.commands]) command.exitOverride().showSuggestionAfterError();
  // commander's own usage errors ("unknown option ... (Did you mean ...?)") are wrapped as ours are
  const wrapped = (command: Command): void => {
    command.configureOutput({ outputError: (text, write) => write(wrapMessage(text, stderrWidth(), "  ")) });
    command.commands.forEach(wrapped);
  };
  wrapped(cli);
  return cli;
}

/**
 * The one place that turns failures into messages and exit codes. Where stderr is a terminal, each message is wrapped at
 * its width on word boundaries (locations and commands whole, continuations indented); elsewhere it is printed as made.
 */
export function handleError(error: unknown): number {
  const width = stderrWidth();
  if (error instanceof CommanderError) {
    // commander has already printed its message (or help/version) to the right stream
    return error.exitCode === 0 ? EXIT.ok : EXIT.usage;
  }
  if (error instanceof Interrupted) {
    process.stderr.write(`\n${wrapMessage(error.message, width, "  ")}\n`);
    return error.exitCode;
  }
  if (error instanceof InputError) {
    process.stderr.write(`${formatProblems(error.problems, error.uncounted, MAX_PROBLEMS_SHOWN, width)}\n`);
    return EXIT.usage;
  }
  if (isFileError(error)) {
    // a file or folder of the user's that could not be used (permission, gone): bad input, named, not an unexpected error (F6)
    process.stderr.write(`${formatProblems([{ file: error.path, message: readFailure(error) }], 0, MAX_PROBLEMS_SHOWN, width)}\n`);
    return EXIT.usage;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`${wrapMessage(`automation-fit: unexpected error: ${message}`, width, "  ")}\n`);
  if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write("(set DEBUG=1 for details, and please report it)\n");
  return EXIT.unexpected;
}

const FILE_ERRORS = new Set(["EACCES", "EPERM", "ENOENT", "ENOTDIR", "EISDIR", "ELOOP"]);

function isFileError(error: unknown): error is NodeJS.ErrnoException & { path: string } {
  const e = error as NodeJS.ErrnoException;
  return e instanceof Error && typeof e.path === "string" && FILE_ERRORS.has(e.code ?? "");
}

export async function main(argv: string[] = process.argv): Promise<number> {
  try {
    await program().parseAsync(argv);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof VersionWanted) {
      process.stdout.write(await versions());
      return EXIT.ok;
    }
    return handleError(error);
  }
}

/** "automation-fit 0.1.0" and "question set v2.1.0 (Customer lifecycle ..., built in)", each labelled. */
async function versions(): Promise<string> {
  const tool = `automation-fit ${VERSION}\n`;
  try {
    const [{ loadQuestionSet }, { setVersion }] = await Promise.all([import("./load/question-set.js"), import("./text.js")]);
    const loaded = await loadQuestionSet();
    if (!loaded.value) throw new InputError(loaded.problems);
    const { set } = loaded.value;
    return `${tool}${setVersion(set) ?? "question set without a version"} (${set.name}, built in)\n`;
  } catch (error) {
    return `${tool}question set: the built-in set cannot be read (${error instanceof Error ? error.message.split("\n")[0] : String(error)})\n`;
  }
}

/** The run of the installed binary (bin/automation-fit.js calls it); tests call main() in their own process where the process does not matter. */
export async function start(): Promise<void> {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(EXIT.ok);
  });
  process.exitCode = await main();
}
