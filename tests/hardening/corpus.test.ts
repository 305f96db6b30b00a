import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { fixture, type Run, run, runInProcess, tempDir } from "../cli/run.js";

const hostile = (name: string) => fixture(`hostile/${name}`);

/** Each bad file and the error `validate` must give it: exit 2, the position, what is wrong, no stack trace. */
const corpus: [file: string, error: RegExp][] = [
  ["unclosed-flow.yaml", /unclosed-flow\.yaml:2:1 YAML syntax: Flow sequence .* end with a \]/],
  ["unclosed-quote.yaml", /unclosed-quote\.yaml:\d+:\d+ YAML syntax: Missing closing "quote/],
  ["tab-indent.yaml", /tab-indent\.yaml:2:1 YAML syntax: a tab is used for indentation; indent with spaces/],
  ["bad-indent.yaml", /bad-indent\.yaml:2:9 YAML syntax: /],
  ["duplicate-keys.yaml", /duplicate-keys\.yaml:3:3 duplicate key 'name' \(first at line 2, column 3\); keep one of them/],
  ["empty.yaml", /empty\.yaml:1:1 is empty/],
  ["binary.yaml", /binary\.yaml is not a text file/],
  ["list-root.yaml", /list-root\.yaml:1:1 holds a list at the top/],
  ["two-documents.yaml", /two-documents\.yaml:2:1 holds more than one YAML document/],
  ["proto-key.yaml", /proto-key\.yaml:1:1 key '__proto__' is not allowed/],
  ["proto-answer.yaml", /proto-answer\.yaml:3:5 key '__proto__' is not allowed/],
  ["constructor-answer.yaml", /constructor-answer\.yaml:2:3 key 'constructor' is not allowed/],
  ["alias-bomb.yaml", /alias-bomb\.yaml:1:1 has too many aliases .* alias bomb/],
];

function expectCleanFailure(r: Run, error: RegExp) {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe("");
  expect(r.stderr).toMatch(error);
  expect(r.stderr).not.toMatch(/^\s+at |Error:/m);
}

describe("a corpus of hostile and broken files", () => {
  it.each(corpus)("%s gets a clear error", async (file, error) => {
    expectCleanFailure(await runInProcess(["validate", hostile(file)]), error);
  });

  it("shows escape sequences from a file as visible text in error messages, never raw", async () => {
    const r = await runInProcess(["validate", "--questions", fixture("mini"), hostile("escape-answer.yaml")]);
    expect(r.status).toBe(2);
    expect(r.stderr).not.toContain("\u001b");
    expect(r.stderr).toContain("escape-answer.yaml:2:13 '^[[2J^[[31mred' is not on the scale for 'auto-pay'");
  });

  it("shows escape sequences from a CSV as visible text when bad rows are skipped", async () => {
    const file = join(tempDir(), "survey.csv");
    writeFileSync(file, "respondent,auto-pay\nAnn,yes\nBob,\u001b[2Jyes\n");
    const r = await runInProcess(["report", file, "--questions", fixture("mini"), "--skip-bad-rows", "--format", "json"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("^[[2Jyes");
    expect(r.stderr).not.toContain("\u001b");
  });

  it("loads a set saved with a byte-order mark and Windows line ends", async () => {
    const r = await runInProcess(["validate", hostile("bom-crlf.yaml")]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/valid question set \(2 stages, 4 questions\)/);
  });

  it("refuses deep nesting", async () => {
    const file = join(tempDir(), "deep.yaml");
    writeFileSync(file, `set: ${"[".repeat(50_000)}${"]".repeat(50_000)}\n`);
    expectCleanFailure(await runInProcess(["validate", file]), /deep\.yaml:\d+:\d+ nested too deeply to read/);
  });

  it("refuses a file of tens of megabytes with its size", async () => {
    const file = join(tempDir(), "huge.yaml");
    writeFileSync(file, `answers:\n${"  q: yes\n".repeat(3_000_000)}`);
    expectCleanFailure(await runInProcess(["validate", file]), /huge\.yaml is 2\d\.\d MB; files over 5 MB are refused/);
  });

  it("says a folder holds no question set", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "notes.txt"), "not yaml");
    expectCleanFailure(await runInProcess(["validate", dir]), /holds no question set \(YAML with stages or questions\), answers files \(YAML with answers\) or survey CSVs/);
  });

  it("refuses what is not a regular file instead of hanging on it", async () => {
    const dir = tempDir();
    const pipe = join(dir, "set.yaml");
    execFileSync("mkfifo", [pipe]);
    expectCleanFailure(run(["validate", pipe]), /set\.yaml is not a regular file/);
    mkdirSync(join(dir, "folder.yaml"));
    expectCleanFailure(await runInProcess(["report", join(dir, "folder.yaml")]), /folder\.yaml is a folder/);
  });

  it("reports a file that cannot be read", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "");
    expectCleanFailure(await runInProcess(["validate", join(dir, "file", "set.yaml")]), /set\.yaml cannot be read|no such file/);
  });
});
