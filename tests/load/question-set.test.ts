import { describe, expect, it } from "vitest";
import { InputError, formatProblem, orThrow } from "../../src/errors.js";
import { loadAnswers } from "../../src/load/answers.js";
import { loadQuestionSet, questionSetFrom } from "../../src/load/question-set.js";
import { parseSource } from "../../src/load/source.js";
import { folder, shown } from "./folder.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const fixture = (name: string) => new URL(`../fixtures/${name}`, import.meta.url).pathname;

async function problemsOf(run: Promise<unknown>): Promise<string[]> {
  try {
    await run;
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems.map((p) => formatProblem(p).replace(/^.*?\/fixtures\//, ""));
  }
  throw new Error("expected the load to fail");
}

describe("loadQuestionSet", () => {
  it("loads a valid set with its stages, questions, KPIs and campaigns", async () => {
    const set = await loadQuestionSet(fixture("mini")).then(orThrow);
    expect(set.set.name).toBe("Mini set");
    expect(set.stages.map((s) => s.id)).toEqual(["billing", "support"]);
    expect(set.questions).toHaveLength(4);
    expect(set.stages[1]!.plays).toEqual([]);
    expect(set.kpis[0]!.stages).toEqual(["billing"]);
  });

  it("reports syntax errors and duplicate keys with line and column", async () => {
    const problems = await problemsOf(loadQuestionSet(fixture("bad/syntax.yaml")).then(orThrow));
    expect(problems[0]).toMatch(/^bad\/syntax\.yaml:3:3 duplicate key/);
    expect(problems.some((p) => /^bad\/syntax\.yaml:\d+:\d+ YAML syntax/.test(p))).toBe(true);
  });

  it("reports every schema error at its node, unknown keys with a suggestion", async () => {
    const problems = await problemsOf(loadQuestionSet(fixture("bad/schema.yaml")).then(orThrow));
    expect(problems).toEqual([
      "bad/schema.yaml:4:5 missing 'description'; add it",
      "bad/schema.yaml:6:5 unknown key 'descripton'; did you mean 'description'?",

      "bad/schema.yaml:11:13 signal: 'automatic' is not allowed; use one of: automate, human; did you mean 'automate'?",
      "bad/schema.yaml:12:24 stage 'billing': a weight must be above 0; remove the stage instead of weighting it 0",
    ]);
  });

  it("reports cross-reference errors all at once: duplicate ids, unknown stages, a question with no stage", async () => {
    expect(await problemsOf(loadQuestionSet(fixture("bad/crossref.yaml")).then(orThrow))).toEqual([
      expect.stringMatching(/^bad\/crossref\.yaml:8:9 duplicate stage id 'billing' \(first at .*crossref\.yaml:5:9\); ids must be unique$/),
      "bad/crossref.yaml:16:15 unknown stage 'biling'; did you mean 'billing'?",
      "bad/crossref.yaml:21:13 question 'no-stage' bears on no stage; add at least one 'stage-id: weight'",
    ]);
  });

  it("reports a mirror pair whose sides weigh differently, at the question's stages", async () => {
    const { questionSetFrom } = await import("../../src/load/question-set.js");
    const { parseSource } = await import("../../src/load/source.js");
    const text = (mirrorStages: string) =>
      `stages: [{id: s, name: S, description: D}, {id: t, name: T, description: D}]\nquestions:\n  - {id: a, text: A?, help: H, signal: automate, stages: {s: 2, t: 1}}\n  - {id: b, mirrors: a, text: B?, help: H, signal: human, stages: ${mirrorStages}}\n`;
    expect(questionSetFrom([parseSource("even.yaml", text("{t: 1, s: 2}"))], "x").problems).toEqual([]);
    for (const uneven of ["{s: 3, t: 1}", "{s: 2}"]) {
      const problems = questionSetFrom([parseSource("uneven.yaml", text(uneven))], "x").problems.map(formatProblem);
      expect(problems).toEqual([
        expect.stringMatching(
          /^uneven\.yaml:4:\d+ 'b' \{.*\} and its mirror 'a' \{s: 2, t: 1\} weigh differently; a pair counts once, so give both sides the same stages and weights$/,
        ),
      ]);
    }
  });

  it("reports thresholds out of order and out of range", async () => {
    expect(await problemsOf(loadQuestionSet(fixture("bad/thresholds.yaml")).then(orThrow))).toEqual([
      "bad/thresholds.yaml:1:36 human: thresholds out of order: 'human' must be below 'automate' (e.g. human: 35, automate: 65)",
      expect.stringMatching(/^bad\/thresholds\.yaml:1:55 minConfidence: .*1/),
    ]);
  });

  it("says so when a folder holds no YAML or a path does not exist", async () => {
    expect(await problemsOf(loadQuestionSet(fixture("empty-folder")).then(orThrow))).toEqual([expect.stringContaining("no such file or folder")]);
    const { mkdtemp } = await import("node:fs/promises");
    const dir = await mkdtemp("/tmp/af-empty-");
    expect((await problemsOf(loadQuestionSet(dir).then(orThrow)))[0]).toContain("no .yaml or .yml files");
  });
});

describe("loadAnswers", () => {
  it("loads answers and notes", async () => {
    const set = await loadQuestionSet(fixture("mini")).then(orThrow);
    const answers = await loadAnswers(fixture("mini-answers.yaml"), set).then(orThrow);
    expect(answers.client).toBe("Acme");
    expect(answers.answers["auto-pay"]).toBe("yes");
    expect(answers.notes["auto-pay"]).toContain("card");
  });

  it("names unknown ids and off-scale values with the nearest valid one", async () => {
    const set = await loadQuestionSet(fixture("mini")).then(orThrow);
    expect(await problemsOf(loadAnswers(fixture("bad-answers.yaml"), set).then(orThrow))).toEqual([
      "bad-answers.yaml:2:13 'yse' is not on the scale for 'auto-pay'; did you mean 'yes'?",
      "bad-answers.yaml:3:3 unknown question id 'negotiated-term'; did you mean 'negotiated-terms'?",
      "bad-answers.yaml:4:17 'true' is not on the scale for 'few-problems'; use one of: yes, partly, no, unsure, n/a",
    ]);
  });

  it("shows schema, reference and scale problems in one run: the later checks run on what is valid (#27)", async () => {
    const mini = readFileSync(fixture("mini/set.yaml"), "utf8")
      .replace(
        "        human: Call the accounts that are late twice.",
        '        human: Call the accounts that are late twice.\n        effort: tiny\n      - title: Chase\n        automate: Chase.\n        human: Call.\n        when: {auto-pai: ["yes", maybe]}',
      )
      .replace("stages: { support: 2 }", "stages: { suport: 2 }");
    const dir = folder({ "set.yaml": mini });
    expect(shown(dir, await loadQuestionSet(join(dir, "set.yaml")))).toEqual([
      "set.yaml:18:17 effort: 'tiny' is not allowed; use one of: small, medium, large",
      "set.yaml:22:16 unknown question id 'auto-pai'; did you mean 'auto-pay'?",
      "set.yaml:22:34 'maybe' is not on the scale; use one of yes, partly, no, unsure, n/a",
      "set.yaml:55:15 unknown stage 'suport'; did you mean 'support'?",
    ]);
  });

  it("blames nothing on a question or stage left out for a schema problem of its own", async () => {
    const mini = readFileSync(fixture("mini/set.yaml"), "utf8").replace("    signal: human\n    stages: { support: 2 }", "    signal: people\n    stages: { support: 2 }");
    const dir = folder({ "set.yaml": mini });
    const problems = shown(dir, await loadQuestionSet(join(dir, "set.yaml")));
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^set\.yaml:49:13 signal: 'people' is not allowed/);
  });

  it("checks an answers file's ids and answers even when its schema has problems (#27)", async () => {
    const set = await loadQuestionSet(fixture("mini")).then(orThrow);
    const dir = folder({ "a.yaml": 'foo: bar\ndate: 2026-02-30\nanswers:\n  auto-pay: "yse"\n  bogus-q: "yes"\nnotes:\n  nothere: "x"\n' });
    expect(shown(dir, await loadAnswers(join(dir, "a.yaml"), set))).toEqual([
      "a.yaml:1:1 unknown key 'foo'; allowed here: $schema, client, assessor, role, date, note, answers, notes, sizing",
      "a.yaml:2:7 date: 2026-02-30 is not a day of the calendar; check the month and day",
      "a.yaml:4:13 'yse' is not on the scale for 'auto-pay'; did you mean 'yes'?",
      "a.yaml:5:3 unknown question id 'bogus-q'",
      "a.yaml:7:3 unknown question id 'nothere'",
    ]);
  });
});

describe("what plays and KPIs name must exist", () => {
  it("a play closing an unknown gate, and a KPI's when/unless naming an unknown question or answer, each at its place", async () => {
    const text = [
      "stages:",
      "  - id: s",
      "    name: S",
      "    description: D",
      "    plays:",
      "      - {title: T, automate: A, human: H, closes: [nobody-on-hnd]}",
      "questions:",
      "  - {id: person-on-hand, text: Q?, help: H, signal: automate, stages: {s: 1}}",
      "gates:",
      '  - {id: nobody-on-hand, question: person-on-hand, answers: ["no"], stages: [s], cap: hybrid, reason: R}',
      "kpis:",
      '  - {id: k, name: K, watch: W?, stages: [s], when: {person-on-hnd: ["yes"]}, unless: {person-on-hand: [yse]}}',
      "",
    ].join("\n");
    expect(await problemsOf(Promise.resolve().then(() => orThrow(questionSetFrom([parseSource("set.yaml", text)], "set"))))).toEqual([
      "set.yaml:6:52 unknown gate 'nobody-on-hnd'; did you mean 'nobody-on-hand'?",
      "set.yaml:12:53 unknown question id 'person-on-hnd'; did you mean 'person-on-hand'?",
      "set.yaml:12:104 'yse' is not on the scale; use one of yes, partly, no, unsure, n/a",
    ]);
  });
});
