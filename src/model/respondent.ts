import type { QuestionSet } from "./question-set.js";

// A respondent's answers as the loaders make them and the scoring kernel reads them: plain data, shared by both rooms.

/** A respondent's answers: per question of the set, in set order, the index of the answer on the scale, or NO_ANSWER. */
export type AnswerIndexes = ArrayLike<number>;
export const NO_ANSWER = 255;

/** A respondent as read: who, from where, and the answers in a few bytes (per question of the set, in set order, the index of the answer on the scale). */
export interface Respondent {
  name: string;
  role?: string;
  file: string;
  line?: number;
  client?: string;
  /** The name was made up by the reader ("Respondent 3"): the sheet had no name for this row. */
  anonymous?: boolean;
  answers: Uint8Array;
  /** What they wrote in the form's comment box ("Anything else you would like to tell us?"): their general note. */
  comment?: string;
  /** Stage id -> how often it happens and its minutes each, from a survey's optional sizing columns. */
  sizing?: Record<string, { timesPerMonth: number; minutes: number }>;
}

const scaleIndexes = new WeakMap<QuestionSet, ReadonlyMap<string, number>>();

/** Scale value -> its index on the set's scale (made once per set). */
export function scaleIndexOf(set: QuestionSet): ReadonlyMap<string, number> {
  let index = scaleIndexes.get(set);
  if (!index) {
    index = new Map(set.scale.map((o, i) => [o.value, i]));
    scaleIndexes.set(set, index);
  }
  return index;
}

/** Answers by question id (values already checked against the scale) as compact answer indexes. */
export function encodeAnswers(set: QuestionSet, answers: Readonly<Record<string, string>>): Uint8Array {
  const scaleIndex = scaleIndexOf(set);
  return Uint8Array.from(set.questions, (q) => {
    const value = answers[q.id];
    return value === undefined ? NO_ANSWER : (scaleIndex.get(value) ?? NO_ANSWER);
  });
}
