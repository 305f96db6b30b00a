import { Command } from "commander";
import { formatOption, outputOptions, withSetOption } from "../options.js";

export const COMPARE_FORMATS = ["terminal", "markdown", "json", "html"] as const;

export const compare = outputOptions(
  withSetOption(
    new Command("compare")
      .description("show progress between two assessments: scores and verdicts then and now, and the answers that moved them")
      .argument("<before>", "the earlier answers file, or a report saved with 'report --format json'")
      .argument("<after>", "the later answers file, or a saved JSON report")
      .addOption(formatOption(COMPARE_FORMATS, "terminal")),
  ),
).action(async (before: string, after: string, raw: unknown) => (await import("./run.js")).runCompare(before, after, raw));
