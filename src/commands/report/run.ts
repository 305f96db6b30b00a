import { z } from "zod";
import { loadAnswers } from "../../load/answers.js";
import { loadQuestionSet } from "../../load/question-set.js";
import type { Assessment } from "../../model/assessment.js";
import { emit } from "../../output.js";
import { renderJson } from "../../report/json.js";
import { renderMarkdown } from "../../report/markdown.js";
import { renderTerminal } from "../../report/terminal.js";
import { assess } from "../../score/score.js";
import { colorWanted } from "../../ui/color.js";
import { OutputOptions, parseOptions, SetOptions } from "../parse-options.js";
import { REPORT_FORMATS } from "./index.js";

export type ReportFormat = (typeof REPORT_FORMATS)[number];

const Options = SetOptions.extend(OutputOptions.shape).extend({ format: z.enum(REPORT_FORMATS).default("terminal") });

export async function runReport(file: string, raw: unknown): Promise<void> {
  const options = parseOptions(Options, raw);
  const set = await loadQuestionSet(options.questions);
  const answers = await loadAnswers(file, set);
  const color = !options.out && colorWanted(process.stdout, process.env, options.color);
  await emit(renderAssessment(assess(set, answers), options.format, color), options.out, options.force);
}

export function renderAssessment(assessment: Assessment, format: ReportFormat, color: boolean): string {
  if (format === "json") return renderJson(assessment);
  if (format === "markdown") return renderMarkdown(assessment);
  return renderTerminal(assessment, { color, width: Math.min(process.stdout.columns || 80, 100) });
}
