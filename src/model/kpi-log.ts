import * as z from "zod";
import { isIsoDate } from "./date.js";
import { Tripwire } from "./question-set.js";

/** YYYY-MM-DD, a day the calendar has. */
export const Day = z
  .string({ error: "a date is written YYYY-MM-DD, like 2027-01-31" })
  .regex(/^\d{4}-\d\d-\d\d$/, { message: "a date is written YYYY-MM-DD, like 2027-01-31", abort: true })
  .refine(isIsoDate, "is not a day of the calendar; check the month and day");

export const LoggedReading = z.looseObject({
  date: Day.describe("When the KPI was read, YYYY-MM-DD."),
  value: z.number({ error: "a reading's value is a number, like 91 or 4.5 (no % sign or units)" }).describe("The KPI's value then, in its measure."),
});

export const LoggedKpi = z
  .looseObject({
    name: z.string().optional().describe("The KPI's name, for the reader; the set's id is the key."),
    measure: z.string().optional().describe("What a reading counts."),
    stages: z.array(z.string()).optional().describe("The automated or hybrid stages it watched when the log was made."),
    owner: z.string().nullable().optional().describe("Who reads it and acts on an alarm."),
    tripwire: Tripwire.nullable().optional().describe("How far it may move the bad way from the baseline; the set's default when left out."),
    review: Day.nullable().optional().describe("When to look at it together next, YYYY-MM-DD."),
    readings: z.array(LoggedReading).nullable().default([]).describe("Readings, oldest first; the first is the baseline."),
  })
  .describe("One KPI being watched.");

export const KpiLogFile = z
  .looseObject({
    client: z.string().optional(),
    created: Day.optional(),
    kpis: z.record(z.string(), LoggedKpi.nullable()).describe("KPI id (from the question set) -> its tripwire, owner and readings."),
  })
  .describe("A KPI log: readings of the KPIs that watch automated stages, kept by `automation-fit kpis add`, editable by hand.");

export type LoggedReading = z.infer<typeof LoggedReading>;
export type LoggedKpi = z.infer<typeof LoggedKpi>;
export type KpiLogFile = z.infer<typeof KpiLogFile>;
