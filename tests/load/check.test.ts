import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Loaded } from "../../src/errors.js";
import { checkInput } from "../../src/load/check.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { QuestionSet } from "../../src/model/question-set.js";
import { fixture } from "../cli/run.js";
import { type Files, folder, shown } from "./folder.js";

// What validate checks, read in-process: checkInput says what a path is, or gives back every problem; it never throws them.
const mini = await loadQuestionSet(fixture("mini"));
const broken = await loadQuestionSet(fixture("bad/crossref.yaml"));

const ANA = 'assessor: Ana\nanswers:\n  auto-pay: "yes"\n  negotiated-terms: "no"\n';
const TYPO = "answers:\n  auto-pay: yse\n";
const REPORT = '{ "schemaVersion": 2, "kind": "team", "stages": [] }\n';

describe("checkInput returns what a path is, or its problems", () => {
  const cases: { name: string; files: Files; path: string; set?: Loaded<QuestionSet>; line?: string; problems?: string[] }[] = [
    { name: "a question set file", files: { "set.yaml": "fixture:mini/set.yaml" }, path: "set.yaml", line: "set.yaml: valid question set (2 stages, 4 questions)" },
    { name: "a question set folder", files: { "s/set.yaml": "fixture:mini/set.yaml" }, path: "s", line: "s: valid question set (2 stages, 4 questions)" },
    { name: "an answers file", files: { "a.yaml": ANA }, path: "a.yaml", line: "a.yaml: valid answers file (2 of 4 questions answered)" },
    { name: "a team folder", files: { "t/a.yaml": ANA, "t/b.yaml": ANA }, path: "t", line: "t: valid team folder (2 respondents from 2 files)" },
    { name: "a survey export", files: { "a.csv": "respondent,auto-pay\nDee,yes\nEve,no\n" }, path: "a.csv", line: "a.csv: valid survey export (2 respondents)" },
    { name: "a bad answers file", files: { "a.yaml": TYPO }, path: "a.yaml", problems: ["a.yaml:2:13 'yse' is not on the scale for 'auto-pay'; did you mean 'yes'?"] },
    {
      name: "an answers file against a broken set: the set's problems",
      files: { "a.yaml": ANA },
      path: "a.yaml",
      set: broken,
      problems: [
        expect.stringMatching(/^bad\/crossref\.yaml:8:9 duplicate stage id 'billing'/),
        "bad/crossref.yaml:16:15 unknown stage 'biling'; did you mean 'billing'?",
        "bad/crossref.yaml:21:13 question 'no-stage' bears on no stage; add at least one 'stage-id: weight'",
      ],
    },
    {
      name: "a broken set file",
      files: { "set.yaml": "fixture:bad/crossref.yaml" },
      path: "set.yaml",
      problems: [expect.stringMatching(/^set\.yaml:8:9 duplicate stage id/), expect.anything(), expect.anything()],
    },
    {
      name: "a team report is no input",
      files: { "r.json": REPORT },
      path: "r.json",
      problems: [
        "r.json:1:31 is a team report made by 'automation-fit report --format json', not a question set, answers file or survey export; validate checks what report reads",
      ],
    },
    {
      name: "a team folder with a bad file",
      files: { "t/a.yaml": ANA, "t/b.yaml": TYPO },
      path: "t",
      problems: ["t/b.yaml:2:13 'yse' is not on the scale for 'auto-pay'; did you mean 'yes'?"],
    },
    {
      name: "a folder of a set and answers at once",
      files: { "m/set.yaml": "fixture:mini/set.yaml", "m/a.yaml": ANA },
      path: "m",
      problems: ["m holds both a question set (set.yaml) and answers (a.yaml); keep a set and the answers to it in separate folders"],
    },
    {
      name: "a folder of nothing to check",
      files: { "e/": "" },
      path: "e",
      problems: ["e holds no question set (YAML with stages or questions), answers files (YAML with answers) or survey CSVs"],
    },
    { name: "a missing file", files: {}, path: "gone.yaml", problems: ["gone.yaml no such file or folder"] },
  ];
  it.each(cases)("$name", async ({ files, path, set = mini, line, problems = [] }) => {
    const dir = folder(files);
    const checked = await checkInput(join(dir, path), async () => set);
    expect(shown(dir, checked)).toEqual(problems);
    expect(checked.value?.line.replace(`${dir}/`, "")).toBe(line);
  });
});
