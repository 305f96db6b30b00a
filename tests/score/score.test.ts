import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { Answers } from "../../src/model/answers.js";
import { DEFAULT_THRESHOLDS } from "../../src/model/question-set.js";
import { assess, flipText, verdictFor } from "../../src/score/score.js";

const set = await loadQuestionSet(new URL("../fixtures/mini", import.meta.url).pathname).then(orThrow);
const answers = (given: Record<string, string>, notes: Record<string, string> = {}): Answers => ({ answers: given, notes });
const stage = (given: Record<string, string>, id = "billing") => assess(set, answers(given)).stages.find((s) => s.id === id)!;

describe("verdictFor", () => {
  it.each([
    [80, 1, "automate"],
    [65, 1, "automate"],
    [64, 1, "hybrid"],
    [50, 1, "hybrid"],
    [36, 1, "hybrid"],
    [35, 1, "human"],
    [0, 1, "human"],
    [90, 0.49, "insufficient"],
    [null, 1, "insufficient"],
  ] as const)("score %s at confidence %s is %s", (score, confidence, verdict) => {
    expect(verdictFor(score, confidence, DEFAULT_THRESHOLDS)).toBe(verdict);
  });
});

describe("assess", () => {
  it("scores a stage as the weighted share of answers pulling toward automation", () => {
    // billing: auto-pay (automate, w3) yes -> 1; negotiated-terms (human, w2) no -> 1; few-problems (automate, w1) no -> 0
    const s = stage({ "auto-pay": "yes", "negotiated-terms": "no", "few-problems": "no" });
    expect(s.score).toBe(Math.round((100 * (3 + 2 + 0)) / 6));
    expect(s.verdict).toBe("automate");
    expect(s.confidence).toBe(1);
  });

  it("keeps human when the answers point to people", () => {
    const s = stage({ "auto-pay": "no", "negotiated-terms": "yes", "few-problems": "no" });
    expect(s.score).toBe(0);
    expect(s.verdict).toBe("human");
    expect(s.reason).toContain("at or below 35");
  });

  it("comes out hybrid when every answer sits at the middle of the scale", () => {
    const all = Object.fromEntries(set.questions.map((q) => [q.id, "partly"]));
    for (const s of assess(set, answers(all)).stages) {
      expect(s.score).toBe(50);
      expect(s.verdict).toBe("hybrid");
    }
  });

  it("comes out insufficient when every answer is unsure, and when nothing is answered", () => {
    const unsure = Object.fromEntries(set.questions.map((q) => [q.id, "unsure"]));
    for (const s of [...assess(set, answers(unsure)).stages, ...assess(set, answers({})).stages]) {
      expect(s.verdict).toBe("insufficient");
      expect(s.score).toBeNull();
      expect(s.confidence).toBe(0);
    }
  });

  it("counts n/a as not answered for confidence, like unsure, and pulls the score toward the middle for both", () => {
    const unsure = stage({ "auto-pay": "yes", "negotiated-terms": "unsure", "few-problems": "yes" });
    const notApplicable = stage({ "auto-pay": "yes", "negotiated-terms": "n/a", "few-problems": "yes" });
    expect(unsure.confidence).toBe(Math.round((4 / 6) * 100) / 100);
    expect(notApplicable.confidence).toBe(unsure.confidence);
    // raw 100 on 4 of 6 weight answered: 50 + 50 x 4/6
    expect(notApplicable.score).toBe(83);
    expect(unsure.score).toBe(notApplicable.score);
    expect(notApplicable.counts).toMatchObject({ answered: 2, notApplicable: 1, unsure: 0 });
    // only automate questions answered: no one on the human side, so no verdict
    expect(notApplicable.verdict).toBe("insufficient");
  });

  it("gives a stage answered all n/a its own verdict, not-applicable", () => {
    const s = stage({ "auto-pay": "n/a", "negotiated-terms": "n/a", "few-problems": "n/a" });
    expect(s).toMatchObject({ verdict: "not-applicable", score: null, confidence: 0, flip: null });
    expect(s.reason).toContain("does not apply");
    expect(s.reason).not.toMatch(/Answer the 0/);
  });

  it("names the answers that moved the score most, strongest first, with their notes", () => {
    const s = assess(set, answers({ "auto-pay": "yes", "negotiated-terms": "yes", "few-problems": "partly" }, { "auto-pay": "by card" })).stages[0]!;
    expect(s.drivers.map((d) => [d.questionId, d.effect])).toEqual([
      ["auto-pay", 25],
      ["negotiated-terms", -16.7],
    ]);
    expect(s.drivers[0]!.note).toBe("by card");
    expect(s.reason).toContain("Would customers rather pay automatically?");
  });

  it("lists KPIs to watch only for stages it recommends automating in whole or part", () => {
    expect(stage({ "auto-pay": "yes", "negotiated-terms": "no", "few-problems": "yes" }).kpis.map((k) => k.id)).toEqual(["churn"]);
    expect(stage({ "auto-pay": "no", "negotiated-terms": "yes", "few-problems": "no" }).kpis).toEqual([]);
  });

  it("carries the client, the campaigns and the set's thresholds", () => {
    const a = assess(set, { ...answers({}), client: "Acme", date: "2026-11-25" });
    expect(a).toMatchObject({ schemaVersion: 2, client: "Acme", date: "2026-11-25", thresholds: DEFAULT_THRESHOLDS });
    expect(a.campaigns.map((c) => c.id)).toEqual(["check-ups"]);
  });
});

