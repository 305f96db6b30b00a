import fc from "fast-check";
import { describe, expect, it, vi } from "vitest";
import { orThrow } from "../../src/errors.js";
import { parse } from "yaml";
import { answersFileText } from "../../src/interview/save-file.js";
import { checkAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import { quickAnswers } from "../../src/load/respondents.js";
import { parseSource } from "../../src/load/source.js";
import type { Answers } from "../../src/model/answers.js";

vi.setConfig({ testTimeout: 60_000 });

const set = await loadQuestionSet().then(orThrow);
const ids = set.questions.map((q) => q.id);
const values = set.scale.map((o) => o.value);
// Text a founder might type, and text a hostile one would: brackets, quotes, colons, hashes, long runs of spaces, any Unicode.
const text = fc.oneof(
  fc.string({ unit: fc.constantFrom("[", "]", "{", "}", '"', "'", ":", "#", " ", "-", "|", ">", "\\", "a", "é", "\t", "&", "*", "!", "%", "@", "`") }),
  fc.string({ unit: "grapheme", maxLength: 80 }),
  fc.constant("[".repeat(70)),
  fc.constant(`${" ".repeat(300)}x`),
);
const nonBlank = text.filter((t) => t.trim().length > 0);
const answersArb = fc.record(
  {
    client: nonBlank,
    assessor: nonBlank,
    role: nonBlank,
    answers: fc.dictionary(fc.constantFrom(...ids), fc.constantFrom(...values)),
    notes: fc.dictionary(fc.constantFrom(...ids), nonBlank),
  },
  { requiredKeys: ["answers", "notes"] },
);

/** The full loader, as --resume reads a file. */
function fullLoad(text: string): Answers {
  const read = parseSource("a.yaml", text);
  if (!read.value) throw new Error(read.problems.map((p) => p.message).join("; "));
  return orThrow(checkAnswers(read.value, set));
}

describe("what the tool writes, it reads back (F11)", () => {
  it("the full loader, the quick reader and yaml.parse agree on every saved answers file", () => {
    fc.assert(
      fc.property(answersArb, (given) => {
        const answers = { ...given, date: "2026-11-28" } as Answers;
        const file = answersFileText(answers, set, "a.yaml");
        const full = fullLoad(file);
        expect(full).toEqual(answers);
        const quick = quickAnswers(file, set);
        if (quick) expect(quick.answers).toEqual(full);
        const plain = parse(file);
        expect({ ...plain, date: String(plain.date) }).toEqual(answers);
      }),
      { numRuns: 300 },
    );
  });

  it("a note of 70 '[' and a note indented 300 spaces are saved and resumed", () => {
    for (const note of ["[".repeat(70), `${" ".repeat(300)}x`, "{".repeat(200)]) {
      const answers: Answers = { answers: { [ids[0]!]: values[0]! }, notes: { [ids[0]!]: note } };
      expect(fullLoad(answersFileText(answers, set, "a.yaml")).notes[ids[0]!]).toBe(note);
    }
  });

  it("a block scalar indented over 256 spaces reads the same by the quick reader (which leaves it) and the full loader", () => {
    const file = `client: |\n${" ".repeat(300)}Acme\nanswers:\n  ${ids[0]}: ${values[0]}\n`;
    expect(fullLoad(file).client).toBe("Acme\n");
  });

  it("still refuses structures nested too deeply, in flow and in block style", () => {
    for (const deep of [`a: ${"[".repeat(100)}`, Array.from({ length: 100 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n"), `${"- ".repeat(100)}x`]) {
      const read = parseSource("deep.yaml", deep);
      expect(read.problems[0]?.message).toMatch(/nested too deeply/);
    }
  });
});
