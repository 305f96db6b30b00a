import { Command } from "commander";
import { z } from "zod/mini";
import { byPosition, formatProblem, InputError, type Problem } from "../errors.js";
import type { QuestionSet } from "../model/question-set.js";
import { REPORT_FORMATS } from "../report/formats.js";
import type { ProgressInput } from "../score/compare.js";
import { choice, formatOption, OUTPUT_OPTIONS, outputOptions, parseOptions, SET_OPTIONS, withSetOption } from "./options.js";

const CompareOptions = z.object({ ...SET_OPTIONS, ...OUTPUT_OPTIONS, format: choice(REPORT_FORMATS, "terminal") });

export const compare = outputOptions(
  withSetOption(
    new Command("compare")
      .description("show progress between two assessments: scores and verdicts then and now, and the answers that moved them")
      .argument("<before>", "the earlier answers file, or a report saved with 'report --format json'")
      .argument("<after>", "the later answers file, or a saved JSON report")
      .addOption(formatOption(REPORT_FORMATS, "terminal")),
  ),
).action(async (before: string, after: string, raw: unknown) => {
  const options = parseOptions(CompareOptions, raw);
  const [{ readProgressFile }, { loadQuestionSet }, { checkAnswers }, { assess }, progress, { render, reportWidth }, { emit }, { colorWanted }] = await Promise.all([
    import("../load/report.js"),
    import("../load/question-set.js"),
    import("../load/answers.js"),
    import("../score/score.js"),
    import("../score/compare.js"),
    import("../report/render.js"),
    import("../output.js"),
    import("../ui/color.js"),
  ]);
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
  await emit(await render(progress.compare(then, now, set), options.format, { color, width: reportWidth(process.stdout) }), options.out, options.force);
});

async function collect<T>(problems: Problem[], work: () => Promise<T>): Promise<T | undefined> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    problems.push(...error.problems);
    return undefined;
  }
}
