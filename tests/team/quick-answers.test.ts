import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { checkAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { quickAnswers } from "../../src/load/respondents.js";
import { parseSource } from "../../src/load/source.js";
import type { QuestionSet } from "../../src/model/question-set.js";
import { encodeAnswers } from "../../src/model/respondent.js";
import { example, fixture } from "../cli/run.js";

const builtIn = await loadQuestionSet().then(orThrow);
const mini = await loadQuestionSet(fixture("mini")).then(orThrow);

/** What the full loader makes of a text, in quickAnswers' terms; undefined when it refuses the file. */
function full(text: string, set: QuestionSet) {
  const read = parseSource("f.yaml", text);
  if (!read.value) return undefined;
  try {
    const answers = orThrow(checkAnswers(read.value, set));
    return { answers, encoded: encodeAnswers(set, answers.answers) };
  } catch {
    return undefined;
  }
}

/** Quick and full agree: the same answers file (every field, keys in the same order: reports are made from it) and encoding. */
function expectSame(quick: ReturnType<typeof quickAnswers>, text: string, set: QuestionSet) {
  const slow = full(text, set);
  expect(quick).toStrictEqual(slow);
  expect(JSON.stringify(quick?.answers)).toBe(JSON.stringify(slow?.answers));
}

describe("quickAnswers, the fast path for plain answers files", () => {
  it("reads the examples and the team examples as the full loader does", () => {
    const files = [
      ...readdirSync(example(""))
        .filter((f) => f.endsWith(".yaml"))
        .map((f) => example(f)),
      ...readdirSync(example("team")).map((f) => join(example("team"), f)),
    ];
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const quick = quickAnswers(text, builtIn);
      expect(full(text, builtIn)).toBeDefined();
      if (quick) expectSame(quick, text, builtIn);
    }
    expect(quickAnswers(readFileSync(join(example("team"), "founder.yaml"), "utf8"), builtIn)).toBeDefined();
  });

  it("reads a renamed question's old id (an alias) as its new one; both ids of one question go to the full loader", () => {
    const renamed = builtIn.questions.find((q) => q.aliases?.length)!;
    const [alias] = renamed.aliases!;
    const other = builtIn.questions.find((q) => q !== renamed)!;
    const text = `client: Acme\nanswers:\n  ${alias}: "yes"\n  ${other.id}: partly\nnotes:\n  ${alias}: Asked again\n`;
    const quick = quickAnswers(text, builtIn);
    expect(quick?.answers.answers).toStrictEqual({ [renamed.id]: "yes", [other.id]: "partly" });
    expect(quick?.answers.notes).toStrictEqual({ [renamed.id]: "Asked again" });
    expectSame(quick, text, builtIn);
    const both = `answers:\n  ${alias}: "yes"\n  ${renamed.id}: "no"\n`;
    expect(quickAnswers(both, builtIn)).toBeUndefined();
    expect(full(both, builtIn)).toBeUndefined();
  });

  it("leaves anything unusual or wrong to the full loader", () => {
    for (const text of [
      "",
      "answers:\n",
      "answers: {auto-pay: yes}\n",
      "answers:\n  auto-pay: yse\n",
      "answers:\n  auto-pay: yes\n  auto-pay: no\n",
      "answers:\n  auto-pai: yes\n",
      "answers:\n  auto-pay: true\n",
      "answers:\n  auto-pay:\n    - yes\n",
      "answers:\n  auto-pay: yes\n   few-problems: no\n",
      "client: Acme: Inc\nanswers:\n  auto-pay: yes\n",
      "client:\nanswers:\n  auto-pay: yes\n",
      "clent: Acme\nanswers:\n  auto-pay: yes\n",
      "answers:\n\tauto-pay: yes\n",
      "---\nanswers:\n  auto-pay: yes\n",
      "\uFEFFanswers:\n  auto-pay: yes\n",
      'answers:\n  auto-pay: "ye\\u0073"\n',
    ]) {
      expect(quickAnswers(text, mini), JSON.stringify(text)).toBeUndefined();
    }
  });

  it("never disagrees with the full loader on generated files", () => {
    const good = fc.constantFrom("yes", '"yes"', "'no'", "no", "partly", "unsure", "n/a", "n/a # why", "yes  ");
    const bad = fc.constantFrom("True", "null", "", "12", "Acme Co", "a: b", "x # c", '"q"x', "é ok", ".5", "[yes]", "'it''s'");
    const value = fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: bad });
    const id = fc.oneof(
      { weight: 8, arbitrary: fc.constantFrom("auto-pay", "negotiated-terms", "few-problems", "specific-problems") },
      { weight: 1, arbitrary: fc.constant("auto-pai") },
    );
    const section = (name: string, v: fc.Arbitrary<string>) =>
      fc
        .tuple(fc.constantFrom(" ", "  ", "    "), fc.uniqueArray(fc.tuple(id, v), { minLength: 1, maxLength: 4, selector: ([k]) => k }))
        .map(([indent, items]) => [`${name}:`, ...items.map(([k, x]) => `${indent}${k}: ${x}`)]);
    const text = fc.oneof(
      { weight: 5, arbitrary: fc.constantFrom("Acme Co", "2026-11-20", "Dana, Acme (ops)", "Ünïcode Co — dash", '"quoted: yes"', "'single'", "yes") },
      { weight: 1, arbitrary: bad },
    );
    // a date is a year-month-day date or refused, by both loaders
    const date = fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom("2026-11-20", '"2026-11-20"', "'2024-02-29'") },
      { weight: 1, arbitrary: fc.constantFrom("2026-02-30", "20-11-2026", "Acme Co", '"%%{init: {}}%%"') },
    );
    const top = fc.uniqueArray(
      fc.oneof(
        { weight: 5, arbitrary: fc.tuple(fc.constantFrom("client", "assessor", "role"), text) },
        { weight: 2, arbitrary: fc.tuple(fc.constant("date"), date) },
        { weight: 1, arbitrary: fc.tuple(fc.constantFrom("$schema", "clent"), text) },
      ),
      { maxLength: 4, selector: ([k]) => k },
    );
    const odd = fc.constantFrom("# comment", "  # indented comment", "", "---", "   few-problems: no", "\tauto-pay: yes", "answers:", "notes: {}", "- yes");
    const file = fc
      .tuple(
        top,
        section("answers", value),
        fc.option(section("notes", text)),
        fc.oneof({ weight: 2, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.tuple(odd, fc.nat()) }),
        fc.boolean(),
        fc.boolean(),
      )
      .map(([scalars, answers, notes, extra, crlf, notesFirst]) => {
        const sections = notesFirst ? [...(notes ?? []), ...answers] : [...answers, ...(notes ?? [])];
        const lines = [...scalars.map(([k, v]) => `${k}: ${v}`), ...sections];
        if (extra) lines.splice(extra[1] % (lines.length + 1), 0, extra[0]);
        return lines.join(crlf ? "\r\n" : "\n");
      });
    let accepted = 0;
    fc.assert(
      fc.property(file, (text) => {
        const quick = quickAnswers(text, mini);
        if (!quick) return;
        accepted++;
        expectSame(quick, text, mini);
      }),
      { numRuns: 3000 },
    );
    // about 340 of 3000 on average; the bound leaves room for the random draw
    expect(accepted).toBeGreaterThan(250);
  });
});
