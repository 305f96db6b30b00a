import { z } from "zod";
import { AnswersFile } from "./answers.js";
import { QuestionSetFile } from "./question-set.js";

/** JSON Schemas for editors, generated from the zod models; shipped in questions/ and checked for staleness by a test. */
export const JSON_SCHEMAS = {
  "question-set.schema.json": () => toSchema(QuestionSetFile, "automation-fit question set"),
  "answers.schema.json": () => toSchema(AnswersFile, "automation-fit answers"),
};

function toSchema(schema: z.ZodType, title: string): string {
  const json = z.toJSONSchema(schema, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
  return `${JSON.stringify({ ...json, title }, null, 2)}\n`;
}
