import type { Verdict } from "./assessment.js";
import type { Campaign, Kpi, Play } from "./question-set.js";

/** 2: each respondent appears once, in `respondents` (their stage figures and disputed answers with them), and only when listed. */
export const TEAM_SCHEMA_VERSION = 2;

export interface TeamRespondent {
  /** Unique in the report: the answers file's assessor, the CSV's respondent cell, or where the answers came from. */
  name: string;
  role?: string;
  file: string;
  /** The CSV line of the respondent's row. */
  line?: number;
  /** Their own figures per stage, in the order of the team's stages. */
  stages: TeamStageRespondent[];
  /** Their answers to the questions in `disagreements`, by question id; null: not answered. */
  answers: Record<string, string | null>;
}

/** How far apart the respondents' stage scores are, over those with a verdict of their own. */
export interface Spread {
  min: number;
  max: number;
  /** Quartiles by linear interpolation (as numpy's default and Excel's QUARTILE.INC): half the respondents score between q1 and q3. */
  q1: number;
  q3: number;
  iqr: number;
}

export interface TeamStageRespondent {
  score: number | null;
  verdict: Verdict;
  confidence: number;
}

export interface TeamStage {
  id: string;
  name: string;
  description: string;
  /** Median of the scores of respondents with a verdict of their own (confidence at or above the set's minimum); null when none has. */
  median: number | null;
  spread: Spread | null;
  /** The verdict of the median, at the team's confidence. */
  verdict: Verdict;
  /** Mean of the respondents' confidences: the share of the stage's weight the team answered, 0..1. */
  confidence: number;
  /** Respondents in the median. */
  counted: number;
  /** How many respondents reach each verdict on their own. */
  verdicts: Record<Verdict, number>;
  reason: string;
  plays: Play[];
  kpis: Kpi[];
}

export interface AnswerTally {
  value: string;
  label: string;
  count: number;
}

/** A question the respondents answered differently; the report's finding of where people see the customer differently. */
export interface Disagreement {
  questionId: string;
  question: string;
  /** Ids of the stages the question bears on. */
  stages: string[];
  /** Respondents who gave a scored answer (not unsure, n/a or blank). */
  answered: number;
  /** Twice the standard deviation of the answered levels: 0 = all alike, 1 = split evenly between yes and no. */
  spread: number;
  /** Sum over its stages of the question's share of the stage's weight. */
  weight: number;
  /** spread × weight: the ranking key. */
  disagreement: number;
  tally: AnswerTally[];
  unanswered: number;
}

export interface TeamAssessment {
  schemaVersion: number;
  kind: "team";
  set: { name: string; version?: string };
  client?: string;
  thresholds: { automate: number; human: number; minConfidence: number };
  respondentCount: number;
  /** Files the respondents came from (answers files and CSVs). */
  fileCount: number;
  /** Whether `respondents` lists them: a team of more than 1,000 lists none unless asked (--respondents). */
  respondentsListed: boolean;
  respondents: TeamRespondent[];
  stages: TeamStage[];
  disagreements: Disagreement[];
  campaigns: Campaign[];
}
