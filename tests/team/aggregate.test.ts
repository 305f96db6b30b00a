import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { aggregate, answerSpread, LISTED_RESPONDENTS, MAX_DISAGREEMENTS, quantile, spreadOf, respondentFigures, TeamTally, uniqueNames } from "../../src/score/aggregate.js";
import { encodeAnswers, type Respondent } from "../../src/model/respondent.js";
import { assessStage } from "../../src/score/score.js";
import { fixture } from "../cli/run.js";

const mini = await loadQuestionSet(fixture("mini")).then(orThrow);
const builtIn = await loadQuestionSet().then(orThrow);

const person = (name: string, answers: Record<string, string>, extra: Partial<Respondent> = {}): Respondent => ({
  name,
  file: `${name}.yaml`,
  answers: encodeAnswers(mini, answers),
  ...extra,
});

// billing: auto-pay (automate x3), negotiated-terms (human x2), few-problems (automate x1); support: few-problems (x2), specific-problems (human x2)
const ana = person("Ana", { "auto-pay": "yes", "negotiated-terms": "no", "few-problems": "yes", "specific-problems": "no" }, { client: "Acme" });
const ben = person("Ben", { "auto-pay": "no", "negotiated-terms": "yes", "few-problems": "partly", "specific-problems": "yes" }, { client: "Acme", role: "sales" });
const cy = person("Cy", { "auto-pay": "yes", "negotiated-terms": "partly", "few-problems": "no", "specific-problems": "unsure" });

/** Scores as the team tally keeps them: a histogram over 0..100, and how many. */
const histogram = (scores: number[]) => {
  const h = new Uint32Array(101);
  for (const x of scores) h[x]!++;
  return [h, scores.length] as const;
};
/** The textbook definition the histogram must match: linear interpolation between neighbours of the sorted scores. */
const sortedQuantile = (scores: number[], p: number) => {
  const s = [...scores].sort((x, y) => x - y);
  const h = (s.length - 1) * p;
  const lo = Math.floor(h);
  return s[lo]! + (h - lo) * (s[Math.min(lo + 1, s.length - 1)]! - s[lo]!);
};

describe("median, quantile and spread, from a histogram of whole-number scores", () => {
  it("takes the middle value, or the mean of the middle two", () => {
    expect(quantile(...histogram([3]), 0.5)).toBe(3);
    expect(quantile(...histogram([1, 2, 9]), 0.5)).toBe(2);
    expect(quantile(...histogram([9, 4, 1, 2]), 0.5)).toBe(3);
  });

  it("interpolates quartiles linearly between neighbours, as numpy's default", () => {
    expect(quantile(...histogram([8, 67, 100]), 0.25)).toBe(37.5);
    expect(quantile(...histogram([8, 67, 100]), 0.75)).toBe(83.5);
    expect(quantile(...histogram([10, 20, 30, 40, 50]), 0.25)).toBe(20);
    expect(quantile(...histogram([]), 0.5)).toBeNaN();
  });

  it("is exactly the sorted scores' quantile, for any scores and fraction", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 60 }), fc.constantFrom(0, 0.25, 0.5, 0.75, 1, 0.1), (scores, p) => {
        expect(quantile(...histogram(scores), p)).toBe(sortedQuantile(scores, p));
      }),
      { numRuns: 300 },
    );
  });

  it("gives min, max and the interquartile range, or null for no scores", () => {
    expect(spreadOf(...histogram([8, 67, 100]))).toEqual({ min: 8, max: 100, q1: 37.5, q3: 83.5, iqr: 46 });
    expect(spreadOf(...histogram([50]))).toEqual({ min: 50, max: 50, q1: 50, q3: 50, iqr: 0 });
    expect(spreadOf(...histogram([]))).toBeNull();
  });

  it("measures answer spread from 0 (all alike) to 1 (split evenly between yes and no), from how many gave each level", () => {
    const levels = [1, 0.5, 0];
    expect(answerSpread(levels, [3, 0, 0])).toBe(0);
    expect(answerSpread(levels, [1, 0, 0])).toBe(0);
    expect(answerSpread(levels, [1, 0, 1])).toBe(1);
    expect(answerSpread(levels, [2, 0, 2])).toBe(1);
    expect(answerSpread(levels, [1, 1, 0])).toBe(0.5);
    expect(answerSpread(levels, [2, 0, 1])).toBeCloseTo(0.9428, 4);
  });

  it("makes repeated names unique", () => {
    expect(uniqueNames(["Ana", "Ben", "Ana", "Ana", "Ana (2)"])).toEqual(["Ana", "Ben", "Ana (2)", "Ana (3)", "Ana (2) (2)"]);
    expect(uniqueNames(["A", "A (2)", "A", "A"])).toEqual(["A", "A (2)", "A (3)", "A (4)"]);
  });

  it("numbers thousands of one name in one pass, each name remembering its next number", () => {
    const names = uniqueNames(Array.from({ length: 20_000 }, () => "Anonymous"));
    expect(names.at(-1)).toBe("Anonymous (20000)");
    expect(new Set(names).size).toBe(20_000);
  });
});

