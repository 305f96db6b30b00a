import * as z from "zod";
import { ISO_DATE_MESSAGE, isIsoDate } from "./date.js";

// YAML reads `1` or `true` as non-strings; the scale check then names the value as written.
const AnswerValue = z.union([z.string(), z.number(), z.boolean()], { error: "an answer is one value of the scale, like yes or no" }).transform(String);

export const StageSize = z
  .strictObject({
    timesPerMonth: z
      .number({ error: "a number, like 40" })
      .nonnegative("cannot be below 0")
      .max(10_000_000, "at most 10,000,000")
      .describe("How many times a month this stage happens (calls, visits, invoices...)."),
    minutes: z
      .number({ error: "a number of minutes, like 15" })
      .nonnegative("cannot be below 0")
      .max(100_000, "at most 100,000")
      .describe("Minutes of office and contact time each occurrence takes today (booking, reminders, chasing, paperwork), not the work itself."),
  })
  .describe("How much of the team's time a stage takes today.");

export const AnswersFile = z
  .strictObject({
    $schema: z.string().optional(),
    client: z.string().optional().describe("Who the assessment is for."),
    assessor: z.string().optional().describe("Who answered or ran it."),
    role: z.string().optional().describe("The respondent's role, e.g. head of sales: team reports show it."),
    // reports put the date into titles and chart titles: an ISO date or nothing (F26)
    date: z
      .union([z.string(), z.date()], { error: ISO_DATE_MESSAGE })
      .transform((d) => (d instanceof Date ? d.toISOString().slice(0, 10) : d))
      .refine(isIsoDate, ISO_DATE_MESSAGE)
      .optional()
      .describe("When, as year-month-day, e.g. 2026-11-25."),
    answers: z.record(z.string(), AnswerValue).default({}).describe("Question id -> a value of the set's scale."),
    notes: z.record(z.string(), z.string()).default({}).describe("Question id -> a note on that answer."),
    sizing: z.record(z.string(), StageSize).optional().describe("Optional. Stage id -> how often it happens and how long it takes: the plan sizes the hours automation frees."),
  })
  .describe("Answers to an automation-fit question set.");

export type AnswersFile = z.infer<typeof AnswersFile>;
export type StageSize = z.infer<typeof StageSize>;
/** Answers checked against a question set: every id and value is known to it. */
export type Answers = AnswersFile;
