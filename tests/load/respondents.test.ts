import { symlinkSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { readRespondents, readTeam, teamFiles } from "../../src/load/respondents.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { Respondent } from "../../src/model/respondent.js";
import { fixture } from "../cli/run.js";
import { type Files, folder, shown } from "./folder.js";

// The team loaders give their problems back (Loaded), never throw them: each case is read in-process, pure of any CLI.
const set = await loadQuestionSet(fixture("mini")).then(orThrow);

const ANA = 'assessor: Ana\nanswers:\n  auto-pay: "yes"\n  negotiated-terms: "no"\n';
const BEN = 'assessor: Ben\nanswers:\n  auto-pay: "no"\n  few-problems: partly\n';
const TYPO = 'assessor: Cy\nanswers:\n  auto-pay: yse\n  few-problem: "no"\n';
const BROKEN = "answers:\n  auto-pay: [\n";
const CSV = "respondent,auto-pay,negotiated-terms\nDee,yes,no\nEve,no,partly\n";
const BAD_CSV = "respondent,auto-pay,negotiated-terms\nDee,yes,no\nEve,maybe,no\nFay,yes\n";

describe("teamFiles returns the files, or every path's problem at once", () => {
  const cases: { name: string; files: Files; paths: string[]; value?: string[]; notices?: string[]; problems?: string[] }[] = [
    {
      name: "a folder's answers files and CSVs, sorted, not hidden ones nor other files",
      files: { "b.yaml": BEN, "a.yml": ANA, "c.json": "{}", "d.csv": CSV, "e.tsv": "", ".hidden.yaml": ANA, "notes.txt": "", "sub/": "" },
      paths: ["."],
      value: ["a.yml", "b.yaml", "c.json", "d.csv", "e.tsv"],
    },
    {
      name: "a file named twice counts once, and says so",
      files: { "a.yaml": ANA },
      paths: ["a.yaml", "./a.yaml", "a.yaml"],
      value: ["a.yaml"],
      notices: ["a.yaml is named 3 times; counted once"],
    },
    { name: "a file is taken as named, whatever it holds", files: { "notes.txt": "" }, paths: ["notes.txt"], value: ["notes.txt"] },
    { name: "a missing path", files: {}, paths: ["gone"], problems: ["gone no such file or folder"] },
    {
      name: "a folder with nothing to read",
      files: { "empty/": "", "empty/notes.txt": "" },
      paths: ["empty"],
      problems: ["empty is a folder; name a YAML or JSON file, or a folder that holds answers files (.yaml, .yml, .json) or a survey .csv: this one holds none"],
    },
    {
      name: "every bad path, each once",
      files: { "a.yaml": ANA, "empty/": "" },
      paths: ["gone", "a.yaml", "empty", "also-gone"],
      problems: [
        "gone no such file or folder",
        "empty is a folder; name a YAML or JSON file, or a folder that holds answers files (.yaml, .yml, .json) or a survey .csv: this one holds none",
        "also-gone no such file or folder",
      ],
    },
  ];
  it.each(cases)("$name", async ({ files, paths, value, notices = [], problems = [] }) => {
    const dir = folder(files);
    const loaded = await teamFiles(paths.map((p) => join(dir, p)));
    expect(shown(dir, loaded)).toEqual(problems);
    expect(loaded.value?.files.map((f) => f.replace(`${dir}/`, ""))).toEqual(value);
    if (value) expect(loaded.value?.notices.map((n) => n.replaceAll(`${dir}/`, ""))).toEqual(notices);
  });

  it("a file and a link to it are one person, counted once with a notice", async () => {
    const dir = folder({ "a.yaml": ANA, "b.yaml": BEN });
    symlinkSync(join(dir, "a.yaml"), join(dir, "link.yaml"));
    const loaded = await teamFiles(["a.yaml", "b.yaml", "link.yaml"].map((p) => join(dir, p)));
    expect(loaded.value?.files.map((f) => f.replace(`${dir}/`, ""))).toEqual(["a.yaml", "b.yaml"]);
    expect(loaded.value?.notices.map((n) => n.replaceAll(`${dir}/`, ""))).toEqual(["a.yaml and link.yaml are the same file; counted once"]);
  });
});

describe("readTeam returns the respondents' count, or every problem (notes first, then by position)", () => {
  const cases: {
    name: string;
    files: Files;
    skipBadRows?: boolean;
    respondents?: string[];
    skipped?: string[];
    problems?: string[];
    uncounted?: number;
  }[] = [
    { name: "answers files and a CSV, in the files' order", files: { "a.yaml": ANA, "b.yaml": BEN, "c.csv": CSV }, respondents: ["Ana", "Ben", "Dee", "Eve"] },
    {
      name: "a bad answers file and a broken one fail the team, with every problem",
      files: { "a.yaml": ANA, "b.yaml": TYPO, "c.yaml": BROKEN },
      problems: [
        "b.yaml:3:13 'yse' is not on the scale for 'auto-pay'; did you mean 'yes'?",
        "b.yaml:4:3 unknown question id 'few-problem'; did you mean 'few-problems'?",
        "c.yaml:3:1 YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]",
      ],
    },
    {
      name: "bad CSV rows, by cell",
      files: { "a.csv": BAD_CSV },
      problems: [
        'a.csv:B3 (header "auto-pay"): "maybe" is not an answer; use Yes, Partly, No, Not sure, Does not apply',
        "a.csv:4:1 row 4 has 2 cells, the header 3; every row needs a cell per column (blank for unanswered)",
      ],
    },
    {
      name: "with skipBadRows the good ones are read and the bad ones set aside",
      files: { "a.yaml": ANA, "b.yaml": TYPO, "c.csv": BAD_CSV },
      skipBadRows: true,
      respondents: ["Ana", "Dee"],
      skipped: [
        "b.yaml:3:13 'yse' is not on the scale for 'auto-pay'; did you mean 'yes'?",
        "b.yaml:4:3 unknown question id 'few-problem'; did you mean 'few-problems'?",
        'c.csv:B3 (header "auto-pay"): "maybe" is not an answer; use Yes, Partly, No, Not sure, Does not apply',
        "c.csv:4:1 row 4 has 2 cells, the header 3; every row needs a cell per column (blank for unanswered)",
      ],
    },
    {
      name: "with skipBadRows, nothing left is still a failure",
      files: { "b.yaml": TYPO },
      skipBadRows: true,
      problems: [
        "nothing to report: every one of the 1 rows and files has a problem:",
        "b.yaml:3:13 'yse' is not on the scale for 'auto-pay'; did you mean 'yes'?",
        "b.yaml:4:3 unknown question id 'few-problem'; did you mean 'few-problems'?",
      ],
    },
    {
      name: "a header column that names no question fails even with skipBadRows",
      files: { "a.csv": "respondent,auto-pay,colour\nDee,yes,blue\n" },
      skipBadRows: true,
      problems: [
        `a.csv:C1 (header "colour") is not a question of the set; head it with a question's text or id (automation-fit template --format csv prints them), or leave it out: add --ignore-column colour`,
      ],
    },
    {
      name: "a note on how a file was read comes before the problems it may explain",
      files: { "a.csv": Buffer.from("respondent,auto-pay\nJos\xe9,yes\nR\xe9mi,oui\n", "latin1") },
      problems: [
        "note: a.csv: Windows-1252 (not UTF-8; if letters look wrong, save as CSV UTF-8)",
        'a.csv:B3 (header "auto-pay"): "oui" is not an answer; use Yes, Partly, No, Not sure, Does not apply',
      ],
    },
  ];
  it.each(cases)("$name", async ({ files, skipBadRows, respondents, skipped = [], problems = [] }) => {
    const dir = folder(files);
    const read: Respondent[] = [];
    const names = Object.keys(files).map((f) => join(dir, f));
    const loaded = await readTeam(names, set, { skipBadRows, onRespondent: (r) => read.push(r) });
    expect(shown(dir, loaded)).toEqual(problems);
    if (respondents) {
      expect(loaded.value?.count).toBe(respondents.length);
      expect(read.map((r) => r.name)).toEqual(respondents);
      expect(shown(dir, { problems: loaded.value?.skipped.problems ?? [] })).toEqual(skipped);
    } else expect(loaded.value).toBeUndefined();
  });

  it("keeps the first thousand problems and counts the rest", async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `P${i},maybe`);
    const dir = folder({ "a.csv": `respondent,auto-pay\n${rows.join("\n")}\n` });
    const loaded = await readTeam([join(dir, "a.csv")], set, { onRespondent: () => {} });
    expect(loaded.value).toBeUndefined();
    expect(loaded.problems).toHaveLength(1000);
    expect(loaded.uncounted).toBe(500);
    expect(() => orThrow(loaded)).toThrow(/\.\.\. and 1,480 more problems$/);
  });
});

