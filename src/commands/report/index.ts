import { Command } from "commander";
import { formatOption, outputOptions, withSetOption } from "../options.js";

export const REPORT_FORMATS = ["terminal", "markdown", "json"] as const;

export const report = outputOptions(
  withSetOption(
    new Command("report")
      .description("score an answers file (YAML or JSON) and print the recommendation for every stage")
      .argument("<answers>", "answers file: answers: {question-id: yes|partly|no|unsure|n/a}")
      .addOption(formatOption(REPORT_FORMATS, "terminal")),
  ),
).action(async (file: string, raw: unknown) => (await import("./run.js")).runReport(file, raw));
