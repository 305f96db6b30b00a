import * as z from "zod/mini";
import "./locale.js";
import { CampaignSchedule, KpiWatch, RoadmapPhase, Sizing, SummaryItem } from "./plan.js";
import { Campaign, Kpi, Play, Signal } from "./question-set.js";
import { ISO_DATE_MESSAGE, isIsoDate } from "./date.js";
import { RECOMMENDATIONS, SCHEMA_VERSION, VERDICTS } from "./verdict.js";

// The one output model: what `report` and `compare` write as JSON, and what every renderer reads. The types come from these
// schemas; questions/report.schema.json is generated from them. Code on the report's path imports types only (zod loads lazily).

export const Verdict = z
  .enum(VERDICTS)
  .check(
    z.describe(
      "automate: self-serve; hybrid: automation does the routine, a person the judgement; human: person-led; insufficient: too little answered to say; not-applicable: every question answered 'does not apply'.",
    ),
  );

const SetRef = z.object({ name: z.string(), version: z.optional(z.string()) });
const Thresholds = z.object({ automate: z.number(), human: z.number(), minConfidence: z.number(), minAnswered: z.optional(z.number()) });
const StageThresholds = z
  .object({ automate: z.number(), human: z.number() })
  .check(z.describe("This stage's cut-offs (a stage may set its own in the set): automate at or above `automate`, keep human at or below `human`."));
const Version = z.literal(SCHEMA_VERSION).check(z.describe("The version of this JSON's shape."));

export const Driver = z
  .object({
    questionId: z.string(),
    question: z.string(),
    signal: Signal,
    answer: z.string(),
    answerLabel: z.string(),
    effect: z.number().check(z.describe("Points this answer moved the score away from the midpoint (50): + toward automate, - toward human.")),
    note: z.optional(z.string()),
  })
  .check(z.describe("An answer that moved a stage's score, and by how much."));

export const StageCounts = z
  .object({ questions: z.number(), answered: z.number(), unsure: z.number(), notApplicable: z.number(), unanswered: z.number() })
  .check(z.describe("The stage's questions by how they were answered: what the reports show as 'answered N of M' (answered of questions)."));

export const AnswerChoice = z.object({ questionId: z.string(), answer: z.string() });

export const FlipVerdict = z.enum(RECOMMENDATIONS).check(z.describe("The verdicts a stage can be moved to by changing answers."));

export const Flip = z
  .object({
    verdict: FlipVerdict,
    changes: z.array(AnswerChoice).check(z.describe("Applied to the answers and scored again, they give `verdict`.")),
  })
  .check(z.describe("The fewest answer changes (up to three) that would change the stage's verdict."));

export const FittingPlay = z
  .extend(Play, {
    relevance: z.optional(z.number()).check(z.describe("How many of the play's conditions the answers meet: the plays come most relevant first.")),
  })
  .check(z.describe("A play that fits the answers."));