describe("readRespondents returns one person's answers, a team, or the problems", () => {
  const cases: { name: string; files: Files; paths: string[]; skipBadRows?: boolean; kind?: "single" | "team"; problems?: string[] }[] = [
    { name: "one answers file is the single report", files: { "a.yaml": ANA }, paths: ["a.yaml"], kind: "single" },
    {
      name: "one bad answers file: its problems",
      files: { "b.yaml": TYPO },
      paths: ["b.yaml"],
      problems: ["b.yaml:3:13 'yse' is not on the scale for 'auto-pay'; did you mean 'yes'?", "b.yaml:4:3 unknown question id 'few-problem'; did you mean 'few-problems'?"],
    },
    { name: "a folder of several is a team", files: { "t/a.yaml": ANA, "t/b.yaml": BEN }, paths: ["t"], kind: "team" },
    { name: "a CSV of one row is the single report", files: { "a.csv": "respondent,auto-pay\nDee,yes\n" }, paths: ["a.csv"], kind: "single" },
    { name: "one left after skipping bad rows is the single report", files: { "t/a.yaml": ANA, "t/b.yaml": TYPO }, paths: ["t"], skipBadRows: true, kind: "single" },
    { name: "a missing path among others", files: { "a.yaml": ANA }, paths: ["a.yaml", "gone"], problems: ["gone no such file or folder"] },
    {
      name: "a team with a bad file",
      files: { "t/a.yaml": ANA, "t/c.yaml": BROKEN },
      paths: ["t"],
      problems: ["t/c.yaml:3:1 YAML syntax: Flow sequence in block collection must be sufficiently indented and end with a ]"],
    },
  ];
  it.each(cases)("$name", async ({ files, paths, skipBadRows, kind, problems = [] }) => {
    const dir = folder(files);
    const loaded = await readRespondents(
      paths.map((p) => join(dir, p)),
      set,
      { skipBadRows, onRespondent: () => {} },
    );
    expect(shown(dir, loaded)).toEqual(problems);
    expect(loaded.value?.kind).toBe(kind);
  });

  it("gives --client to the single report's answers", async () => {
    const dir = folder({ "a.yaml": ANA });
    const loaded = await readRespondents([join(dir, "a.yaml")], set, { survey: { client: "Acme" }, onRespondent: () => {} });
    expect(loaded.value?.kind === "single" && loaded.value.answers).toMatchObject({ client: "Acme", assessor: "Ana", answers: { "auto-pay": "yes" } });
  });
});
