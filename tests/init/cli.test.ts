import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { example, fixture, ROOT, run, tempDir, runInProcess } from "../cli/run.js";

const BUILT_IN = join(ROOT, "questions");
const FILES = readdirSync(BUILT_IN)
  .filter((n) => /\.(ya?ml|schema\.json)$/.test(n) && n !== "report.schema.json")
  .sort();

describe("automation-fit init", () => {
  it("copies the built-in set and its JSON Schemas into a new folder, and says what was written and what to do next", () => {
    const dir = join(tempDir(), "new", "my-set");
    const r = run(["init", dir]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe("");
    expect(FILES).toEqual(["answers.schema.json", "gates.yaml", "question-set.schema.json", "questions.yaml", "set.yaml", "stages.yaml"]);
    expect(readdirSync(dir).sort()).toEqual(FILES);
    for (const name of FILES) expect(readFileSync(join(dir, name), "utf8")).toBe(readFileSync(join(BUILT_IN, name), "utf8"));
    for (const name of FILES) expect(r.stderr).toContain(`wrote ${join(dir, name)}\n`);
    expect(r.stderr).toContain(`automation-fit validate ${dir}\n`);
    expect(r.stderr).toContain(`automation-fit assess --questions ${dir}\n`);
  });

  it("writes a set whose schema references resolve in the folder, and that validate accepts as it is", async () => {
    const dir = join(tempDir(), "my-set");
    expect((await runInProcess(["init", dir])).status).toBe(0);
    for (const name of FILES.filter((n) => n.endsWith(".yaml"))) {
      const ref = readFileSync(join(dir, name), "utf8").match(/^# yaml-language-server: \$schema=\.\/(.+)$/m)?.[1];
      expect(ref, name).toBeDefined();
      expect(FILES).toContain(ref);
    }
    const v = await runInProcess(["validate", dir]);
    expect(v.status).toBe(0);
    expect(v.stdout).toBe(`${dir}: valid question set (8 stages, 46 questions)\n`);
    const report = await runInProcess(["report", example("regional-accounting-firm.yaml"), "--questions", dir]);
    expect(report.status).toBe(0);
    expect(report.stdout).toBe((await runInProcess(["report", example("regional-accounting-firm.yaml")])).stdout);
  });

  it("starts from another set with --questions, and refuses to copy a set that does not validate", async () => {
    const dir = join(tempDir(), "from-mini");
    const r = await runInProcess(["init", dir, "--questions", fixture("mini")]);
    expect(r.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(["answers.schema.json", "question-set.schema.json", "set.yaml"]);
    expect((await runInProcess(["validate", dir])).stdout).toBe(`${dir}: valid question set (2 stages, 4 questions)\n`);
    const broken = join(tempDir(), "from-broken");
    const bad = await runInProcess(["init", broken, "--questions", fixture("bad/crossref.yaml")]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/crossref\.yaml:16:15 unknown stage 'biling'/);
    expect(() => readdirSync(broken)).toThrow();
  });

  it("writes into an existing folder that holds none of its files, leaving other files alone", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "notes.txt"), "mine");
    expect((await runInProcess(["init", dir])).status).toBe(0);
    expect(readFileSync(join(dir, "notes.txt"), "utf8")).toBe("mine");
    expect(readdirSync(dir).sort()).toEqual([...FILES, "notes.txt"].sort());
  });

  it("refuses, writing nothing, when the folder holds any file it would write; --force replaces them", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "stages.yaml"), "stages: mine\n");
    const r = await runInProcess(["init", dir]);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toBe(`${join(dir, "stages.yaml")} already exists\nnothing was written; add --force to replace it, or choose another folder\n`);
    expect(readdirSync(dir)).toEqual(["stages.yaml"]);
    expect(readFileSync(join(dir, "stages.yaml"), "utf8")).toBe("stages: mine\n");

    const forced = await runInProcess(["init", dir, "--force"]);
    expect(forced.status).toBe(0);
    expect(readdirSync(dir).sort()).toEqual(FILES);
    expect(readFileSync(join(dir, "stages.yaml"), "utf8")).toBe(readFileSync(join(BUILT_IN, "stages.yaml"), "utf8"));
    expect((await runInProcess(["validate", dir])).status).toBe(0);
  });

  it("lists every file in the way at once", async () => {
    const dir = tempDir();
    expect((await runInProcess(["init", dir])).status).toBe(0);
    const r = await runInProcess(["init", dir]);
    expect(r.status).toBe(2);
    expect(r.stderr.trimEnd().split("\n")).toEqual([
      ...FILES.map((n) => `${join(dir, n)} already exists`),
      "nothing was written; add --force to replace them, or choose another folder",
    ]);
  });

  it("refuses a path that is a file, and a missing argument, exit 2 with no stack trace", async () => {
    const file = join(tempDir(), "a-file");
    writeFileSync(file, "x");
    const r = await runInProcess(["init", file]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${file} is a file, not a folder; name a new or existing folder for the question set\n`);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    const under = await runInProcess(["init", join(file, "sub")]);
    expect(under.status).toBe(2);
    expect(under.stderr).toMatch(/^.*a-file\/sub no such file or folder \(a part of the path is a file\)\n$/);
    expect((await runInProcess(["init"])).status).toBe(2);
    const cwd = tempDir();
    const empty = await runInProcess(["init", ""], { cwd });
    expect(empty).toMatchObject({ status: 2, stdout: "", stderr: "init: name a folder to write the set into\n" });
    expect(readdirSync(cwd)).toEqual([]);
  });

  it("quotes a folder name with spaces in the next steps", async () => {
    const dir = join(tempDir(), "my set");
    mkdirSync(dir);
    const r = await runInProcess(["init", dir]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain(`automation-fit validate ${JSON.stringify(dir)}`);
  });
});