export const StageAssessment = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  score: z.nullable(z.number()).check(z.describe("0 = keep fully human, 100 = automate fully; null when nothing was answered.")),
  verdict: Verdict,
  thresholds: StageThresholds,
  confidence: z
    .number()
    .check(
      z.describe(
        "Share of the stage's weight answered (unsure and n/a count as not answered), half a contradicting pair's weight off: 0..1. Below thresholds.minConfidence the verdict is insufficient. The reports show `counts` instead.",
      ),
    ),
  reason: z.string(),
  drivers: z.array(Driver),
  counts: StageCounts,
  plays: z.array(FittingPlay).check(z.describe("The plays that fit these answers, most relevant first.")),
  kpis: z.array(Kpi),
  risk: z.optional(z.string()).check(z.describe("What the stage risks losing if automated badly.")),
  cappedBy: z.nullable(z.string()).check(z.describe("The id of the gate rule that capped the verdict, or null.")),
  cappedByName: z.optional(z.nullable(z.string())).check(z.describe("The capping gate's name, as a client reads it; null when not capped.")),
  raisedBy: z.nullable(z.string()).check(z.describe("The id of the gate rule (a floor) that raised the verdict above what the score says, or null.")),
  raisedByName: z.optional(z.nullable(z.string())).check(z.describe("The raising floor's name, as a client reads it; null when not raised.")),
  flip: z.nullable(Flip).check(z.describe("null when no change of up to three answers flips the verdict.")),
  flipOtherWay: z.nullable(Flip).check(z.describe("On a tie, the flip the other way (from hybrid); null otherwise.")),
  flipText: z.nullable(z.string()).check(z.describe("The flip points in words, for every format; null when none.")),
  edge: z.boolean().check(z.describe("One change flips the verdict.")),
  closeCall: z
    .optional(z.boolean())
    .check(
      z.describe(
        "On the edge through the score: one answer that is no gate's question flips it (a flip through a gate's question is a condition or a gap to close, as flipText says). The close calls a report names.",
      ),
    ),
  flipSearch: z.enum(["exact", "greedy"]).check(z.describe("exact: the fewest changes for sure; greedy: a quick search on a long stage, there may be shorter.")),
});

export const AnswerRecord = z
  .object({
    questionId: z.string(),
    question: z.string(),
    stages: z.array(z.string()).check(z.describe("Names of the stages the question bears on.")),
    answer: z.nullable(z.string()).check(z.describe("null: not answered.")),
    answerLabel: z.nullable(z.string()),
    note: z.optional(z.string()),
  })
  .check(z.describe("One question of the set and its answer, for the report's appendix."));

export const Warning = z
  .object({
    kind: z.enum(["contradiction", "straight-lining"]),
    questionIds: z.array(z.string()),
    message: z.string(),
  })
  .check(z.describe("Something in the answers that makes the report less sure."));

export const Assessment = z
  .object({
    schemaVersion: Version,
    set: SetRef,
    client: z.optional(z.string()),
    assessor: z.optional(z.string()),
    date: z.optional(z.string()),
    note: z.optional(z.string()).check(z.describe("The respondent's general note, on no one question (an answers file's `note`, a survey's comment column).")),
    thresholds: Thresholds,
    stages: z.array(StageAssessment),
    campaigns: z.array(Campaign),
    answers: z.optional(z.array(AnswerRecord)).check(z.describe("Every question of the set in order, answered or not, with its note.")),
    warnings: z.array(Warning),
    summary: z.array(SummaryItem).check(z.describe("The three to five things to do first.")),
    roadmap: z.array(RoadmapPhase).check(z.describe("The plays in phases of 30, 60 and 90 days, quick wins first; each with its human part and the KPIs that watch it.")),
    kpiWatch: z.array(KpiWatch).check(z.describe("Each watched KPI's movement since its baseline, with `report --kpis FILE`.")),
    planStart: z.optional(z.string()).check(z.describe("Day one of the roadmap: the answers' date, else the day the report was made.")),
    sizing: z.optional(z.nullable(Sizing)).check(z.describe("Hours freed a month per sized stage and in total; null when the answers size no stage.")),
    calendar: z.optional(z.array(CampaignSchedule)).check(z.describe("The always-human campaigns as dated tasks over the plan's first year.")),
  })
  .check(z.describe("An automation-fit report of one respondent (automation-fit report ANSWERS --format json)."));

export const Spread = z
  .object({
    min: z.number(),
    max: z.number(),
    q1: z.number().check(z.describe("Quartiles by linear interpolation (numpy's default, Excel's QUARTILE.INC).")),
    q3: z.number(),
    iqr: z.number(),
  })
  .check(z.describe("How far apart the respondents' stage scores are, over those with a verdict of their own."));

export const TeamStageRespondent = z.object({
  score: z.nullable(z.number()),
  verdict: Verdict,
  confidence: z.number().check(z.describe("As a single report's stage confidence.")),
});

