import { csvHeader } from "../load/csv.js";
import type { QuestionSet } from "../model/question-set.js";
import { setLabel, terminalSafe } from "../text.js";

/** The header row of a survey sheet as a form tool writes it: a row per respondent below it, an answer's label (or blank) per question. */
export function csvTemplate(set: QuestionSet): string {
  return csvHeader(set);
}

/**
 * A blank answers file that `report` accepts as it is: every question at the scale's unsure value (scored as not
 * answered), or, for a scale without one, commented out.
 */
export function answersTemplate(set: QuestionSet): string {
  const values = set.scale.map((o) => o.value);
  const unsure = set.scale.find((o) => o.counts === "unsure")?.value;
  const comment = (text: string) => `# ${terminalSafe(text).replace(/\s+/g, " ").trim()}`;
  const lines = [
    comment(`Answers for ${setLabel(set.set)}: ${set.questions.length} questions.`),
    comment(`Answer each with one of: ${values.map(yamlScalar).join(", ")}.`),
    comment(
      unsure === undefined
        ? "Take the # off each question you answer."
        : `A question left at ${yamlScalar(unsure)} counts as not answered. Then run: automation-fit report <this file>`,
    ),
    'client: ""    # the business assessed',
    'assessor: ""  # who answers, e.g. "Maya Chen": names you in a team report',
    'role: ""      # your role, e.g. "head of sales"',
    "answers:",
  ];
  for (const q of set.questions) {
    lines.push(`  ${comment(q.text)}`);
    lines.push(unsure === undefined ? `  # ${q.id}: ` : `  ${q.id}: ${yamlScalar(unsure)}`);
  }
  lines.push("# notes:", "#   question-id: why you answered as you did");
  const first = set.stages[0]?.id;
  if (first)
    lines.push(
      comment(
        "sizing (optional): per stage, how often it happens a month and the minutes of office and contact time each takes (booking, reminders, chasing, paperwork), not the work itself",
      ),
      "# sizing:",
      `#   ${first}: {timesPerMonth: 40, minutes: 10}`,
    );
  return `${lines.join("\n")}\n`;
}

// Quoted unless plainly a string to every YAML reader (YAML 1.1 reads yes, no, on and off as booleans).
function yamlScalar(value: string): string {
  if (/^[A-Za-z][A-Za-z0-9/ _.-]*$/.test(value) && !/^(y|yes|n|no|true|false|on|off|null)$/i.test(value)) return value;
  // escaped as YAML reads them back: the same value, with no control or invisible character raw on a terminal
  return JSON.stringify(value).replace(/[\p{Cc}\p{Cf}\p{Cs}]/gu, (c) => {
    const code = c.codePointAt(0)!;
    return code > 0xffff ? `\\U${code.toString(16).padStart(8, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });
}
