import { Command } from "commander";
import { z } from "zod";
import { loadQuestionSet } from "../load/question-set.js";
import type { QuestionSet } from "../model/question-set.js";
import { terminalSafe } from "../report/text.js";
import { colorWanted, palette } from "../ui/color.js";
import { formatOption, outputOptions, parseOptions, SetOptions, withSetOption } from "./options.js";
import { emit } from "../output.js";

const Options = SetOptions.extend({
  format: z.enum(["text", "json"]).default("text"),
  out: z.string().optional(),
  force: z.boolean().default(false),
});

export const questions = outputOptions(
  withSetOption(
    new Command("questions")
      .description("list the stages and questions of the question set")
      .addOption(formatOption(["text", "json"], "text")),
  ),
).action(async (raw: unknown) => {
  const options = parseOptions(Options, raw);
  const set = await loadQuestionSet(options.questions);
  const text =
    options.format === "json"
      ? `${JSON.stringify(set, null, 2)}\n`
      : listQuestions(set, !options.out && colorWanted(process.stdout, process.env, options.color));
  await emit(text, options.out, options.force);
});

export function listQuestions(set: QuestionSet, color: boolean): string {
  const c = palette(color);
  const lines = [c.bold(terminalSafe(set.set.name)), `${set.stages.length} stages, ${set.questions.length} questions; answers: ${set.scale.map((o) => o.value).join(", ")}`, ""];
  for (const stage of set.stages) {
    lines.push(`${c.bold(terminalSafe(stage.name))} (${stage.id})`, `  ${terminalSafe(stage.description)}`);
    for (const q of set.questions) {
      const weight = q.stages[stage.id];
      if (!weight) continue;
      const signal = q.signal === "automate" ? c.green("automate") : c.magenta("human   ");
      lines.push(`  ${signal} x${weight}  ${terminalSafe(q.text)}  ${c.dim(q.id)}`);
    }
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