describe("respondentFigures", () => {
  const values = builtIn.scale.map((o) => o.value);
  const answersArb = fc.dictionary(fc.constantFrom(...builtIn.questions.map((q) => q.id)), fc.constantFrom(...values));

  it("scores every stage exactly as assessStage does", () => {
    fc.assert(
      fc.property(answersArb, (given) => {
        const encoded = encodeAnswers(builtIn, given);
        builtIn.stages.forEach((stage, si) => {
          const full = assessStage(builtIn, stage, { answers: given, notes: {} });
          expect(respondentFigures(builtIn, si, encoded)).toEqual({ score: full.score, confidence: full.confidence, verdict: full.verdict });
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("a team's gates", () => {
  it("hold on the team's median answer to each gate's question, as they hold for one respondent", async () => {
    const { loadAnswers } = await import("../../src/load/answers.js");
    const law = await loadAnswers(new URL("../panel/profiles/law-boutique.yaml", import.meta.url).pathname, builtIn).then(orThrow);
    const partner = (name: string, inquiries: string): Respondent => ({
      name,
      file: `${name}.yaml`,
      answers: encodeAnswers(builtIn, { ...law.answers, "routine-inquiries": inquiries }),
    });
    const leadGen = (...answers: string[]) =>
      aggregate(
        builtIn,
        answers.map((a, i) => partner(`P${i}`, a)),
      ).stages.find((s) => s.id === "lead-generation")!;
    // every partner's score keeps lead generation human; the floor holds only where the middle partner sees the routine
    const none = leadGen("no", "no", "partly");
    expect(none).toMatchObject({ verdict: "human", raisedBy: null, cappedBy: null });
    const some = leadGen("no", "partly", "yes");
    expect(some.median!).toBeLessThanOrEqual(builtIn.thresholds.human);
    expect(some).toMatchObject({ verdict: "hybrid", raisedBy: "inquiry-routine", cappedBy: null });
    expect(some.reason).toContain('The median points to keep human; the rule "inquiries handled the same way every time" raises it to hybrid:');
    // two who differ end to end meet in the middle: partly, which the floor takes
    expect(leadGen("no", "yes")).toMatchObject({ verdict: "hybrid", raisedBy: "inquiry-routine" });
  });
});

describe("aggregate", () => {
  const team = aggregate(mini, [ana, ben, cy]);
  const [billing, support] = team.stages;

  it("takes each stage's median of the respondents' scores, with range and quartiles", () => {
    expect(team.respondents.map((r) => r.stages[0]!.score)).toEqual([100, 8, 67]);
    expect(billing).toMatchObject({ median: 67, verdict: "automate", confidence: 1, counted: 3, spread: { min: 8, max: 100, q1: 37.5, q3: 83.5, iqr: 46 } });
    expect(billing!.verdicts).toEqual({ automate: 2, hybrid: 0, human: 1, insufficient: 0, "not-applicable": 0 });
  });

  it("gives the team the mean of the respondents' confidences", () => {
    // Cy answered few-problems only: half of support's weight, pulled halfway to the middle, and too little for a verdict
    expect(team.respondents.map(({ stages: [, r] }) => [r!.score, r!.confidence, r!.verdict])).toEqual([
      [100, 1, "automate"],
      [25, 1, "human"],
      [25, 0.5, "insufficient"],
    ]);
    expect(support).toMatchObject({ median: 62.5, verdict: "hybrid", confidence: 0.83, counted: 2 });
  });

  it("leaves respondents without a verdict of their own out of the median", () => {
    // billing: Dee answered negotiated-terms (weight 2 of 6) only: 50 - 50 x 2/6
    const quiet = person("Dee", { "negotiated-terms": "yes", "auto-pay": "unsure" });
    const t = aggregate(mini, [ana, quiet]);
    expect(t.respondents[1]!.stages[0]).toMatchObject({ score: 33, verdict: "insufficient", confidence: 0.33 });
    expect(t.stages[0]).toMatchObject({ median: 100, counted: 1, confidence: 0.67, verdict: "automate" });
  });

  it("is insufficient when the team answered too little, and says so", () => {
    const blank = person("Eve", {});
    const t = aggregate(mini, [blank, person("Fay", { "auto-pay": "unsure" })]);
    expect(t.stages[0]).toMatchObject({ median: null, spread: null, verdict: "insufficient", confidence: 0, counted: 0, kpis: [] });
    expect(t.stages[0]!.reason).toMatch(/^Too little answered to say: no respondent answered enough/);
    expect(t.disagreements).toEqual([]);
  });

  it("ranks disputed questions by answer spread times their share of their stages' weight", () => {
    expect(team.disagreements.map((d) => [d.questionId, d.spread, d.weight, d.disagreement])).toEqual([
      ["few-problems", 0.82, 0.667, 0.544],
      ["specific-problems", 1, 0.5, 0.5],
      ["auto-pay", 0.94, 0.5, 0.471],
      ["negotiated-terms", 0.82, 0.333, 0.272],
    ]);
  });

  it("shows each respondent's answer and the tally for a disputed question; unsure is not counted as answered", () => {
    const d = team.disagreements.find((x) => x.questionId === "specific-problems")!;
    expect(d.answered).toBe(2);
    expect(team.respondents.map((r) => [r.name, r.answers["specific-problems"]])).toEqual([
      ["Ana", "no"],
      ["Ben", "yes"],
      ["Cy", "unsure"],
    ]);
    expect(d.tally.map((t) => [t.value, t.count])).toEqual([
      ["yes", 1],
      ["partly", 0],
      ["no", 1],
      ["unsure", 1],
      ["n/a", 0],
    ]);
    expect(d.stages).toEqual(["support"]);
  });

  it("keeps at most MAX_DISAGREEMENTS and skips questions everyone answered alike", () => {
    const same = aggregate(mini, [ana, { ...ana, name: "Ana's twin" }]);
    expect(same.disagreements).toEqual([]);
    const many = aggregate(builtIn, [
      { name: "A", file: "a", answers: encodeAnswers(builtIn, Object.fromEntries(builtIn.questions.map((q) => [q.id, "yes"]))) },
      { name: "B", file: "b", answers: encodeAnswers(builtIn, Object.fromEntries(builtIn.questions.map((q) => [q.id, "no"]))) },
    ]);
    expect(many.disagreements).toHaveLength(MAX_DISAGREEMENTS);
    const keys = many.disagreements.map((d) => d.disagreement);
    expect(keys).toEqual([...keys].sort((a, b) => b - a));
  });

  it("explains a split stage, and a median that nobody holds", () => {
    expect(billing!.reason).toBe(
      'Median 67 of 3 respondents\' scores (from 8 to 100). Their own verdicts split: 2 automate, 1 keep human. Most disputed question here: "Would customers rather pay automatically?"',
    );
    const t = aggregate(mini, [ana, ben]);
    expect(t.stages[0]).toMatchObject({ median: 54, verdict: "hybrid", verdicts: { automate: 1, human: 1, hybrid: 0, insufficient: 0, "not-applicable": 0 } });
    expect(t.stages[0]!.reason).toContain("Nobody reaches this verdict on their own");
  });

  it("lists respondents with unique names, role and file, and the most common client", () => {
    const t = aggregate(mini, [ana, ben, { ...cy, name: "Ana", line: 4 }]);
    expect(t).toMatchObject({ schemaVersion: 2, kind: "team", client: "Acme", set: { name: "Mini set" }, respondentCount: 3, fileCount: 3, respondentsListed: true });
    expect(t.respondents.map(({ stages: _, answers: __, ...who }) => who)).toEqual([
      { name: "Ana", file: "Ana.yaml" },
      { name: "Ben", role: "sales", file: "Ben.yaml" },
      { name: "Ana (2)", file: "Cy.yaml", line: 4 },
    ]);
  });

  it("carries plays always, KPIs only where the team's verdict automates, and the campaigns", () => {
    expect(billing!.plays.map((p) => p.title)).toEqual(["Reminders"]);
    expect(billing!.kpis.map((k) => k.id)).toEqual(["churn"]);
    expect(team.campaigns.map((c) => c.id)).toEqual(["check-ups"]);
  });

  it("lists no respondent above LISTED_RESPONDENTS unless asked, and keeps the same figures", () => {
    const many = Array.from({ length: LISTED_RESPONDENTS + 1 }, (_, i) => (i % 3 === 0 ? ana : i % 3 === 1 ? ben : cy));
    const quiet = aggregate(mini, many);
    expect(quiet).toMatchObject({ respondentCount: LISTED_RESPONDENTS + 1, respondentsListed: false, respondents: [] });
    const listed = aggregate(mini, many, { listAll: true });
    expect(listed.respondents).toHaveLength(LISTED_RESPONDENTS + 1);
    expect(listed.respondents.at(-1)!.name).toBe("Ben (334)");
    expect({ ...listed, respondents: [], respondentsListed: false }).toEqual(quiet);
  });

  it("gives a team the same figures in any order of its respondents", () => {
    const order = [ana, ben, cy, ana, cy];
    const strip = (t: ReturnType<typeof aggregate>) => ({ ...t, respondents: [] });
    expect(strip(aggregate(mini, [...order].reverse()))).toEqual(strip(aggregate(mini, order)));
  });
});

describe("team warnings", () => {
  it("name each respondent whose answers contradict themselves or run in a straight line", () => {
    const yes = Object.fromEntries(builtIn.questions.map((q) => [q.id, "yes"]));
    const varied = Object.fromEntries(builtIn.questions.map((q, i) => [q.id, ["yes", "no", "partly"][i % 3]!]));
    const tally = new TeamTally(builtIn);
    tally.add({ name: "Clicker", file: "c.yaml", answers: encodeAnswers(builtIn, yes) });
    tally.add({ name: "Careful", file: "d.yaml", answers: encodeAnswers(builtIn, varied) });
    const warnings = tally.summary(2).warnings;
    expect(warnings.some((w) => w.kind === "straight-lining" && w.message.startsWith("Clicker: "))).toBe(true);
    expect(warnings.some((w) => w.kind === "contradiction" && w.message.startsWith("Clicker: "))).toBe(true);
    expect(warnings.filter((w) => w.message.startsWith("Careful: ") && w.kind === "straight-lining")).toEqual([]);
  });
});
