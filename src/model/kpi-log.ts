import * as z from "zod/mini";
import "./locale.js";
import { isIsoDate } from "./date.js";
import { Tripwire } from "./question-set.js";

/** YYYY-MM-DD, a day the calendar has. */
export const Day = z
  .string({ error: "a date is written YYYY-MM-DD, like 2027-01-31" })
  .check(
    z.regex(/^\d{4}-\d\d-\d\d$/, { message: "a date is written YYYY-MM-DD, like 2027-01-31", abort: true }),
    z.refine(isIsoDate, "is not a day of the calendar; check the month and day"),
  );

export const LoggedReading = z.looseObject({
  date: Day.check(z.describe("When the KPI was read, YYYY-MM-DD.")),
  value: z.number({ error: "a reading's value is a number, like 91 or 4.5 (no % sign or units)" }).check(z.describe("The KPI's value then, in its measure.")),
});

export const LoggedKpi = z
  .looseObject({
    name: z.optional(z.string()).check(z.describe("The KPI's name, for the reader; the set's id is the key.")),
    measure: z.optional(z.string()).check(z.describe("What a reading counts.")),
    stages: z.optional(z.array(z.string())).check(z.describe("The automated or hybrid stages it watched when the log was made.")),
    owner: z.optional(z.nullable(z.string())).check(z.describe("Who reads it and acts on an alarm.")),
    tripwire: z.optional(z.nullable(Tripwire)).check(z.describe("How far it may move the bad way from the baseline; the set's default when left out.")),
    review: z.optional(z.nullable(Day)).check(z.describe("When to look at it together next, YYYY-MM-DD.")),
    readings: z._default(z.nullable(z.array(LoggedReading)), []).check(z.describe("Readings, oldest first; the first is the baseline.")),
  })
  .check(z.describe("One KPI being watched."));

export const KpiLogFile = z
  .looseObject({
    client: z.optional(z.string()),
    created: z.optional(Day),
    kpis: z.record(z.string(), z.nullable(LoggedKpi)).check(z.describe("KPI id (from the question set) -> its tripwire, owner and readings.")),
  })
  .check(z.describe("A KPI log: readings of the KPIs that watch automated stages, kept by `automation-fit kpis add`, editable by hand."));

export type LoggedReading = z.infer<typeof LoggedReading>;
export type LoggedKpi = z.infer<typeof LoggedKpi>;
export type KpiLogFile = z.infer<typeof KpiLogFile>;
