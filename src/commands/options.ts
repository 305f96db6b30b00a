import { Option, type Command } from "commander";

/** Options every command shares; added to each command so they may stand anywhere on the line. */
export function withSetOption(command: Command): Command {
  return command
    .option("--questions <path>", "use this question set (a YAML file or a folder) instead of the built-in one")
    .option("--no-color", "never colour the output (NO_COLOR is honoured too)");
}

export const formatOption = (formats: readonly string[], fallback: string) => new Option("--format <format>", "output format").choices(formats).default(fallback);

export const outputOptions = (command: Command): Command =>
  command.option("-o, --out <file>", "write to this file instead of stdout (atomically)").option("--force", "replace the --out file if it exists", false);
