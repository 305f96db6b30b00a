import type { QuestionSet } from "../model/question-set.js";
import type { ConsensusAnswer, Disagreement, Spread, TeamAssessment, TeamRespondent, TeamStage, Warning } from "../model/report.js";
import type { StageSize } from "../model/answers.js";
import { SCHEMA_VERSION, VERDICTS, type Verdict } from "../model/verdict.js";
import { NO_ANSWER, type Respondent } from "../model/respondent.js";
import { gatedVerdict, type PreparedSet, prepareSet, stageFigures, stageThresholds, VERDICT_ORDER } from "./kernel.js";
import { answerWarnings, fits, fittingPlays, gateName, percent, round, verdictFor } from "./score.js";

export const MAX_DISAGREEMENTS = 5;

const VERDICT_WORDS: Record<Verdict, string> = {
  automate: "automate",
  hybrid: "hybrid",
  human: "keep human",
  insufficient: "too little answered",
  "not-applicable": "does not apply",
};
const ANSWER = 0; // the kernel's kind of a scale option that is an answer (not unsure, not n/a)

/** A respondent's score, confidence and verdict for one stage: the one scoring kernel's figures (src/score/kernel.ts). */
export function respondentFigures(set: QuestionSet, stageIndex: number, answers: Uint8Array): { score: number | null; confidence: number; verdict: Verdict } {
  const f = stageFigures(prepareSet(set), stageIndex, answers);
  return { score: f.score, confidence: f.confidence, verdict: f.verdict };
}

/** The value at rank h (0-based, fractional: interpolated linearly between neighbours) of the scores a histogram counts. */
function rankValue(histogram: ArrayLike<number>, h: number): number {
  const lo = Math.floor(h);
  let seen = 0;
  let below = Number.NaN;
  for (let score = 0; score < histogram.length; score++) {
    seen += histogram[score]!;
    if (Number.isNaN(below) && seen > lo) below = score;
    if (seen > lo + 1 || (seen > lo && h === lo)) return below + (h - lo) * (score - below);
  }
  return below;
}

/** The value at fraction p of the counted scores, as numpy's default (linear between neighbours): exact from a histogram. */
export function quantile(histogram: ArrayLike<number>, count: number, p: number): number {
  return count ? rankValue(histogram, (count - 1) * p) : Number.NaN;
}

export function spreadOf(histogram: ArrayLike<number>, count: number): Spread | null {
  if (!count) return null;
  const q1 = round(quantile(histogram, count, 0.25), 1);
  const q3 = round(quantile(histogram, count, 0.75), 1);
  return { min: rankValue(histogram, 0), max: rankValue(histogram, count - 1), q1, q3, iqr: round(q3 - q1, 1) };
}

/** Twice the population standard deviation of answer levels (0..1), from how many gave each level: 0 when all agree, 1 when split evenly between 0 and 1. */
export function answerSpread(levels: readonly number[], counts: readonly number[]): number {
  let n = 0;
  let sum = 0;
  for (let i = 0; i < levels.length; i++) [n, sum] = [n + counts[i]!, sum + counts[i]! * levels[i]!];
  if (n < 2) return 0;
  const mean = sum / n;
  let squares = 0;
  for (let i = 0; i < levels.length; i++) squares += counts[i]! * (levels[i]! - mean) ** 2;
  return 2 * Math.sqrt(squares / n);
}

/**
 * The team's answer to one question, from how many gave each option of the scale: the median answer on the scored options
 * (the middle respondent's, by level; between two, the option nearest their midpoint, the more middling on a tie). The
 * gates and the plan's plays go by it. Where nobody gave a scored answer, the option most gave (unsure, n/a), as one
 * respondent's unsure is kept; NO_ANSWER where nobody answered at all.
 */
