import { z } from "zod";
import { loadQuestionSet } from "../../load/question-set.js";
import type { QuestionSet } from "../../model/question-set.js";
import { emit } from "../../output.js";
import { wrapText } from "../../report/terminal.js";
import { terminalSafe } from "../../report/text.js";
import { colorWanted } from "../../ui/color.js";
import { palette } from "../../ui/palette.js";
import { OutputOptions, parseOptions, SetOptions } from "../parse-options.js";
import { QUESTIONS_FORMATS } from "./index.js";

const Options = SetOptions.extend(OutputOptions.shape).extend({ format: z.enum(QUESTIONS_FORMATS).default("text") });

export async function runQuestions(raw: unknown): Promise<void> {
  const options = parseOptions(Options, raw);
  const set = await loadQuestionSet(options.questions);
  const color = !options.out && colorWanted(process.stdout, process.env, options.color);
  const text = options.format === "json" ? `${JSON.stringify(set, null, 2)}\n` : listQuestions(set, color);
  await emit(text, options.out, options.force);
}

export function listQuestions(set: QuestionSet, color: boolean, width = 80): string {
  const c = palette(color);
  const lines = [
    ...wrapText(set.set.name, width, "", "", c.bold),
    `${set.stages.length} stages, ${set.questions.length} questions; answers: ${set.scale.map((o) => o.value).join(", ")}`,
  ];
  for (const stage of set.stages) {
    lines.push("", ...wrapText(`${stage.name} (${stage.id})`, width, "", "", c.bold), ...wrapText(stage.description, width, "  "));
    for (const q of set.questions) {
      const weight = q.stages[stage.id];
      if (!weight) continue;
      const signal = q.signal === "automate" ? c.green("automate") : c.magenta("human   ");
      lines.push(`  ${signal} x${weight}  ${c.dim(terminalSafe(q.id))}`, ...wrapText(q.text, width, "               "));
    }
  }
  return `${lines.join("\n")}\n`;
}
