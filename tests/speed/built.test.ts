// The build's shortcuts for speed (scripts/build.mjs) must not change what the CLI does: the built-in set prepared at build
// time is the loader's own and is dropped as soon as questions/ changes; the code caches are only a cache; start holds none of
// the heavy packages. Correctness only: no timings here (`npm run bench` measures).
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { QuestionSet } from "../../src/model/question-set.js";
import { BUILT_IN_QUESTIONS } from "../../src/paths.js";
import { ROOT, tempDir } from "../cli/run.js";

const EXAMPLE = "examples/self-serve-subscription.yaml";

/** A copy of the package as installed (bin, dist, questions, examples, package.json), to change without touching the real one. */
function installedCopy(): string {
  const dir = tempDir();
  for (const part of ["bin", "dist", "questions", "examples", "package.json"]) cpSync(join(ROOT, part), join(dir, part), { recursive: true });
  return dir;
}

/** Runs the CLI of `dir` (in it), logging every file it reads (and how) to the returned `reads`. */
function runIn(dir: string, args: string[]) {
  const scratch = tempDir();
  const log = join(scratch, "reads.log");
  const preload = join(scratch, "log-reads.cjs");
  writeFileSync(
    preload,
    `const fs = require("node:fs"), fsp = require("node:fs/promises"), { appendFileSync } = fs;
     const log = (how, file) => appendFileSync(process.env.READ_LOG, how + " " + String(file) + "\\n");
     const sync = fs.readFileSync; fs.readFileSync = function (file, ...rest) { log("sync", file); return sync.call(this, file, ...rest); };
     const async = fsp.readFile; fsp.readFile = function (file, ...rest) { log("async", file); return async.call(this, file, ...rest); };`,
  );
  writeFileSync(log, "");
  const { NO_COLOR: _, FORCE_COLOR: __, ...env } = process.env;
  const r = spawnSync(process.execPath, ["-r", preload, join(dir, "bin", "automation-fit.js"), ...args], {
    cwd: dir,
    env: { ...env, READ_LOG: log },
    encoding: "utf8",
    timeout: 20_000,
  });
  const reads = readFileSync(log, "utf8").split("\n").filter(Boolean);
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, reads };
}

const setFileReads = (reads: string[], how: "sync" | "async") => reads.filter((r) => r.startsWith(`${how} `) && /[/\\]questions[/\\][^/\\]+\.ya?ml$/.test(r));

let loaded: QuestionSet;
beforeAll(async () => {
  loaded = await loadQuestionSet(BUILT_IN_QUESTIONS);
});