export function teamAnswer(counts: ArrayLike<number>, scale: QuestionSet["scale"]): number {
  const scored = scale.flatMap((o, i) => (o.counts === "answer" ? [{ i, level: o.level ?? 0 }] : [])).sort((a, b) => a.level - b.level);
  const answered = scored.map((o) => counts[o.i]!);
  const n = answered.reduce((a, b) => a + b, 0);
  if (!n) {
    let most = NO_ANSWER;
    for (let o = 0; o < scale.length; o++) if (counts[o]! > 0 && (most === NO_ANSWER || counts[o]! > counts[most]!)) most = o;
    return most;
  }
  const levelAt = (rank: number) => {
    let seen = 0;
    for (let k = 0; k < scored.length; k++) {
      seen += answered[k]!;
      if (seen > rank) return scored[k]!.level;
    }
    return scored.at(-1)!.level;
  };
  const mid = (levelAt(Math.floor((n - 1) / 2)) + levelAt(Math.ceil((n - 1) / 2))) / 2;
  return [...scored].sort((a, b) => Math.abs(a.level - mid) - Math.abs(b.level - mid) || Math.abs(a.level - 0.5) - Math.abs(b.level - 0.5))[0]!.i;
}

/** The median of numbers counted by value (value -> how many gave it): the mean of the middle two for an even count. */
export function medianOfCounts(counts: ReadonlyMap<number, number>): number | null {
  const values = [...counts.keys()].sort((a, b) => a - b);
  const n = values.reduce((sum, v) => sum + counts.get(v)!, 0);
  if (n === 0) return null;
  const at = (rank: number) => {
    let seen = 0;
    for (const v of values) {
      seen += counts.get(v)!;
      if (seen > rank) return v;
    }
    return values.at(-1)!;
  };
  return n % 2 ? at((n - 1) / 2) : (at(n / 2 - 1) + at(n / 2)) / 2;
}

/** Makes respondent names unique as they come: a repeated name gets " (2)", " (3)"... (linear: each name remembers its next number). */
export class UniqueNames {
  private readonly used = new Set<string>();
  private readonly next = new Map<string, number>();

  take(name: string): string {
    let candidate = name;
    let n = this.next.get(name) ?? 2;
    while (this.used.has(candidate)) candidate = `${name} (${n++})`;
    this.next.set(name, n);
    this.used.add(candidate);
    return candidate;
  }
}

export function uniqueNames(names: readonly string[]): string[] {
  const unique = new UniqueNames();
  return names.map((n) => unique.take(n));
}

/** Above this many respondents a team report lists none (only how they are distributed), unless asked to. */
export const LISTED_RESPONDENTS = 1000;
/** Distinct client names counted; a team naming more is not one business, and more would only cost memory. */
const MAX_CLIENTS = 100;
const HISTOGRAM = 101;

interface Kept {
  name: string;
  role?: string;
  file: string;
  line?: number;
  comment?: string;
  answers: Uint8Array;
}

/**
 * A team, scored respondent by respondent as they are read: per stage a histogram of the respondents' own scores (whole
 * numbers 0-100, so medians and quartiles stay exact), their verdicts and the sum of their confidences; per question how
 * many gave each answer. Memory does not grow with the number of respondents, except for those listed: up to
 * LISTED_RESPONDENTS, or all with `listAll` (--respondents), the only case where names are kept and made unique.
 *
 * Per stage: the median and spread of the scores of respondents with a verdict of their own; the team's confidence
 * is the mean of their confidences, and its verdict that of the median at that confidence.
 * Per question: spread = 2 × standard deviation of the levels of those who answered it (yes 1, partly 0.5, no 0),
 * weight = sum over its stages of its weight / the stage's total weight; the top `MAX_DISAGREEMENTS` by spread × weight.
 */
/** Warnings kept by name in a team report; a team of a million is summed up after these. */
export const MAX_FLAGGED = 50;

