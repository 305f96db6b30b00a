import * as z from "zod/mini";
import "./locale.js";
import { ISO_DATE_MESSAGE, isIsoDate } from "./date.js";

// YAML reads `1` or `true` as non-strings; the scale check then names the value as written.
const AnswerValue = z.pipe(z.union([z.string(), z.number(), z.boolean()], { error: "an answer is one value of the scale, like yes or no" }), z.transform(String));

export const StageSize = z
  .strictObject({
    timesPerMonth: z
      .number({ error: "a number, like 40" })
      .check(
        z.nonnegative("cannot be below 0"),
        z.maximum(10_000_000, "at most 10,000,000"),
        z.describe("How many times a month this stage happens (calls, visits, invoices...)."),
      ),
    minutes: z
      .number({ error: "a number of minutes, like 15" })
      .check(
        z.nonnegative("cannot be below 0"),
        z.maximum(100_000, "at most 100,000"),
        z.describe("Minutes of office and contact time each occurrence takes today (booking, reminders, chasing, paperwork), not the work itself."),
      ),
  })
  .check(z.describe("How much of the team's time a stage takes today."));

export const AnswersFile = z
  .strictObject({
    $schema: z.optional(z.string()),
    client: z.optional(z.string()).check(z.describe("Who the assessment is for.")),
    assessor: z.optional(z.string()).check(z.describe("Who answered or ran it.")),
    role: z.optional(z.string()).check(z.describe("The respondent's role, e.g. head of sales: team reports show it.")),
    // reports put the date into titles and chart titles: an ISO date or nothing (F26)
    date: z
      .optional(
        z
          .pipe(
            z.union([z.string(), z.date()], { error: ISO_DATE_MESSAGE }),
            z.transform((d: string | Date) => (d instanceof Date ? d.toISOString().slice(0, 10) : d)),
          )
          .check(
            z.refine(isIsoDate, {
              error: (issue) => (/^\d{4}-\d{2}-\d{2}$/.test(String(issue.input)) ? `${issue.input} is not a day of the calendar; check the month and day` : ISO_DATE_MESSAGE),
            }),
          ),
      )
      .check(z.describe("When, as year-month-day, e.g. 2026-11-25.")),
    note: z.optional(z.string()).check(z.describe("A general note, on no one question: e.g. what a survey respondent wrote in the form's comment column.")),
    answers: z._default(z.record(z.string(), AnswerValue), {}).check(z.describe("Question id -> a value of the set's scale.")),
    notes: z._default(z.record(z.string(), z.string()), {}).check(z.describe("Question id -> a note on that answer.")),
    sizing: z
      .optional(z.record(z.string(), StageSize))
      .check(z.describe("Optional. Stage id -> how often it happens and how long it takes: the plan sizes the hours automation frees.")),
  })
  .check(z.describe("Answers to an automation-fit question set."));

export type AnswersFile = z.infer<typeof AnswersFile>;
export type StageSize = z.infer<typeof StageSize>;
/** Answers checked against a question set: every id and value is known to it. */
export type Answers = AnswersFile;
