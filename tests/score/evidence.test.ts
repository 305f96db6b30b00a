import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { checkAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { parseSource } from "../../src/load/source.js";
import type { Answers } from "../../src/model/answers.js";
import { EXACT_FLIP_QUESTIONS } from "../../src/score/flip.js";
import { assess, fittingPlays, stageFlips, stageVerdict } from "../../src/score/score.js";

const gated = await loadQuestionSet(new URL("../fixtures/gated", import.meta.url).pathname).then(orThrow);
const builtIn = await loadQuestionSet().then(orThrow);
const answers = (given: Record<string, string>, notes: Record<string, string> = {}): Answers => ({ answers: given, notes });
const service = (given: Record<string, string>) => assess(gated, answers(given)).stages[0]!;

// service: same-problems (automate 3) mirrors odd-problems (human 3); self-fix (automate 2), hands-on (human 2), nobody-there (automate 1). Total weight 3 + 2 + 2 + 1 = 8.
const ALL_AUTOMATE = { "same-problems": "yes", "odd-problems": "no", "self-fix": "yes", "hands-on": "no", "nobody-there": "yes" };

describe("mirror questions", () => {
  it("weigh once: a pair answered consistently counts as one question of the heavier weight", () => {
    // pair v = 1 (w3), self-fix 1 (w2), hands-on 1 (w2), nobody-there 1 (w1): 50 + 100 x 4 / 8
    expect(service(ALL_AUTOMATE)).toMatchObject({ score: 100, verdict: "automate", confidence: 1 });
    // one side alone carries the pair's weight: the same score
    const oneSide = service({ ...ALL_AUTOMATE, "odd-problems": "unsure" });
    expect(oneSide.score).toBe(100);
    expect(oneSide.confidence).toBe(1);
  });

  it("flag a contradiction (yes to both sides) and lower the confidence the verdict needs, never the score", () => {
    const both = assess(gated, answers({ ...ALL_AUTOMATE, "odd-problems": "yes" }));
    const s = both.stages[0]!;
    // the pair averages to the middle: 50 + 100 x (0 + 1 + 1 + 0.5) / 8 ... its half-weight off confidence
    expect(s.score).toBe(Math.round(50 + (100 * (3 * 0 + 2 * 0.5 + 2 * 0.5 + 1 * 0.5)) / 8));
    expect(s.confidence).toBe(Math.round(((8 - 1.5) / 8) * 100) / 100);
    expect(both.warnings).toEqual([expect.objectContaining({ kind: "contradiction", questionIds: ["same-problems", "odd-problems"] })]);
    expect(both.warnings![0]!.message).toContain("Are problems specific to each customer?");
    // the score is what a "partly" on the odd side would give minus nothing: contradiction does not move it
    const partly = service({ ...ALL_AUTOMATE, "odd-problems": "partly" });
    expect(partly.confidence).toBe(1);
  });

  it("are declared in the set only between questions of opposite signals, each with one mirror", async () => {
    const { questionSetFrom } = await import("../../src/load/question-set.js");
    const read = (text: string) => parseSource("bad.yaml", text);
    const base = `stages: [{id: s, name: S, description: D}]\nquestions:\n  - {id: a, text: A?, help: H, signal: automate, stages: {s: 1}}\n`;
    expect(() => orThrow(questionSetFrom([read(`${base}  - {id: b, mirrors: a, text: B?, help: H, signal: automate, stages: {s: 1}}\n`)], "x"))).toThrow(
      /both point to 'automate'/,
    );
    expect(() => orThrow(questionSetFrom([read(`${base}  - {id: b, mirrors: nope, text: B?, help: H, signal: human, stages: {s: 1}}\n`)], "x"))).toThrow(
      /unknown question id 'nope'/,
    );
    expect(() => orThrow(questionSetFrom([read(`${base}  - {id: b, aliases: [a], text: B?, help: H, signal: human, stages: {s: 1}}\n`)], "x"))).toThrow(
      /alias 'a' is already the id/,
    );
  });
});

describe("evidence rules", () => {
  it("counts n/a as not answered for confidence and gives an all-n/a stage its own verdict", () => {
    const na = Object.fromEntries(gated.questions.map((q) => [q.id, "n/a"]));
    const a = assess(gated, answers(na));
    expect(a.stages.map((s) => s.verdict)).toEqual(["not-applicable", "not-applicable"]);
    expect(a.stages[0]!.reason).not.toMatch(/Answer the 0/);
    // seven n/a and one answer no longer reach 100%
    const one = service({ ...na, "self-fix": "yes" });
    expect(one.confidence).toBe(0.25);
    expect(one.verdict).toBe("insufficient");
  });

  it("needs three answered questions with one on each side, else insufficient", () => {
    // three answered, all automate-side: no human-side answer
    expect(service({ "same-problems": "yes", "self-fix": "yes", "nobody-there": "yes" }).verdict).toBe("insufficient");
    // two answered, both sides: too few
    expect(service({ "same-problems": "yes", "hands-on": "no" }).verdict).toBe("insufficient");
    expect(service({ "same-problems": "yes", "hands-on": "no", "self-fix": "yes" }).verdict).toBe("automate");
  });

  it("pulls the score toward the middle by the answered share of the stage's weight", () => {
    // same-problems yes (3), self-fix yes (2), hands-on no (2); nobody-there open (1): raw 100, 7 of 8 answered
    expect(service({ "same-problems": "yes", "self-fix": "yes", "hands-on": "no" }).score).toBe(Math.round(50 + 50 * (7 / 8)));
  });

  it("flags a respondent who gives the same answer to nearly everything", () => {
    const yes = Object.fromEntries(builtIn.questions.map((q) => [q.id, "yes"]));
    const a = assess(builtIn, answers(yes));
    expect(a.warnings!.filter((w) => w.kind === "straight-lining")).toHaveLength(1);
    expect(a.warnings!.filter((w) => w.kind === "contradiction").length).toBeGreaterThanOrEqual(5);
    // yes to everything no longer reads as full confidence
    for (const s of a.stages) expect(s.confidence).toBeLessThan(1);
    const varied = assess(builtIn, answers(Object.fromEntries(builtIn.questions.map((q, i) => [q.id, ["yes", "no", "partly"][i % 3]!]))));
    expect(varied.warnings!.filter((w) => w.kind === "straight-lining")).toEqual([]);
  });
});

describe("gates", () => {
  it("cap a stage at hybrid and name the rule, whatever the score", () => {
    const s = service({ ...ALL_AUTOMATE, "nobody-there": "no" });
    expect(s.score).toBeGreaterThanOrEqual(65);
    expect(s).toMatchObject({ verdict: "hybrid", cappedBy: "nobody-on-hand" });
    expect(s.reason).toContain("nobody is there when the automation fails");
    expect(service(ALL_AUTOMATE).cappedBy).toBeNull();
  });

  it("never raise a verdict: a stage already human stays human", () => {
    const s = service({ "same-problems": "no", "odd-problems": "yes", "self-fix": "no", "hands-on": "yes", "nobody-there": "no" });
    expect(s).toMatchObject({ verdict: "human", cappedBy: null });
  });
});

describe("floors", () => {
  const floored = async (gates: string) => {
    const { questionSetFrom } = await import("../../src/load/question-set.js");
    const text = [
      "stages: [{id: s, name: S, description: D}]",
      "questions:",
      "  - {id: routine, text: Is it routine?, help: H, signal: automate, stages: {s: 1}}",
      "  - {id: judgement, text: Does it take judgement?, help: H, signal: human, stages: {s: 3}}",
      "  - {id: fragile, text: Are customers fragile?, help: H, signal: human, stages: {s: 1}}",
      "gates:",
      gates,
    ].join("\n");
    return questionSetFrom([parseSource("floored.yaml", `${text}\n`)], "floored");
  };
  const FLOOR = '  - {id: routine-floor, question: routine, answers: ["yes", partly], stages: [s], floor: hybrid, reason: the routine repeats.}';
  const CAP = '  - {id: fragile-cap, question: fragile, answers: ["yes"], stages: [s], cap: human, reason: customers are fragile.}';
  const stage = (set: Awaited<ReturnType<typeof floored>>, given: Record<string, string>) => assess(orThrow(set), answers(given)).stages[0]!;

  it("raise a stage the score puts at keep human, name the rule, and say what the score alone points to", async () => {
    const set = await floored(`${FLOOR}\n${CAP}`);
    // judgement yes (3), routine partly, fragile partly: 50 + 100 x (-1.5) / 5 = 20
    const s = stage(set, { routine: "partly", judgement: "yes", fragile: "partly" });
    expect(s).toMatchObject({ score: 20, verdict: "hybrid", raisedBy: "routine-floor", cappedBy: null });
    expect(s.reason).toMatch(/^Scores 20, which would point to keep human \(35 or below\); the rule "routine floor" raises it to hybrid: the routine repeats\./);
    // without the routine the floor does not hold
    expect(stage(set, { routine: "no", judgement: "yes", fragile: "partly" })).toMatchObject({ verdict: "human", raisedBy: null });
  });

  it("never lower a verdict, and give way to a cap", async () => {
    const set = await floored(`${FLOOR}\n${CAP}`);
    expect(stage(set, { routine: "yes", judgement: "no", fragile: "no" })).toMatchObject({ score: 100, verdict: "automate", raisedBy: null, cappedBy: null });
    // the cap holds the stage at keep human, the answers' own verdict: no gate is named
    expect(stage(set, { routine: "partly", judgement: "yes", fragile: "yes" })).toMatchObject({ verdict: "human", raisedBy: null, cappedBy: null });
  });

  it("are refused unless a gate caps or raises, from the right end of its question's scale", async () => {
    const problems = async (gate: string) => (await floored(gate)).problems.map((p) => p.message);
    expect(await problems('  - {id: g, question: routine, answers: ["yes"], stages: [s], cap: hybrid, floor: hybrid, reason: R.}')).toEqual([
      expect.stringMatching(/a gate either caps or raises a verdict/),
    ]);
    expect(await problems('  - {id: g, question: routine, answers: ["yes"], stages: [s], reason: R.}')).toEqual([expect.stringMatching(/a gate either caps or raises a verdict/)]);
    expect(await problems('  - {id: g, question: routine, answers: ["no"], stages: [s], floor: hybrid, reason: R.}')).toEqual([
      "the gate holds on 'no' but not on 'yes', which points further toward automating; add 'yes' to its answers, or an answer could move a verdict the wrong way",
    ]);
    expect(await problems("  - {id: g, question: fragile, answers: [partly], stages: [s], cap: hybrid, reason: R.}")).toEqual([
      "the gate holds on 'partly' but not on 'yes', which points further toward a person; add 'yes' to its answers, or an answer could move a verdict the wrong way",
    ]);
  });
});

describe("plays that fit", () => {
  const stage = gated.stages[0]!;
  it("keeps a play whose conditions the answers meet, first; drops one they break; keeps one on an open question", () => {
    expect(fittingPlays(gated, stage, { "same-problems": "yes" }).map((p) => p.title)).toEqual(["Help articles", "Follow up"]);
    expect(fittingPlays(gated, stage, { "same-problems": "no" }).map((p) => p.title)).toEqual(["Named contact", "Follow up"]);
    expect(fittingPlays(gated, stage, {}).map((p) => p.title)).toEqual(["Help articles", "Named contact", "Follow up"]);
  });

  it("drops the plays the issue names for a household plumber", async () => {
    const plumber = await import("../panel/panel.js").then((m) => m.profileAnswers(builtIn, { file: "family-plumber.yaml", heldOut: false, stages: {} }));
    const a = assess(builtIn, plumber);
    const titles = a.stages.flatMap((s) => s.plays.map((p) => p.title));
    expect(titles).not.toContain("Keep every decision maker informed");
    expect(titles).not.toContain("Negotiated terms on file");
    expect(titles).toContain("Schedule the routine work");
    const maintenance = a.stages.find((s) => s.id === "maintenance-calls")!;
    expect(maintenance.plays[0]!.title).toBe("Schedule the routine work");
    expect(maintenance.risk).toMatch(/finger on the pulse/);
  });
});

describe("aliases", () => {
  it("read an old id in an answers file as the renamed question", () => {
    const source = parseSource("old.yaml", 'answers:\n  customer-fixable: "yes"\nnotes:\n  customer-fixable: a note\n').value!;
    expect(orThrow(checkAnswers(source, gated))).toMatchObject({ answers: { "self-fix": "yes" }, notes: { "self-fix": "a note" } });
    const twice = parseSource("twice.yaml", 'answers:\n  customer-fixable: "yes"\n  self-fix: "no"\n').value!;
    expect(() => orThrow(checkAnswers(twice, gated))).toThrow(/'self-fix' and 'customer-fixable' are the same question/);
  });
});

describe("flip points", () => {
  it("find the fewest changes, mark a one-change verdict as on the edge, and say it in words", () => {
    // hybrid from the gate: one change (a person on hand, even partly: the smallest move) makes it automate
    const s = service({ ...ALL_AUTOMATE, "nobody-there": "no" });
    expect(s.flip).toEqual({ verdict: "automate", changes: [{ questionId: "nobody-there", answer: "partly" }] });
    expect(s.edge).toBe(true);
    expect(s.flipSearch).toBe("exact");
    expect(s.flipText).toBe('One answer from Automate: "Is a person on hand when the automation fails?" answered Partly.');
  });

  it("never target insufficient or not-applicable, and none for a stage without a verdict", () => {
    expect(service({}).flip).toBeNull();
    expect(service({ "same-problems": "n/a", "odd-problems": "n/a", "self-fix": "n/a", "hands-on": "n/a", "nobody-there": "n/a" }).flip).toBeNull();
  });

  it("round-trip on the built-in set: applying the changes and scoring again gives the flip's verdict, in fewer changes than any other way", () => {
    const values = builtIn.scale.map((o) => o.value);
    const arb = fc.dictionary(fc.constantFrom(...builtIn.questions.map((q) => q.id)), fc.constantFrom(...values, "yes", "no", "partly"), { minKeys: 25 });
    fc.assert(
      fc.property(arb, (given) => {
        const a = assess(builtIn, answers(given));
        for (const s of a.stages) {
          for (const flip of [s.flip, s.flipOtherWay]) {
            if (!flip) continue;
            expect(flip.verdict).not.toBe(s.verdict);
            expect(["automate", "hybrid", "human"]).toContain(flip.verdict);
            const changed = { ...given, ...Object.fromEntries(flip.changes.map((c) => [c.questionId, c.answer])) };
            expect(stageVerdict(builtIn, s.id, changed)).toBe(flip.verdict);
            for (const c of flip.changes) expect(["yes", "partly", "no"]).toContain(c.answer);
          }
          expect(s.edge).toBe(s.flip?.changes.length === 1);
        }
      }),
      { numRuns: 40 },
    );
  });

  it("search a stage of more than 60 questions greedily, and say so; its flips still round-trip", async () => {
    const { questionSetFrom } = await import("../../src/load/question-set.js");
    // q0 weighs 40, the other 60 one each: q0's answer decides, which a step-by-step search finds at once
    const questions = Array.from({ length: 61 }, (_, i) => `  - {id: q${i}, text: Q${i}?, help: H, signal: ${i % 2 ? "human" : "automate"}, stages: {long: ${i ? 1 : 40}}}`).join(
      "\n",
    );
    const long = orThrow(questionSetFrom([parseSource("long.yaml", `stages: [{id: long, name: Long, description: D}]\nquestions:\n${questions}\n`)], "long"));
    const given = Object.fromEntries(long.questions.map((q, i) => [q.id, i ? "partly" : "yes"]));
    const s = assess(long, answers(given)).stages[0]!;
    expect(s).toMatchObject({ verdict: "automate", flipSearch: "greedy", edge: true });
    expect(s.flip!.changes).toEqual([{ questionId: "q0", answer: "partly" }]);
    expect(stageVerdict(long, "long", { ...given, q0: "partly" })).toBe("hybrid");
    expect(s.flipText).toContain("a shorter way may exist");
    // every answer weighing little: no flip within three changes, and the text says the search was quick
    const even = orThrow(
      questionSetFrom([parseSource("even.yaml", `stages: [{id: long, name: Long, description: D}]\nquestions:\n${questions.replace("long: 40", "long: 1")}\n`)], "even"),
    );
    const flat = assess(even, answers(Object.fromEntries(even.questions.map((q, i) => [q.id, i % 2 ? "no" : "yes"])))).stages[0]!;
    expect(flat.flip).toBeNull();
    expect(flat.flipText).toMatch(/quick search .* found no change of up to three answers/);
  });

  it("search exhaustively up to 60 questions a stage", () => {
    expect(EXACT_FLIP_QUESTIONS).toBe(60);
    const flips = stageFlips(gated, { ...ALL_AUTOMATE });
    expect(flips.service!.search).toBe("exact");
  });
});

describe("monotone within a gate", () => {
  it("an answer toward automating never lowers a verdict, a gate's own question included (each gate holds from one end of its scale)", () => {
    const order = { human: 0, hybrid: 1, automate: 2 } as Record<string, number>;
    const scored = ["no", "partly", "yes"];
    const arb = fc.dictionary(fc.constantFrom(...builtIn.questions.map((q) => q.id)), fc.constantFrom(...scored), { minKeys: 30 });
    fc.assert(
      fc.property(arb, fc.constantFrom(...builtIn.questions), (given, q) => {
        const i = scored.indexOf(given[q.id] ?? "");
        if (i < 0 || i === 2) return;
        const toward = q.signal === "automate" ? scored[i + 1]! : scored[i - 1];
        if (toward === undefined) return;
        const before = assess(builtIn, answers(given), { flips: false });
        const after = assess(builtIn, answers({ ...given, [q.id]: toward }), { flips: false });
        before.stages.forEach((s, k) => {
          const moved = after.stages[k]!;
          expect(moved.score!).toBeGreaterThanOrEqual(s.score!);
          if (s.verdict in order && moved.verdict in order) expect(order[moved.verdict]!).toBeGreaterThanOrEqual(order[s.verdict]!);
        });
      }),
      { numRuns: 200 },
    );
  });
});
