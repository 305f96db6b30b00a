import type { Flip, FlipVerdict } from "../model/report.js";
import { type AnswerIndexes, NO_ANSWER } from "../model/respondent.js";
import { type PreparedSet, stageFigures, VERDICT_ORDER } from "./kernel.js";

/** Up to this many questions on a stage, the search for the fewest changes is exhaustive; beyond, greedy. */
export const EXACT_FLIP_QUESTIONS = 60;
export const MAX_FLIP_CHANGES = 3;

export interface FlipPoints {
  /** The flips needing the fewest changes, nearer-to-automate first: two on a tie from hybrid, else one or none. */
  flips: Flip[];
  search: "exact" | "greedy";
}

interface Candidate {
  question: number;
  option: number;
  /** How far the answer moves (a tie-break: the smallest total move reads most naturally). */
  move: number;
}

/**
 * The fewest answer changes (up to three) that move a stage's verdict to another of automate, hybrid or human.
 * A change sets a question that bears on the stage (or on one of its gates) to a scored answer of the scale,
 * whether it was answered, unsure or open. Only for a stage with such a verdict; for a single report, never a team.
 */
export function flipPoints(p: PreparedSet, stageIndex: number, answers: AnswerIndexes): FlipPoints {
  const stage = p.stages[stageIndex]!;
  const current = stageFigures(p, stageIndex, answers).verdict;
  const search = stage.questions.length <= EXACT_FLIP_QUESTIONS ? "exact" : "greedy";
  if (!(current in VERDICT_ORDER)) return { flips: [], search };
  const scored = p.kinds.flatMap((kind, i) => (kind === 0 ? [i] : []));
  const candidates: Candidate[][] = stage.questions.map((question) => {
    const now = answers[question]!;
    const nowLevel = now !== NO_ANSWER && p.kinds[now] === 0 ? p.levels[now] : undefined;
    return scored.filter((o) => o !== now).map((option) => ({ question, option, move: nowLevel === undefined ? 1 : Math.abs(p.levels[option]! - nowLevel) }));
  });
  const work = Uint8Array.from({ length: p.set.questions.length }, (_, i) => answers[i] ?? NO_ANSWER);
  const found = search === "exact" ? exact(p, stageIndex, work, candidates, current) : greedy(p, stageIndex, work, candidates, current);
  const flips = [...found.entries()]
    .sort(([a], [b]) => VERDICT_ORDER[a] - VERDICT_ORDER[b])
    .map(([verdict, changes]) => ({ verdict, changes: changes.map((c) => ({ questionId: p.set.questions[c.question]!.id, answer: p.set.scale[c.option]!.value })) }));
  return { flips, search };
}

type Found = Map<FlipVerdict, Candidate[]>;

function verdictWith(p: PreparedSet, stageIndex: number, work: Uint8Array, changes: readonly Candidate[]): string {
  const saved = changes.map((c) => work[c.question]!);
  for (const c of changes) work[c.question] = c.option;
  const verdict = stageFigures(p, stageIndex, work).verdict;
  changes.forEach((c, i) => {
    work[c.question] = saved[i]!;
  });
  return verdict;
}

/** Every combination of 1, then 2, then 3 questions; stops at the first size that flips, keeping the smallest move per target. */
function exact(p: PreparedSet, stageIndex: number, work: Uint8Array, candidates: Candidate[][], current: string): Found {
  for (let size = 1; size <= MAX_FLIP_CHANGES; size++) {
    const best: Found = new Map();
    const moves = new Map<FlipVerdict, number>();
    const chosen: Candidate[] = [];
    const walk = (from: number) => {
      if (chosen.length === size) {
        const verdict = verdictWith(p, stageIndex, work, chosen);
        if (verdict === current || !(verdict in VERDICT_ORDER)) return;
        const move = chosen.reduce((sum, c) => sum + c.move, 0);
        const v = verdict as FlipVerdict;
        if (!best.has(v) || move < moves.get(v)!) {
          best.set(v, [...chosen]);
          moves.set(v, move);
        }
        return;
      }
      for (let q = from; q < candidates.length; q++) {
        for (const c of candidates[q]!) {
          chosen.push(c);
          walk(q + 1);
          chosen.pop();
        }
      }
    };
    walk(0);
    if (best.size) return best;
  }
  return new Map();
}

/** For a long stage: toward each other verdict, up to three times the single change that moves the score most that way. */
function greedy(p: PreparedSet, stageIndex: number, work: Uint8Array, candidates: Candidate[][], current: string): Found {
  const found: Found = new Map();
  for (const target of Object.keys(VERDICT_ORDER) as FlipVerdict[]) {
    if (target === current) continue;
    const up = VERDICT_ORDER[target] < VERDICT_ORDER[current as FlipVerdict];
    const chosen: Candidate[] = [];
    for (let step = 0; step < MAX_FLIP_CHANGES; step++) {
      let pick: Candidate | undefined;
      let pickScore = -Infinity;
      for (const list of candidates) {
        if (chosen.some((c) => c.question === list[0]?.question)) continue;
        for (const c of list) {
          const trial = [...chosen, c];
          const saved = trial.map((t) => work[t.question]!);
          for (const t of trial) work[t.question] = t.option;
          const f = stageFigures(p, stageIndex, work);
          trial.forEach((t, i) => {
            work[t.question] = saved[i]!;
          });
          const gain = f.verdict === target ? Infinity : f.score === null ? -Infinity : up ? f.score : -f.score;
          if (gain > pickScore) {
            pick = c;
            pickScore = gain;
          }
        }
      }
      if (!pick) break;
      chosen.push(pick);
      if (pickScore === Infinity) {
        found.set(target, chosen);
        break;
      }
    }
  }
  const fewest = Math.min(...[...found.values()].map((c) => c.length));
  for (const [v, c] of found) if (c.length > fewest) found.delete(v);
  return found;
}
