import { stringify } from "yaml";
import type { Answers } from "../model/answers.js";
import type { QuestionSet } from "../model/question-set.js";

/** An answers file as `automation-fit report` reads it; answers in the set's question order. */
export function answersFileText(answers: Answers, set: QuestionSet, file: string): string {
  const ordered = (record: Record<string, string>) => Object.fromEntries(set.questions.filter((q) => record[q.id] !== undefined).map((q) => [q.id, record[q.id]!]));
  const data = {
    ...(answers.client ? { client: answers.client } : {}),
    ...(answers.assessor ? { assessor: answers.assessor } : {}),
    ...(answers.date ? { date: answers.date } : {}),
    answers: ordered(answers.answers),
    notes: ordered(answers.notes),
  };
  if (/\.json$/i.test(file)) return `${JSON.stringify(data, null, 2)}\n`;
  // Quoted so YAML 1.1 readers do not turn yes/no into booleans.
  const yaml = stringify(data, { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" });
  return `# Answers from \`automation-fit assess\` (${oneLine(set.set.name)}). Score them with: automation-fit report ${oneLine(file)}\n${yaml}`;
}

const oneLine = (text: string) => text.replace(/[\r\n]+/g, " ");
