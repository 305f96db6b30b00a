import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { example, tempDir, runInProcess } from "../cli/run.js";

const EXAMPLE = example("self-serve-subscription.yaml");

describe("writing files", () => {
  it("leaves an existing folder in place when --out names it, even with --force", async () => {
    const dir = tempDir();
    const target = join(dir, "report.md");
    mkdirSync(target);
    writeFileSync(join(target, "inside.txt"), "keep");
    const r = await runInProcess(["report", EXAMPLE, "--format", "markdown", "--out", target, "--force"]);
    expect(r.status).toBe(2);
    // "is a folder" first, not "already exists; add --force"
    expect((await runInProcess(["report", EXAMPLE, "--format", "markdown", "--out", target])).stderr).toBe(`${target} is a folder; name a file to write; nothing was changed\n`);
    expect(r.stderr).toBe(`${target} is a folder; name a file to write; nothing was changed\n`);
    expect(statSync(target).isDirectory()).toBe(true);
    expect(readFileSync(join(target, "inside.txt"), "utf8")).toBe("keep");
    expect(readdirSync(dir)).toEqual(["report.md"]);
  });

  it("says so when a part of the --out path is a file", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "file"), "keep");
    const r = await runInProcess(["report", EXAMPLE, "--out", join(dir, "file", "report.md")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/could not be written: .*; nothing was changed/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
    expect(readFileSync(join(dir, "file"), "utf8")).toBe("keep");
  });

  it("leaves no temporary file behind after a successful write", async () => {
    const dir = tempDir();
    expect((await runInProcess(["report", EXAMPLE, "--format", "json", "--out", join(dir, "r.json")])).status).toBe(0);
    expect(readdirSync(dir)).toEqual(["r.json"]);
  });
});
