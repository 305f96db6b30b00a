import { Command } from "commander";
import { z } from "zod";
import { loadAnswers } from "../load/answers.js";
import { loadQuestionSet } from "../load/question-set.js";
import type { Assessment } from "../model/assessment.js";
import { emit } from "../output.js";
import { renderJson } from "../report/json.js";
import { renderMarkdown } from "../report/markdown.js";
import { renderTerminal } from "../report/terminal.js";
import { assess } from "../score/score.js";
import { colorWanted } from "../ui/color.js";
import { formatOption, outputOptions, parseOptions, SetOptions, withSetOption } from "./options.js";

export const REPORT_FORMATS = ["terminal", "markdown", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const Options = SetOptions.extend({
  format: z.enum(REPORT_FORMATS).default("terminal"),
  out: z.string().optional(),
  force: z.boolean().default(false),
});

export function renderAssessment(assessment: Assessment, format: ReportFormat, color: boolean): string {
  if (format === "json") return renderJson(assessment);
  if (format === "markdown") return renderMarkdown(assessment);
  return renderTerminal(assessment, { color, width: Math.min(process.stdout.columns || 80, 100) });
}

export const report = outputOptions(
  withSetOption(
    new Command("report")
      .description("score an answers file (YAML or JSON) and print the recommendation for every stage")
      .argument("<answers>", "answers file: answers: {question-id: yes|partly|no|unsure|n/a}")
      .addOption(formatOption(REPORT_FORMATS, "terminal")),
  ),
).action(async (file: string, raw: unknown) => {
  const options = parseOptions(Options, raw);
  const set = await loadQuestionSet(options.questions);
  const answers = await loadAnswers(file, set);
  const color = !options.out && colorWanted(process.stdout, process.env, options.color);
  await emit(renderAssessment(assess(set, answers), options.format, color), options.out, options.force);
});
