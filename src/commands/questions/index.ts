import { Command } from "commander";
import { formatOption, outputOptions, withSetOption } from "../options.js";

export const QUESTIONS_FORMATS = ["text", "json"] as const;

export const questions = outputOptions(
  withSetOption(new Command("questions").description("list the stages and questions of the question set").addOption(formatOption(QUESTIONS_FORMATS, "text"))),
).action(async (raw: unknown) => (await import("./run.js")).runQuestions(raw));