describe("the built-in set prepared by the build", () => {
  it("is exactly what the loader makes of questions/", () => {
    const r = runIn(ROOT, ["questions", "--format", "json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toStrictEqual(loaded);
  });

  it("is used while questions/ is unchanged: the set files are compared, not parsed", () => {
    const r = runIn(installedCopy(), ["questions", "--format", "json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout)).toStrictEqual(loaded);
    expect(setFileReads(r.reads, "async")).toEqual([]);
    expect(setFileReads(r.reads, "sync").length).toBe(readdirSync(BUILT_IN_QUESTIONS).filter((n) => /\.ya?ml$/.test(n)).length);
  });

  it("gives way to the YAML as soon as a set file is edited", () => {
    const dir = installedCopy();
    const file = join(dir, "questions", "questions.yaml");
    const first = loaded.questions[0]!;
    writeFileSync(file, readFileSync(file, "utf8").replace(first.text, "Edited after the build?"));
    const r = runIn(dir, ["questions", "--format", "json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).questions[0].text).toBe("Edited after the build?");
    expect(setFileReads(r.reads, "async").length).toBeGreaterThan(0);
  });

  it("gives way when a set file is added, and reports a broken one rather than the set it was", () => {
    const added = installedCopy();
    writeFileSync(join(added, "questions", "more.yaml"), "kpis:\n  - id: extra-kpi\n    name: Extra\n    watch: Still fine?\n    stages: [onboarding]\n");
    const more = runIn(added, ["questions", "--format", "json"]);
    expect(more.status).toBe(0);
    expect(JSON.parse(more.stdout).kpis.map((k: { id: string }) => k.id)).toContain("extra-kpi");

    const broken = installedCopy();
    appendFileSync(join(broken, "questions", "stages.yaml"), "\n  - id: [unclosed\n");
    const r = runIn(broken, ["report", EXAMPLE, "--format", "json"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/stages\.yaml:\d+:\d+/);
  });

  it("is not what `validate` checks: it loads questions/ anew", () => {
    const r = runIn(installedCopy(), ["validate"]);
    expect(r.status).toBe(0);
    expect(setFileReads(r.reads, "async").length).toBeGreaterThan(0);
  });
});

describe("the code caches", () => {
  const caches = (dir: string) => readdirSync(join(dir, "dist")).filter((n) => n.endsWith(".cache"));

  it("exist for the three scripts after a build", () => {
    expect(caches(ROOT).map((n) => n.replace(/-[0-9a-f]+\.cache$/, ""))).toEqual(["report", "start", "work"]);
  });

  it("are only a cache: a damaged one changes no output, and is written afresh", () => {
    const expected = runIn(ROOT, ["report", EXAMPLE, "--format", "json"]);
    const dir = installedCopy();
    for (const name of caches(dir)) writeFileSync(join(dir, "dist", name), "not a V8 code cache");
    const r = runIn(dir, ["report", EXAMPLE, "--format", "json"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(expected.stdout);
    // the report leaves the work alone; a command that runs it
    expect(runIn(dir, ["questions", "--format", "json"]).stdout).toBe(runIn(ROOT, ["questions", "--format", "json"]).stdout);
    for (const name of caches(dir)) expect(readFileSync(join(dir, "dist", name), "utf8")).not.toBe("not a V8 code cache");
  });

  it("are not needed: without them the CLI runs the same", () => {
    const expected = runIn(ROOT, ["report", EXAMPLE, "--format", "markdown"]);
    const dir = installedCopy();
    for (const name of caches(dir)) rmSync(join(dir, "dist", name));
    const r = runIn(dir, ["report", EXAMPLE, "--format", "markdown"]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(expected.stdout);
  });
});

describe("what starts", () => {
  const info = () => JSON.parse(readFileSync(join(ROOT, "dist", "build-info.json"), "utf8"));

  it("holds commander, and none of zod, yaml, chalk or inquirer", () => {
    const packages = Object.keys(info().start.packages);
    expect(packages).toContain("commander");
    for (const heavy of ["zod", "yaml", "chalk", "@inquirer/prompts", "@inquirer/core"]) expect(packages).not.toContain(heavy);
  });

  it("does not even read the report or the work for --help, and reads them for a command", () => {
    const { report, work } = info();
    const read = (args: string[], file: string) => runIn(ROOT, args).reads.filter((r) => r.endsWith(file)).length;
    expect([read(["--help"], report.file), read(["--help"], work.file)]).toEqual([0, 0]);
    expect(read(["questions", "--format", "json"], work.file)).toBe(1);
  });

  it("reads only the report script, not the work, for a plain report in JSON or Markdown", () => {
    const { report, work } = info();
    for (const format of ["json", "markdown"]) {
      const { reads } = runIn(ROOT, ["report", EXAMPLE, "--format", format]);
      expect([reads.filter((r) => r.endsWith(report.file)).length, reads.filter((r) => r.endsWith(work.file)).length]).toEqual([1, 0]);
    }
    expect(Object.keys(report.packages)).toEqual([]);
  });

  it("is the same CLI from dist/cli.cjs, for a CommonJS bin", () => {
    for (const args of [["--help"], ["report", EXAMPLE, "--format", "json"], ["report", "no-such-file.yaml"]]) {
      const esm = runIn(ROOT, args);
      const { NO_COLOR: _, FORCE_COLOR: __, ...env } = process.env;
      const cjs = spawnSync(process.execPath, [join(ROOT, "dist", "cli.cjs"), ...args], { cwd: ROOT, encoding: "utf8", env });
      expect([cjs.status, cjs.stdout, cjs.stderr]).toEqual([esm.status, esm.stdout, esm.stderr]);
    }
  });

  it("shares one InputError between start, the report and the work: a bad answers file is a usage error, not a crash", () => {
    const dir = installedCopy();
    writeFileSync(join(dir, "bad.yaml"), "answers:\n  no-such-question: yes\n");
    const r = runIn(dir, ["report", "bad.yaml"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^bad\.yaml:2:3 unknown question id 'no-such-question'/m);
    expect(r.stderr).not.toMatch(/unexpected error/);
  });
});