export const TeamRespondent = z.object({
  name: z.string().check(z.describe("Unique in the report: the answers file's assessor, the CSV's respondent cell, or where the answers came from.")),
  role: z.optional(z.string()),
  file: z.string(),
  line: z.optional(z.number()).check(z.describe("The CSV line of the respondent's row.")),
  comment: z.optional(z.string()).check(z.describe('Their general note: what they wrote in the survey\'s comment column (e.g. "Anything else you would like to tell us?").')),
  stages: z.array(TeamStageRespondent).check(z.describe("Their own figures per stage, in the order of the team's stages.")),
  answers: z.record(z.string(), z.nullable(z.string())).check(z.describe("Their answers to the questions in `disagreements`, by question id; null: not answered.")),
});

export const AnswerTally = z.object({ value: z.string(), label: z.string(), count: z.number() });

export const TeamStage = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  median: z.nullable(z.number()).check(z.describe("Median of the scores of respondents with a verdict of their own; null when none has.")),
  spread: z.nullable(Spread),
  verdict: Verdict.check(z.describe("The verdict of the median, at the team's confidence.")),
  thresholds: z.optional(StageThresholds),
  confidence: z
    .number()
    .check(z.describe("Mean of the respondents' stage confidences (as in a single report), 0..1: below thresholds.minConfidence the team's verdict is insufficient.")),
  counted: z
    .number()
    .check(
      z.describe(
        "Respondents who answered enough of the stage for a verdict of their own: the reports' 'answered by N of M' (counted of respondentCount). The median and spread are of their scores.",
      ),
    ),
  verdicts: z.record(Verdict, z.number()).check(z.describe("How many respondents reach each verdict on their own.")),
  reason: z.string(),
  plays: z.array(FittingPlay).check(z.describe("The plays that fit the team's answers, most relevant first.")),
  kpis: z.array(Kpi),
  cappedBy: z.optional(z.nullable(z.string())).check(z.describe("The id of the gate that capped the team's verdict (on the team's median answer to its question), or null.")),
  cappedByName: z.optional(z.nullable(z.string())).check(z.describe("The capping gate's name, as a client reads it; null when not capped.")),
  raisedBy: z.optional(z.nullable(z.string())).check(z.describe("The id of the floor that raised the team's verdict above its median score's, or null.")),
  raisedByName: z.optional(z.nullable(z.string())).check(z.describe("The raising floor's name, as a client reads it; null when not raised.")),
  disputed: z
    .optional(z.nullable(z.object({ questionId: z.string(), question: z.string(), tally: z.array(AnswerTally) })))
    .check(z.describe("The question bearing on this stage that moves the respondents' scores apart most, with its answers; null when they agree.")),
});

export const ConsensusAnswer = z
  .object({
    questionId: z.string(),
    answer: z
      .nullable(z.string())
      .check(
        z.describe(
          "The team's median answer (the middle respondent's on yes, partly, no; between two, the option nearest their midpoint); where nobody gave a scored answer, the answer most gave (unsure, n/a); null: nobody answered.",
        ),
      ),
    answerLabel: z.nullable(z.string()),
    count: z.number().check(z.describe("Respondents who gave that answer themselves.")),
    answered: z.number().check(z.describe("Respondents who gave a scored answer (not unsure, n/a or blank).")),
  })
  .check(z.describe("The team's answer to one question: what the team plan's plays and gates go by."));

export const Disagreement = z
  .object({
    questionId: z.string(),
    question: z.string(),
    stages: z.array(z.string()).check(z.describe("Ids of the stages the question bears on.")),
    answered: z.number().check(z.describe("Respondents who gave a scored answer (not unsure, n/a or blank).")),
    spread: z.number().check(z.describe("Twice the standard deviation of the answered levels: 0 = all alike, 1 = split evenly between yes and no.")),
    weight: z.number().check(z.describe("Sum over its stages of the question's share of the stage's weight.")),
    disagreement: z.number().check(z.describe("spread × weight: the ranking key.")),
    tally: z.array(AnswerTally),
    unanswered: z.number(),
  })
  .check(z.describe("A question the respondents answered differently."));

