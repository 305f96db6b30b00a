import type { Campaign, Kpi, Play, Signal } from "./question-set.js";

export const ASSESSMENT_SCHEMA_VERSION = 1;

export type Verdict = "automate" | "hybrid" | "human" | "insufficient";

/** An answer that moved a stage's score, and by how much. */
export interface Driver {
  questionId: string;
  question: string;
  signal: Signal;
  answer: string;
  answerLabel: string;
  /** Points this answer moved the score away from the midpoint (50): + toward automate, - toward human. */
  effect: number;
  note?: string;
}

export interface StageCounts {
  questions: number;
  answered: number;
  unsure: number;
  notApplicable: number;
  unanswered: number;
}

export interface StageAssessment {
  id: string;
  name: string;
  description: string;
  /** 0 = keep fully human, 100 = automate fully; null when nothing was answered. */
  score: number | null;
  verdict: Verdict;
  /** Share of the stage's weight that was answered, n/a questions left out: 0..1. */
  confidence: number;
  reason: string;
  drivers: Driver[];
  counts: StageCounts;
  plays: Play[];
  kpis: Kpi[];
}

/** One question of the set and its answer, for the report's appendix. */
export interface AnswerRecord {
  questionId: string;
  question: string;
  /** Names of the stages the question bears on. */
  stages: string[];
  /** null: not answered. */
  answer: string | null;
  answerLabel: string | null;
  note?: string;
}

export interface Assessment {
  schemaVersion: number;
  set: { name: string; version?: string };
  client?: string;
  assessor?: string;
  date?: string;
  thresholds: { automate: number; human: number; minConfidence: number };
  stages: StageAssessment[];
  campaigns: Campaign[];
  /** Every question of the set in order, answered or not, with its note. */
  answers?: AnswerRecord[];
}
