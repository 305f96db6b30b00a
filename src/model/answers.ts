import { z } from "zod";

// YAML reads `1` or `true` as non-strings; the scale check then names the value as written.
const AnswerValue = z.union([z.string(), z.number(), z.boolean()], { error: "an answer is one value of the scale, like yes or no" }).transform(String);

export const AnswersFile = z
  .strictObject({
    $schema: z.string().optional(),
    client: z.string().optional().describe("Who the assessment is for."),
    assessor: z.string().optional().describe("Who answered or ran it."),
    role: z.string().optional().describe("The respondent's role, e.g. head of sales: team reports show it."),
    date: z
      .union([z.string(), z.date()])
      .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d))
      .optional()
      .describe("When, e.g. 2026-11-25."),
    answers: z.record(z.string(), AnswerValue).default({}).describe("Question id -> a value of the set's scale."),
    notes: z.record(z.string(), z.string()).default({}).describe("Question id -> a note on that answer."),
  })
  .describe("Answers to an automation-fit question set.");

export type AnswersFile = z.infer<typeof AnswersFile>;
/** Answers checked against a question set: every id and value is known to it. */
export type Answers = AnswersFile;