export const TeamAssessment = z
  .object({
    schemaVersion: Version,
    kind: z.literal("team"),
    set: SetRef,
    client: z.optional(z.string()),
    thresholds: Thresholds,
    respondentCount: z.number(),
    fileCount: z.number().check(z.describe("Files the respondents came from (answers files and CSVs).")),
    respondentsListed: z.boolean().check(z.describe("Whether `respondents` lists them: a team of more than 1,000 lists none unless asked.")),
    respondents: z.array(TeamRespondent),
    stages: z.array(TeamStage),
    disagreements: z.array(Disagreement),
    campaigns: z.array(Campaign),
    warnings: z.array(Warning),
    consensus: z.array(ConsensusAnswer).check(z.describe("Per question of the set, in its order: the team's answer, which the plan's plays and gates go by.")),
    summary: z.array(SummaryItem).check(z.describe("The three to five things to do first, from the team's medians and answers.")),
    roadmap: z.array(RoadmapPhase).check(z.describe("The plays that fit the team's answers in phases of 30, 60 and 90 days, quick wins first.")),
    kpiWatch: z.array(KpiWatch).check(z.describe("Each watched KPI's movement since its baseline, with `report --kpis FILE`.")),
    planStart: z.optional(z.string()).check(z.describe("Day one of the roadmap: the day the report was made.")),
    sizing: z.optional(z.nullable(Sizing)).check(z.describe("Hours freed a month per stage from the median sizing of the respondents who sized it; null when nobody did.")),
    calendar: z.optional(z.array(CampaignSchedule)).check(z.describe("The always-human campaigns as dated tasks over the plan's first year.")),
  })
  .check(z.describe("An automation-fit team report (several respondents, a folder or a survey CSV)."));

export const StagePoint = z.object({ score: z.nullable(z.number()), verdict: Verdict, confidence: z.number() });
export const AnswerValue = z.object({ value: z.string(), label: z.string() });

export const AnswerChange = z.object({
  questionId: z.string(),
  question: z.string(),
  signal: Signal,
  before: z.nullable(AnswerValue).check(z.describe("null: not answered.")),
  after: z.nullable(AnswerValue),
  effect: z
    .nullable(z.number())
    .check(z.describe("Points this change moved the stage's score, the changes applied in question order; null when the stage had no score on one side.")),
});

export const ComparedSide = z.object({
  file: z.string(),
  kind: z.enum(["answers", "report", "team"]).check(z.describe("One respondent's answers, a saved JSON report, or a team (a folder or a survey CSV).")),
  respondents: z.optional(z.number()).check(z.describe("For a team: how many respondents.")),
  set: SetRef,
  client: z.optional(z.string()),
  assessor: z.optional(z.string()),
  date: z.optional(z.string()),
});

export const StageProgress = z.object({
  id: z.string(),
  name: z.string(),
  before: z.nullable(StagePoint).check(z.describe("null: the stage is not on that side.")),
  after: z.nullable(StagePoint),
  change: z.nullable(z.number()).check(z.describe("Score now minus score then; null when either has no score.")),
  thresholds: z
    .optional(StageThresholds)
    .check(
      z.describe(
        "The cut-offs the stage's verdict now was made on (then's, where the stage is only then); absent where a saved report does not say them, and the comparison's thresholds apply.",
      ),
    ),
  answers: z.array(AnswerChange).check(z.describe("The changed answers that bear on this stage; empty unless both sides are answers files.")),
});

