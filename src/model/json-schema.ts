import * as z from "zod/mini";
import { AnswersFile } from "./answers.js";
import { QuestionSetFile } from "./question-set.js";
import { Assessment, Comparison, TeamAssessment } from "./report.js";

/** JSON Schemas for editors, generated from the zod models; shipped in questions/ and checked for staleness by a test. */
export const JSON_SCHEMAS = {
  "question-set.schema.json": () => toSchema(QuestionSetFile, "automation-fit question set"),
  "answers.schema.json": () => toSchema(AnswersFile, "automation-fit answers"),
  // what `report` and `compare` write with --format json, for consultants' tools to validate what they read
  "report.schema.json": () => toSchema(z.union([Assessment, TeamAssessment, Comparison]), "automation-fit report (JSON)", "output"),
};

function toSchema(schema: z.core.$ZodType, title: string, io: "input" | "output" = "input"): string {
  const json = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return `${JSON.stringify({ ...json, title }, null, 2)}\n`;
}