export class TeamTally {
  count = 0;
  private readonly p: PreparedSet;
  /** Per stage id, the sum of its questions' weights: a question's share of it is its weight in a disagreement. */
  private readonly stageWeights = new Map<string, number>();
  private readonly stages: { histogram: Uint32Array; counted: number; verdicts: Record<Verdict, number>; confidenceSum: number }[];
  /** Per question, per scale option: how many gave it; then per question how many left it blank. */
  private readonly tally: Uint32Array;
  private readonly unanswered: Uint32Array;
  /** Per stage id, the sizing respondents gave, counted by value (memory grows with distinct values, never with respondents). */
  private readonly sizes = new Map<string, { times: Map<number, number>; minutes: Map<number, number>; count: number }>();
  private readonly clientCounts = new Map<string, number>();
  private client: string | undefined;
  private kept: Kept[] | undefined = [];
  private readonly names = new UniqueNames();
  /** Respondents whose answers contradict themselves or run in a straight line, named in the team's warnings (the first MAX_FLAGGED). */
  private readonly flagged: Warning[] = [];
  private flaggedCount = 0;
  private flaggedShown = 0;

  constructor(
    private readonly set: QuestionSet,
    private readonly listAll = false,
  ) {
    this.p = prepareSet(set);
    for (const q of set.questions) for (const [id, w] of Object.entries(q.stages)) this.stageWeights.set(id, (this.stageWeights.get(id) ?? 0) + w);
    this.stages = set.stages.map(() => ({
      histogram: new Uint32Array(HISTOGRAM),
      counted: 0,
      verdicts: Object.fromEntries(VERDICTS.map((v) => [v, 0])) as Record<Verdict, number>,
      confidenceSum: 0,
    }));
    this.tally = new Uint32Array(set.questions.length * set.scale.length);
    this.unanswered = new Uint32Array(set.questions.length);
  }

  add(r: Respondent): void {
    this.count++;
    for (let si = 0; si < this.stages.length; si++) {
      const f = stageFigures(this.p, si, r.answers);
      const stage = this.stages[si]!;
      stage.verdicts[f.verdict]++;
      stage.confidenceSum += f.confidence;
      if (f.verdict === "insufficient" || f.verdict === "not-applicable" || f.score === null) continue;
      if (!Number.isInteger(f.score) || f.score < 0 || f.score >= HISTOGRAM) throw new RangeError(`a stage score of ${f.score} is not a whole number from 0 to 100`);
      stage.histogram[f.score]!++;
      stage.counted++;
    }
    const found = answerWarnings(this.p, r.answers);
    if (found.length) {
      this.flaggedCount++;
      if (this.flaggedShown < MAX_FLAGGED) {
        this.flaggedShown++;
        this.flagged.push(...found.map((w) => ({ ...w, message: `${r.name}: ${w.message}` })));
      }
    }
    const width = this.set.scale.length;
    for (let q = 0; q < r.answers.length; q++) {
      const option = r.answers[q]!;
      if (option === NO_ANSWER) this.unanswered[q]!++;
      else this.tally[q * width + option]!++;
    }
    // most respondents size nothing: no entries array made for them
    if (r.sizing)
      for (const [stageId, size] of Object.entries(r.sizing)) {
        const sized = this.sizes.get(stageId) ?? { times: new Map<number, number>(), minutes: new Map<number, number>(), count: 0 };
        this.sizes.set(stageId, sized);
        sized.count++;
        sized.times.set(size.timesPerMonth, (sized.times.get(size.timesPerMonth) ?? 0) + 1);
        sized.minutes.set(size.minutes, (sized.minutes.get(size.minutes) ?? 0) + 1);
      }
    const client = r.client?.trim();
    if (client && (this.clientCounts.has(client) || this.clientCounts.size < MAX_CLIENTS)) {
      const n = (this.clientCounts.get(client) ?? 0) + 1;
      this.clientCounts.set(client, n);
      if (this.client === undefined || n > this.clientCounts.get(this.client)!) this.client = client;
    }
    if (this.kept && !this.listAll && this.count > LISTED_RESPONDENTS) this.kept = undefined;
    const { name, role, file, line, comment, answers } = r;
    this.kept?.push({
      name: this.names.take(name),
      ...(role ? { role } : {}),
      file,
      ...(line !== undefined ? { line } : {}),
      ...(comment ? { comment } : {}),
      answers,
    });
  }

