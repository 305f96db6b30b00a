// The build (scripts/build.mjs) must not change what the CLI does: the built-in set prepared at build time is the loader's own
// and is dropped as soon as questions/ changes; start-up holds none of the heavy packages. Correctness only: no timings here
// (`npm run bench` measures).
import { spawnSync } from "node:child_process";
import { appendFileSync, cpSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
// @ts-expect-error: a plain .mjs script, no types
import { packageOf, staticInputs } from "../../scripts/build.mjs";
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
  loaded = await loadQuestionSet(BUILT_IN_QUESTIONS).then(orThrow);
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

describe("the build", () => {
  const meta = () => JSON.parse(readFileSync(join(ROOT, "dist", "meta.json"), "utf8"));
  const packagesOf = (inputs: string[]) => [...new Set(inputs.flatMap((f) => packageOf(f) ?? []))];

  it("starts with commander, and none of zod (not even zod/mini), yaml, chalk or inquirer before a command's `await import()`", () => {
    const packages = packagesOf(staticInputs(meta(), "dist/cli.js"));
    expect(packages).toContain("commander");
    for (const heavy of ["zod", "zod/mini", "yaml", "chalk", "@inquirer/core", "@inquirer/select"]) expect(packages).not.toContain(heavy);
  });

  it("has the heavy packages in lazy chunks, and zod as zod/mini alone: no file holds classic zod", () => {
    const all = packagesOf(Object.values(meta().outputs).flatMap((o) => Object.keys((o as { inputs: object }).inputs)));
    for (const heavy of ["zod/mini", "yaml", "chalk", "@inquirer/core"]) expect(all).toContain(heavy);
    expect(all).not.toContain("zod");
    expect(packageOf("node_modules/zod/v4/classic/schemas.js")).toBe("zod");
  });

  it("writes nothing into the install folder at run time", () => {
    const dir = installedCopy();
    const before = readdirSync(dir, { recursive: true }).sort();
    for (const args of [["--help"], ["report", EXAMPLE, "--format", "json"], ["report", EXAMPLE], ["questions"]]) expect(runIn(dir, args).status).toBe(0);
    expect(readdirSync(dir, { recursive: true }).sort()).toEqual(before);
  });

  it("has one InputError for all chunks: a bad answers file is a usage error, not a crash", () => {
    const dir = installedCopy();
    writeFileSync(join(dir, "bad.yaml"), "answers:\n  no-such-question: yes\n");
    const r = runIn(dir, ["report", "bad.yaml"]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^bad\.yaml:2:3 unknown question id 'no-such-question'/m);
    expect(r.stderr).not.toMatch(/unexpected error/);
  });
});
