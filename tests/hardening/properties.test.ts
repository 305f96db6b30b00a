import { readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { InputError, orThrow } from "../../src/errors.js";
import { loadQuestionSet, questionSetFrom } from "../../src/load/question-set.js";
import { parseSource } from "../../src/load/source.js";
import type { Answers } from "../../src/model/answers.js";
import { BUILT_IN_QUESTIONS } from "../../src/paths.js";
import { assess } from "../../src/score/score.js";

// hundreds of generated cases: more than the default 5 s on a loaded two-core machine
vi.setConfig({ testTimeout: 60_000 });

const set = await loadQuestionSet().then(orThrow);
const values = set.scale.map((o) => o.value);
const ordered = set.scale
  .filter((o) => o.counts === "answer")
  .sort((a, b) => a.level! - b.level!)
  .map((o) => o.value);
const answersArb = fc.dictionary(fc.constantFrom(...set.questions.map((q) => q.id)), fc.constantFrom(...values));
const asAnswers = (answers: Record<string, string>): Answers => ({ answers, notes: {} });

describe("scoring, for any answers", () => {
  it("keeps scores in 0..100 and confidence in 0..1, the same every time", () => {
    fc.assert(
      fc.property(answersArb, (given) => {
        const a = assess(set, asAnswers(given));
        expect(assess(set, asAnswers(given))).toEqual(a);
        for (const s of a.stages) {
          if (s.score !== null) expect(s.score >= 0 && s.score <= 100).toBe(true);
          expect(s.confidence >= 0 && s.confidence <= 1).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("moves a score only one way when one answer moves toward yes, and only on the stages it weighs on or gates", () => {
    fc.assert(
      fc.property(answersArb, fc.constantFrom(...set.questions), fc.nat(ordered.length - 2), (given, q, from) => {
        const before = assess(set, asAnswers({ ...given, [q.id]: ordered[from]! }));
        const after = assess(set, asAnswers({ ...given, [q.id]: ordered[from + 1]! }));
        before.stages.forEach((s, i) => {
          const moved = after.stages[i]!;
          // a gate question also bears on the stages its gate caps (their verdict and flip point), not on their score
          const gated = set.gates.some((g) => g.question === q.id && g.stages.includes(s.id));
          // a question a play's or a KPI's 'when' or 'unless' names also bears on which of the stage's plays and KPIs fit
          const names = (c: { when?: Record<string, unknown>; unless?: Record<string, unknown> }) => q.id in (c.when ?? {}) || q.id in (c.unless ?? {});
          const named = set.stages[i]!.plays.some(names);
          const kpiNamed = set.kpis.some((k) => k.stages.includes(s.id) && names(k));
          const withoutPlays = (stage: typeof s) => ({ ...stage, ...(named ? { plays: [] } : {}), ...(kpiNamed ? { kpis: [] } : {}) });
          if (!(s.id in q.stages) && !gated) expect(withoutPlays(moved)).toEqual(withoutPlays(s));
          else if (!(s.id in q.stages)) expect(moved.score).toEqual(s.score);
          else if (q.signal === "automate") expect(moved.score!).toBeGreaterThanOrEqual(s.score!);
          else expect(moved.score!).toBeLessThanOrEqual(s.score!);
        });
      }),
      { numRuns: 300 },
    );
  });
});

describe("loading, for any mutation of the built-in YAML", () => {
  const files = ["questions.yaml", "stages.yaml", "set.yaml"].map((name) => ({ name, text: readFileSync(join(BUILT_IN_QUESTIONS, name), "utf8") }));
  // the files left as they are, parsed once (parsing them again for each of 400 cases took most of this test's time)
  const parsed = new Map(files.map((f) => [f.name, parseSource(f.name, f.text)]));
  const others = (name: string) => files.filter((f) => f.name !== name).map((f) => parsed.get(f.name)!);

  const mutation = fc.oneof(
    fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
    fc.record({
      kind: fc.constant("insert" as const),
      at: fc.nat(),
      text: fc.constantFrom(":", "- ", "  ", "\t", "[", "{", "}", "'", '"', "&a ", "*a", "!!int ", "\n", "# ", "id: x\n", "?", "|", "\u0000", "__proto__: 1\n", "weight: -1"),
    }),
    fc.record({ kind: fc.constant("swap" as const), at: fc.nat(), other: fc.nat() }),
    fc.record({ kind: fc.constant("duplicate" as const), at: fc.nat() }),
  );

  type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

  function mutate(text: string, m: Mutation): string {
    const at = m.at % (text.length + 1);
    if (m.kind === "delete") return text.slice(0, at) + text.slice(at + m.length);
    if (m.kind === "insert") return text.slice(0, at) + m.text + text.slice(at);
    const lines = text.split("\n");
    const i = m.at % lines.length;
    if (m.kind === "duplicate") lines.splice(i, 0, lines[i]!);
    else [lines[i], lines[m.other % lines.length]] = [lines[m.other % lines.length]!, lines[i]!];
    return lines.join("\n");
  }

  it("either validates or gives positioned problems, never an uncaught exception", () => {
    fc.assert(
      fc.property(fc.constantFrom(...files), fc.array(mutation, { minLength: 1, maxLength: 4 }), (file, mutations) => {
        const text = mutations.reduce(mutate, file.text);
        try {
          orThrow(questionSetFrom([parseSource(file.name, text), ...others(file.name)], "mutated"));
        } catch (error) {
          expect(error).toBeInstanceOf(InputError);
          for (const p of (error as InputError).problems) {
            expect(p.message.length).toBeGreaterThan(0);
            if (p.line !== undefined) expect(p.line).toBeGreaterThanOrEqual(1);
          }
        }
      }),
      { numRuns: 250 },
    );
  });
});
