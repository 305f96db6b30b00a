import type { Campaign, Kpi, Play, Signal } from "./question-set.js";

export const ASSESSMENT_SCHEMA_VERSION = 1;

/**
 * automate: self-serve, with a person one step away; hybrid: person-assisted, automation does the routine;
 * human: person-led, with automation behind the scenes; insufficient: too little answered; not-applicable: all n/a.
 */
export type Verdict = "automate" | "hybrid" | "human" | "insufficient" | "not-applicable";
/** The verdicts a stage can be moved to by changing answers. */
export type FlipVerdict = "automate" | "hybrid" | "human";

/** Answers that, set as given, change a stage's verdict to `verdict`. */
export interface Flip {
  verdict: FlipVerdict;
  changes: { questionId: string; answer: string }[];
}

export interface Warning {
  kind: "contradiction" | "straight-lining";
  questionIds: string[];
  message: string;
}

/** A play that fits the answers, with how many of its conditions the answers meet (most relevant first). */
export interface FittingPlay extends Play {
  relevance?: number;
}

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
  /** Share of the stage's weight answered (n/a counts as not answered), lowered by contradictions: 0..1. */
  confidence: number;
  reason: string;
  drivers: Driver[];
  counts: StageCounts;
  /** The plays that fit these answers, most relevant first. */
  plays: FittingPlay[];
  kpis: Kpi[];
  /** What the stage risks losing if automated badly. */
  risk?: string;
  /** The id of the gate that capped the verdict, or null. */
  cappedBy: string | null;
  /** The fewest answer changes (up to three) that change the verdict; null when none does. */
  flip: Flip | null;
  /** On a tie, the flip the other way (from hybrid); null otherwise. */
  flipOtherWay: Flip | null;
  /** The flip points in words, for every format: "One answer from Hybrid: ..."; null when none. */
  flipText: string | null;
  /** One change flips the verdict. */
  edge: boolean;
  /** exact: the fewest changes for sure; greedy: a quick search on a long stage, there may be shorter. */
  flipSearch: "exact" | "greedy";
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
  /** Contradictions and straight-lining found in the answers (a report made before they were checked has none). */
  warnings?: Warning[];
  /** Every question of the set in order, answered or not, with its note. */
  answers?: AnswerRecord[];
}