  /** Per question, in the set's order, the team's answer (see teamAnswer) as a scale index or NO_ANSWER. */
  private medianAnswers(): Uint8Array {
    const width = this.set.scale.length;
    return Uint8Array.from(this.set.questions, (_, q) => teamAnswer(this.tally.subarray(q * width, (q + 1) * width), this.set.scale));
  }

  /** Per stage some respondent sized: the median times a month and minutes of those who did, and how many did. */
  sizing(): Record<string, StageSize & { sizedBy: number }> {
    return Object.fromEntries(
      [...this.sizes].map(([id, s]) => [id, { timesPerMonth: round(medianOfCounts(s.times)!, 1), minutes: round(medianOfCounts(s.minutes)!, 1), sizedBy: s.count }]),
    );
  }

  /** The client names the answers give, as many as were counted (most business's teams name one). */
  clients(): string[] {
    return [...this.clientCounts.keys()];
  }

  /** The team without its respondents (`respondents` empty): what a report shows of any team; `listed` says whether respondents() lists them. */
  summary(files: number): TeamAssessment {
    const { set } = this;
    const n = this.count;
    const disputes = set.questions.map((q, index) => this.dispute(q, index));
    const teamAnswers = this.medianAnswers();
    const width = set.scale.length;
    const consensus = set.questions.map((q, qi): ConsensusAnswer => {
      const option = teamAnswers[qi]!;
      const o = option === NO_ANSWER ? undefined : set.scale[option]!;
      return { questionId: q.id, answer: o?.value ?? null, answerLabel: o?.label ?? null, count: o ? this.tally[qi * width + option]! : 0, answered: disputes[qi]!.answered };
    });
    const byId = Object.fromEntries(consensus.flatMap((c) => (c.answer === null ? [] : [[c.questionId, c.answer]])));
    const stages = set.stages.map((stage, si): TeamStage => {
      const { histogram, counted, verdicts, confidenceSum } = this.stages[si]!;
      const mid = counted ? round(quantile(histogram, counted, 0.5), 1) : null;
      const confidence = n ? round(confidenceSum / n, 2) : 0;
      const cut = stageThresholds(set, stage);
      const byScore = verdictFor(mid, confidence, cut);
      // the set's gates hold for a team as for one respondent, on the team's median answer to each gate's question
      const gated = byScore in VERDICT_ORDER ? gatedVerdict(this.p.stages[si]!, byScore as "automate", teamAnswers) : undefined;
      const verdict = gated?.verdict ?? byScore;
      const cap = gated && gated.cappedBy >= 0 ? set.gates[gated.cappedBy]! : undefined;
      const floor = gated && gated.raisedBy >= 0 ? set.gates[gated.raisedBy]! : undefined;
      const spread = spreadOf(histogram, counted);
      const disputed = mostDisputedIn(set, stage.id, disputes);
      const facts = { verdict, byScore, cap, floor, median: mid, spread, confidence, counted, total: n, verdicts };
      return {
        id: stage.id,
        name: stage.name,
        description: stage.description,
        median: mid,
        spread,
        verdict,
        thresholds: { automate: cut.automate, human: cut.human },
        confidence,
        counted,
        verdicts: { ...verdicts },
        reason: teamReason(facts, set, disputed === undefined ? undefined : set.questions[disputed]!.text),
        plays: fittingPlays(set, stage, byId),
        kpis: verdict === "automate" || verdict === "hybrid" ? set.kpis.filter((k) => k.stages.includes(stage.id) && fits(k, byId)) : [],
        cappedBy: cap?.id ?? null,
        cappedByName: cap ? gateName(cap) : null,
        raisedBy: floor?.id ?? null,
        raisedByName: floor ? gateName(floor) : null,
        disputed:
          disputed === undefined
            ? null
            : {
                questionId: set.questions[disputed]!.id,
                question: set.questions[disputed]!.text,
                tally: set.scale.map((o, i) => ({ value: o.value, label: o.label, count: disputes[disputed]!.tally[i]! })),
              },
      };
    });
    const top = disputes
      .filter((d) => d.answered >= 2 && d.spread > 0)
      .sort((a, b) => b.disagreement - a.disagreement || b.spread - a.spread || a.index - b.index)
      .slice(0, MAX_DISAGREEMENTS);
    const disagreements = top.map((d): Disagreement => {
      const q = set.questions[d.index]!;
      return {
        questionId: q.id,
        question: q.text,
        stages: set.stages.filter((s) => q.stages[s.id]).map((s) => s.id),
        answered: d.answered,
        spread: round(d.spread, 2),
        weight: round(d.weight, 3),
        disagreement: round(d.disagreement, 3),
        tally: set.scale.map((o, i) => ({ value: o.value, label: o.label, count: d.tally[i]! })),
        unanswered: d.unanswered,
      };
    });
    return {
      schemaVersion: SCHEMA_VERSION,
      kind: "team",
      set: { name: set.set.name, ...(set.set.version ? { version: set.set.version } : {}) },
      ...(this.client ? { client: this.client } : {}),
      thresholds: set.thresholds,
      respondentCount: n,
      fileCount: files,
      respondentsListed: this.kept !== undefined,
      respondents: [],
      stages,
      disagreements,
      campaigns: set.campaigns,
      warnings: this.teamWarnings(),
      consensus,
      // filled by the plan (withTeamPlan) and the KPI log
      summary: [],
      roadmap: [],
      kpiWatch: [],
    };
  }

