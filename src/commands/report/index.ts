import { Command } from "commander";
import { formatOption, outputOptions, withSetOption } from "../options.js";

export const REPORT_FORMATS = ["terminal", "markdown", "json", "html"] as const;

export const report = outputOptions(
  withSetOption(
    new Command("report")
      .description("score answers and print the recommendation for every stage; several respondents make a team report")
      .argument(
        "<answers...>",
        "an answers file (YAML or JSON: answers: {question-id: yes|partly|no|unsure|n/a}); several files, a folder of them or a survey CSV for a team report",
      )
      .addOption(formatOption(REPORT_FORMATS, "terminal"))
      .option("--skip-bad-rows", "team report: score the good respondents and leave out CSV rows or answers files with problems (listed on stderr)", false),
  ),
).action(async (paths: string[], raw: unknown) => (await import("./run.js")).runReport(paths, raw));
