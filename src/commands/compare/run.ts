import { z } from "zod";
import { byPosition, formatProblem, InputError, type Problem } from "../../errors.js";
import { checkAnswers } from "../../load/answers.js";
import { loadQuestionSet } from "../../load/question-set.js";
import { readProgressFile } from "../../load/report.js";
import type { QuestionSet } from "../../model/question-set.js";
import { emit } from "../../output.js";
import { renderCompareMarkdown } from "../../report/compare-markdown.js";
import { renderCompareHtml } from "../../report/html.js";
import { renderCompareTerminal } from "../../report/compare-terminal.js";
import { renderJson } from "../../report/json.js";
import { compare, type Comparison, type ProgressInput } from "../../score/compare.js";
import { assess } from "../../score/score.js";
import { colorWanted } from "../../ui/color.js";
import { OutputOptions, parseOptions, SetOptions } from "../parse-options.js";
import { COMPARE_FORMATS } from "./index.js";

const Options = SetOptions.extend(OutputOptions.shape).extend({ format: z.enum(COMPARE_FORMATS).default("terminal") });

export async function runCompare(before: string, after: string, raw: unknown): Promise<void> {
  const options = parseOptions(Options, raw);
  const reads = await Promise.all([before, after].map(readProgressFile));
  const problems: Problem[] = reads.flatMap((r) => r.problems);
  let set: QuestionSet | undefined;
  if (reads.some((r) => r.value?.kind === "answers")) set = await collect(problems, () => loadQuestionSet(options.questions));

  const inputs: ProgressInput[] = [];
  for (const [i, read] of reads.entries()) {
    const file = i === 0 ? before : after;
    if (read.value?.kind === "report") inputs.push({ file, kind: "report", assessment: read.value.report });
    else if (read.value?.kind === "answers" && set) {
      const source = read.value.source;
      const answers = await collect(problems, async () => checkAnswers(source, set));
      if (answers) inputs.push({ file, kind: "answers", assessment: assess(set, answers), answers });
    }
  }
  const [then, now] = inputs;
  // the same file on both sides would report each problem twice
  const unique = [...new Map(problems.map((p) => [formatProblem(p), p])).values()];
  if (unique.length || !then || !now) throw new InputError(unique.sort(byPosition));

  const color = !options.out && colorWanted(process.stdout, process.env, options.color);
  await emit(renderComparison(compare(then, now, set), options.format, color), options.out, options.force);
}

async function collect<T>(problems: Problem[], work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}

export function renderComparison(c: Comparison, format: (typeof COMPARE_FORMATS)[number], color: boolean): string {
  if (format === "json") return renderJson(c);
  if (format === "markdown") return renderCompareMarkdown(c);
  if (format === "html") return renderCompareHtml(c);
  return renderCompareTerminal(c, { color, width: Math.min(process.stdout.columns || 80, 100) });
}