  /** Each flagged respondent's warnings by name; past MAX_FLAGGED, how many more there were. */
  private teamWarnings(): Warning[] {
    const more = this.flaggedCount - this.flaggedShown;
    if (more <= 0) return this.flagged;
    return [
      ...this.flagged,
      {
        kind: "straight-lining",
        questionIds: [],
        message: `${more.toLocaleString("en-US")} more respondents' answers contradict themselves or run in a straight line; check them before acting on the team's figures.`,
      },
    ];
  }

  /** The listed respondents, each made as asked for (their stage figures scored again: cheaper than keeping them). */
  *respondents(disagreements: readonly Disagreement[]): Generator<TeamRespondent> {
    const disputed = disagreements.map((d) => [d.questionId, this.set.questions.findIndex((q) => q.id === d.questionId)] as const);
    for (const r of this.kept ?? []) {
      const { answers, ...who } = r;
      yield {
        ...who,
        stages: this.set.stages.map((_, si) => respondentFigures(this.set, si, answers)),
        answers: Object.fromEntries(disputed.map(([id, q]) => [id, answers[q] === NO_ANSWER ? null : this.set.scale[answers[q]!]!.value])),
      };
    }
  }

  /** The whole team, its listed respondents included. */
  result(files: number): TeamAssessment {
    const team = this.summary(files);
    return { ...team, respondents: [...this.respondents(team.disagreements)] };
  }

  private dispute(q: QuestionSet["questions"][number], index: number): Dispute {
    const { p, set } = this;
    const width = set.scale.length;
    const tally = Array.from(this.tally.subarray(index * width, (index + 1) * width));
    const answeredCounts = tally.map((n, o) => (p.kinds[o] === ANSWER ? n : 0));
    const answered = answeredCounts.reduce((a, b) => a + b, 0);
    let weight = 0;
    for (const [stageId, w] of Object.entries(q.stages)) weight += w / (this.stageWeights.get(stageId) ?? w);
    const spread = answerSpread(p.levels, answeredCounts);
    return { index, answered, unanswered: this.unanswered[index]!, tally, spread, weight, disagreement: spread * weight };
  }
}