export const Comparison = z
  .object({
    kind: z.literal("comparison"),
    schemaVersion: Version,
    before: ComparedSide,
    after: ComparedSide,
    answerLevel: z.boolean().check(z.describe("Whether answers were compared: only when both sides are answers files.")),
    answersChanged: z.nullable(z.number()).check(z.describe("Answers that differ, counted once; null unless both sides are answers files.")),
    thresholds: Thresholds,
    stages: z.array(StageProgress),
    notes: z.array(z.string()).check(z.describe("Anything that makes the two sides less comparable.")),
    kpiWatch: z.optional(z.array(KpiWatch)).check(z.describe("With `compare ... --kpis FILE`: each KPI's movement since its baseline, read against the later side.")),
  })
  .check(z.describe("automation-fit compare BEFORE AFTER --format json."));

/** What compare reads of a saved team report: each stage's median and verdict; the rest is let through. */
export const SavedTeamReport = z.object({
  schemaVersion: Version,
  kind: z.literal("team"),
  set: SetRef,
  client: z.optional(z.string()),
  thresholds: z.object({ automate: z.number().check(z.gte(0), z.lte(100)), human: z.number().check(z.gte(0), z.lte(100)), minConfidence: z.number().check(z.gte(0), z.lte(1)) }),
  respondentCount: z.number().check(z.int(), z.gte(0)),
  stages: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      median: z.nullable(z.number().check(z.gte(0), z.lte(100))),
      verdict: Verdict,
      confidence: z.number().check(z.gte(0), z.lte(1)),
      thresholds: z.optional(StageThresholds),
    }),
  ),
});

/** What compare reads of a saved JSON report: the stages' figures; a report holds more, let through. */
export const SavedReport = z.object({
  schemaVersion: Version,
  set: SetRef,
  client: z.optional(z.string()),
  assessor: z.optional(z.string()),
  date: z.optional(z.string().check(z.refine(isIsoDate, ISO_DATE_MESSAGE))),
  thresholds: z.object({ automate: z.number().check(z.gte(0), z.lte(100)), human: z.number().check(z.gte(0), z.lte(100)), minConfidence: z.number().check(z.gte(0), z.lte(1)) }),
  stages: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      score: z.nullable(z.number().check(z.gte(0), z.lte(100))),
      verdict: Verdict,
      confidence: z.number().check(z.gte(0), z.lte(1)),
      thresholds: z.optional(StageThresholds),
    }),
  ),
});

export type Verdict = z.infer<typeof Verdict>;
export type SavedTeamReport = z.infer<typeof SavedTeamReport>;
export type Driver = z.infer<typeof Driver>;
export type StageCounts = z.infer<typeof StageCounts>;
export type FlipVerdict = z.infer<typeof FlipVerdict>;
export type Flip = z.infer<typeof Flip>;
export type FittingPlay = z.infer<typeof FittingPlay>;
export type StageAssessment = z.infer<typeof StageAssessment>;
export type AnswerRecord = z.infer<typeof AnswerRecord>;
export type Warning = z.infer<typeof Warning>;
export type Assessment = z.infer<typeof Assessment>;
export type Spread = z.infer<typeof Spread>;
export type TeamStageRespondent = z.infer<typeof TeamStageRespondent>;
export type TeamRespondent = z.infer<typeof TeamRespondent>;
export type TeamStage = z.infer<typeof TeamStage>;
export type AnswerTally = z.infer<typeof AnswerTally>;
export type Disagreement = z.infer<typeof Disagreement>;
export type TeamAssessment = z.infer<typeof TeamAssessment>;
export type ConsensusAnswer = z.infer<typeof ConsensusAnswer>;
export type StagePoint = z.infer<typeof StagePoint>;
export type AnswerValue = z.infer<typeof AnswerValue>;
export type AnswerChange = z.infer<typeof AnswerChange>;
export type ComparedSide = z.infer<typeof ComparedSide>;
export type StageProgress = z.infer<typeof StageProgress>;
export type Comparison = z.infer<typeof Comparison>;
export type SavedReport = z.infer<typeof SavedReport>;

/** On the edge through an answer to check (a report saved before gaps has no `closeCall`: its edge is one). */
export const isCloseCall = (s: Pick<StageAssessment, "edge" | "closeCall">): boolean => s.closeCall ?? s.edge;