describe("scoring properties", () => {
  const values = ["no", "partly", "yes"];
  const combos = (ids: string[]): Record<string, string>[] =>
    ids.length === 0 ? [{}] : combos(ids.slice(1)).flatMap((rest) => [...values, "unsure", "n/a", undefined].map((v) => (v ? { ...rest, [ids[0]!]: v } : rest)));
  const all = combos(set.questions.map((q) => q.id));

  it("never lowers a score when an automate answer moves toward yes, never raises it for a human one", () => {
    for (const given of all) {
      for (const q of set.questions) {
        const i = values.indexOf(given[q.id] ?? "");
        if (i < 0 || i === values.length - 1) continue;
        const before = assess(set, answers(given));
        const after = assess(set, answers({ ...given, [q.id]: values[i + 1]! }));
        before.stages.forEach((s, k) => {
          const moved = after.stages[k]!;
          if (!(s.id in q.stages)) return;
          if (q.signal === "automate") expect(moved.score!).toBeGreaterThanOrEqual(s.score!);
          else expect(moved.score!).toBeLessThanOrEqual(s.score!);
        });
      }
    }
  });

  it("moves only the stages a question weighs on", () => {
    for (const given of all.slice(0, 200)) {
      for (const q of set.questions) {
        const before = assess(set, answers({ ...given, [q.id]: "no" }));
        const after = assess(set, answers({ ...given, [q.id]: "yes" }));
        before.stages.forEach((s, k) => {
          if (!(s.id in q.stages)) expect(after.stages[k]).toEqual(s);
        });
      }
    }
  });

  it("is deterministic and keeps scores in 0..100 and confidence in 0..1", () => {
    for (const given of all) {
      const a = assess(set, answers(given));
      expect(assess(set, answers(given))).toEqual(a);
      for (const s of a.stages) {
        if (s.score !== null) {
          expect(s.score).toBeGreaterThanOrEqual(0);
          expect(s.score).toBeLessThanOrEqual(100);
        }
        expect(s.confidence).toBeGreaterThanOrEqual(0);
        expect(s.confidence).toBeLessThanOrEqual(1);
      }
    }
  });
});

const builtIn = await loadQuestionSet().then(orThrow);

describe("flip points through a gap", () => {
  const gate = builtIn.gates.find((g) => g.fix !== undefined)!;
  const flip = { verdict: "automate" as const, changes: [{ questionId: gate.question, answer: "partly" }] };
  const other = { verdict: "automate" as const, changes: [{ questionId: builtIn.questions.find((q) => q.id !== gate.question)!.id, answer: "yes" }] };

  it.each([
    { name: "the capping gap's question: a gap to close, named", cap: gate, flips: [flip], says: true },
    { name: "another question: an answer to check", cap: gate, flips: [other], says: false },
    { name: "not capped by that gate", cap: undefined, flips: [flip], says: false },
  ])("$name", ({ cap, flips, says }) => {
    const text = flipText(builtIn, flips, "exact", cap)!;
    expect(text.startsWith("One answer from Automate")).toBe(true);
    expect(text.includes(`a gap to close, not an answer to doubt (${gate.name})`)).toBe(says);
  });
});

describe("KPIs fit the business as plays do", () => {
  const usage = builtIn.kpis.find((k) => k.when !== undefined)!;
  const answersOf = (given: Record<string, string>): Answers => ({ answers: given, notes: {} });

  it.each([
    { name: "a product the customer uses", answer: "yes", watched: true },
    { name: "work the firm does for the customer", answer: "no", watched: false },
  ])("$name: the KPI whose `when` it meets is watched only then", ({ answer, watched }) => {
    const [id, values] = Object.entries(usage.when!)[0]!;
    expect(values.includes(answer)).toBe(watched);
    const all = Object.fromEntries(builtIn.questions.map((q) => [q.id, q.signal === "automate" ? "yes" : "no"]));
    const a = assess(builtIn, answersOf({ ...all, [id]: answer }));
    const stages = a.stages.filter((s) => usage.stages.includes(s.id) && (s.verdict === "automate" || s.verdict === "hybrid"));
    expect(stages.length).toBeGreaterThan(0);
    for (const s of stages) expect(s.kpis.some((k) => k.id === usage.id)).toBe(watched);
  });
});

describe("close calls", () => {
  const all = Object.fromEntries(builtIn.questions.map((q) => [q.id, q.signal === "automate" ? "yes" : "no"]));
  const gateQuestions = new Set(builtIn.gates.map((g) => g.question));

  it("a verdict one answer from another through a gate's question is on the edge but no close call; through another answer it is both", () => {
    const a = assess(builtIn, { answers: all, notes: {} });
    const viaGap = a.stages.filter((s) => s.edge && s.flip!.changes.some((c) => gateQuestions.has(c.questionId)));
    expect(viaGap.length).toBeGreaterThan(0);
    for (const s of viaGap) expect(s.closeCall).toBe(false);
    for (const s of a.stages.filter((x) => x.edge && !viaGap.includes(x))) expect(s.closeCall).toBe(true);
    for (const s of a.stages.filter((x) => !x.edge)) expect(s.closeCall).toBe(false);
  });
});
