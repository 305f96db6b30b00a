import { Command } from "commander";
import { formatOption, outputOptions, withSetOption } from "../options.js";

export const TEMPLATE_FORMATS = ["yaml", "csv"] as const;

export const template = outputOptions(
  withSetOption(
    new Command("template")
      .description("print a blank answers file (yaml) or the header row of a survey sheet (csv) for the question set")
      .addOption(formatOption(TEMPLATE_FORMATS, "yaml")),
  ),
).action(async (raw: unknown) => (await import("./run.js")).runTemplate(raw));
