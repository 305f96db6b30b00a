import * as z from "zod/mini";
import "./locale.js";
import { AutomatableShare, Cadence, Effort, Tripwire } from "./question-set.js";

const isoDate = z.string().check(z.regex(/^\d{4}-\d\d-\d\d$/));

export const SummaryItem = z
  .object({
    text: z.string().check(z.describe("One sentence: a thing to do first.")),
    stageId: z.nullable(z.string()).check(z.describe("The stage it is about, or null (a campaign, the total).")),
  })
  .check(z.describe("One of the three to five things to do first."));

export const RoadmapItem = z.object({
  stageId: z.string(),
  stageName: z.string(),
  play: z.string().check(z.describe("The play's title.")),
  automate: z.string().check(z.describe("What to automate.")),
  humanPart: z.string().check(z.describe("The human part the automation frees time for.")),
  effort: Effort,
  kpis: z.array(z.string()).check(z.describe("Ids of the KPIs that watch this stage: if they move the bad way, restore the human part.")),
  hoursPerMonth: z.nullable(z.number()).check(z.describe("Hours a month the stage's automation frees, when the stage is sized.")),
  why: z.string().check(z.describe("Why it sits where it does: fit, volume, effort.")),
});

export const CampaignTask = z.object({
  campaignId: z.string(),
  name: z.string(),
  every: z.nullable(Cadence).check(z.describe("month, quarter or year; null: a standing practice from day one.")),
  date: isoDate.check(z.describe("When this occurrence is due.")),
});

export const RoadmapPhase = z.object({
  phase: z.union([z.literal(30), z.literal(60), z.literal(90)]).check(z.describe("The phase ends this many days after the start.")),
  title: z.string(),
  from: isoDate,
  to: isoDate,
  items: z.array(RoadmapItem).check(z.describe("Plays, quick wins first: high fit, high volume, small effort.")),
  campaigns: z.array(CampaignTask).check(z.describe("Always-human campaigns due in this phase.")),
});

export const StageSizing = z.object({
  stageId: z.string(),
  stageName: z.string(),
  timesPerMonth: z.number(),
  minutes: z.number(),
  /** null when the stage has no verdict (insufficient): no share applies yet. */
  share: z.nullable(z.number()).check(z.describe("The automatable share of the stage's verdict; null without a verdict.")),
  hoursPerMonth: z.nullable(z.number()).check(z.describe("times a month x minutes / 60 x share, to one decimal.")),
  sizedBy: z.optional(z.number()).check(z.describe("A team: how many respondents sized the stage; times and minutes are their medians.")),
});

export const Sizing = z.object({
  shares: AutomatableShare.check(z.describe("The automatable share per verdict, as the set declares it.")),
  stages: z.array(StageSizing),
  totalHoursPerMonth: z.number(),
});

export const CampaignSchedule = z.object({
  campaignId: z.string(),
  name: z.string(),
  every: z.nullable(Cadence),
  dates: z.array(isoDate).check(z.describe("The occurrences in the plan's first year; one (the start) for a standing practice.")),
});

export const Plan = z.object({
  start: isoDate.check(z.describe("Day one of the plan: the answers' date, else the day the report was made.")),
  summary: z.array(SummaryItem),
  sizing: z.nullable(Sizing).check(z.describe("Hours freed a month, when the answers size any stage.")),
  roadmap: z.array(RoadmapPhase),
  calendar: z.array(CampaignSchedule).check(z.describe("The always-human campaigns as dated tasks over the first year.")),
});

export const Reading = z.object({ date: isoDate, value: z.number() });

export const KpiWatch = z.object({
  id: z.string(),
  name: z.string(),
  measure: z.nullable(z.string()),
  owner: z.nullable(z.string()),
  review: z.nullable(isoDate),
  readings: z.array(Reading),
  baseline: z.nullable(z.number()).check(z.describe("The first reading's value.")),
  latest: z.nullable(z.number()).check(z.describe("The last reading's value.")),
  change: z.nullable(z.number()).check(z.describe("latest against baseline, in the tripwire's unit (points, or percent of the baseline).")),
  tripwire: z.nullable(Tripwire),
  alert: z.boolean().check(z.describe("True when the latest reading is past the tripwire.")),
  stageIds: z.array(z.string()).check(z.describe("The automated or hybrid stages this KPI watches.")),
  restore: z.array(z.object({ stageId: z.string(), humanPart: z.string() })).check(z.describe("On alert: the human part to restore at each stage.")),
  message: z.string().check(z.describe("The KPI's state in a sentence; on alert, the alarm.")),
});

export type SummaryItem = z.infer<typeof SummaryItem>;
export type RoadmapItem = z.infer<typeof RoadmapItem>;
export type RoadmapPhase = z.infer<typeof RoadmapPhase>;
export type CampaignTask = z.infer<typeof CampaignTask>;
export type StageSizing = z.infer<typeof StageSizing>;
export type Sizing = z.infer<typeof Sizing>;
export type CampaignSchedule = z.infer<typeof CampaignSchedule>;
export type Plan = z.infer<typeof Plan>;
export type Reading = z.infer<typeof Reading>;
export type KpiWatch = z.infer<typeof KpiWatch>;
