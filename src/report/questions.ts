import type { QuestionSet } from "../model/question-set.js";
import { terminalSafe, terminalText, wrapText } from "../text.js";
import { palette } from "../ui/palette.js";

/** The stages and questions of a set, as `automation-fit questions` lists them. */
export function listQuestions(set: QuestionSet, color: boolean, width = 80): string {
  const c = palette(color);
  const lines = [
    ...wrapText(set.set.name, width, "", "", c.bold),
    `${set.stages.length} stages, ${set.questions.length} questions; answers: ${set.scale.map((o) => terminalSafe(o.value)).join(", ")}`,
  ];
  for (const stage of set.stages) {
    lines.push("", ...wrapText(`${stage.name} (${stage.id})`, width, "", "", c.bold), ...wrapText(stage.description, width, "  "));
    for (const q of set.questions) {
      const weight = q.stages[stage.id];
      if (!weight) continue;
      const signal = q.signal === "automate" ? c.green("automate") : c.blueBright("human   ");
      lines.push(`  ${signal} x${weight}  ${c.dim(terminalSafe(q.id))}`, ...wrapText(q.text, width, "               "));
    }
  }
  return terminalText(`${lines.join("\n")}\n`);
}