/** Scores a team held in memory (tests, small teams): a TeamTally fed every respondent. */
export function aggregate(set: QuestionSet, respondents: Iterable<Respondent>, { listAll = false, files }: { listAll?: boolean; files?: number } = {}): TeamAssessment {
  const tally = new TeamTally(set, listAll);
  const seen = new Set<string>();
  for (const r of respondents) {
    tally.add(r);
    if (files === undefined) seen.add(r.file);
  }
  return tally.result(files ?? seen.size);
}

interface Dispute {
  index: number;
  answered: number;
  unanswered: number;
  tally: number[];
  spread: number;
  weight: number;
  disagreement: number;
}

/** The question bearing on a stage that moves its scores apart the most, if any does. */
function mostDisputedIn(set: QuestionSet, stageId: string, disputes: Dispute[]): number | undefined {
  let best: number | undefined;
  let bestPull = 0;
  set.questions.forEach((q, qi) => {
    const d = disputes[qi]!;
    const pull = d.answered >= 2 ? d.spread * (q.stages[stageId] ?? 0) : 0;
    if (pull > bestPull) [best, bestPull] = [qi, pull];
  });
  return best;
}

interface ReasonFacts {
  verdict: Verdict;
  /** The verdict of the median score, before the gates. */
  byScore: Verdict;
  cap: QuestionSet["gates"][number] | undefined;
  floor: QuestionSet["gates"][number] | undefined;
  median: number | null;
  spread: Spread | null;
  confidence: number;
  counted: number;
  total: number;
  verdicts: Record<Verdict, number>;
}

function teamReason(f: ReasonFacts, set: QuestionSet, disputed: string | undefined): string {
  const t = set.thresholds;
  const parts: string[] = [];
  if (f.verdict === "insufficient") {
    parts.push(
      f.counted === 0
        ? `Too little answered to say: no respondent answered enough of this stage for a verdict of their own (team confidence ${percent(f.confidence)}, needs ${percent(t.minConfidence)}).`
        : `Too little answered to say: the team answered ${percent(f.confidence)} of this stage by weight (needs ${percent(t.minConfidence)}); ${count(f.counted)} of ${count(f.total)} respondents answered enough for a verdict of their own.`,
    );
  } else {
    const s = f.spread!;
    const range = s.min === s.max ? `all at ${s.min}` : `from ${s.min} to ${s.max}`;
    parts.push(`Median ${f.median} of ${count(f.counted)} respondent${f.counted === 1 ? "" : "s"}' scores (${range}${f.counted > 3 ? `, middle half ${s.q1} to ${s.q3}` : ""}).`);
    const split = VERDICTS.filter((v) => f.verdicts[v] > 0);
    if (split.length === 1) parts.push(f.total === 1 ? "" : `All ${count(f.total)} reach this verdict on their own.`);
    else {
      parts.push(`Their own verdicts split: ${split.map((v) => `${count(f.verdicts[v])} ${VERDICT_WORDS[v]}`).join(", ")}.`);
      if (f.verdicts[f.verdict] === 0) parts.push("Nobody reaches this verdict on their own: the median falls between opposing views, so talk them through before acting on it.");
      if (disputed !== undefined) parts.push(`Most disputed question here: "${disputed}"`);
    }
    const words = (v: Verdict) => VERDICT_WORDS[v];
    if (f.floor) parts.push(`The median points to ${words(f.byScore)}; the rule "${gateName(f.floor)}" raises it${f.cap ? "" : ` to ${words(f.verdict)}`}: ${f.floor.reason}`);
    if (f.cap) parts.push(`${f.floor ? "Then the" : `The median points to ${words(f.byScore)}; the`} gate "${gateName(f.cap)}" caps it at ${words(f.verdict)}: ${f.cap.reason}`);
  }
  return parts.filter(Boolean).join(" ");
}

const count = (n: number) => n.toLocaleString("en-US");
