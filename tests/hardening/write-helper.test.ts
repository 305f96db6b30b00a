import { execFileSync } from "node:child_process";
import { chmodSync, chownSync, copyFileSync, linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { checkTarget, failure, forgetMarks, noteInput, noteSaveFile, writeOutput } from "../../src/io/write.js";
import { example, run, runAsNobody, tempDir, runInProcess } from "../cli/run.js";

const EX = example("enterprise-services.yaml");

afterEach(() => forgetMarks());

const message = async (work: Promise<unknown>) =>
  work.then(
    () => "no error",
    (error: Error) => error.message,
  );

describe("the write helper refuses what is not a regular file (F16, F19)", () => {
  it("refuses a FIFO and a device node, and a symlink to either, leaving them as they are", () => {
    const dir = tempDir();
    const fifo = join(dir, "fifo");
    const zero = join(dir, "zero");
    execFileSync("mkfifo", [fifo]);
    execFileSync("mknod", [zero, "c", "1", "5"]);
    symlinkSync(fifo, join(dir, "to-fifo"));
    for (const target of [fifo, zero, join(dir, "to-fifo")]) {
      const r = run(["report", EX, "--out", target, "--force"]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("is not a regular file");
      expect(r.stderr).toContain("nothing was changed");
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(lstatSync(zero).isCharacterDevice()).toBe(true);
    expect(readlinkSync(join(dir, "to-fifo"))).toBe(fifo);
    expect(readdirSync(dir).sort()).toEqual(["fifo", "to-fifo", "zero"]);
  });

  it("says 'is a folder' before 'already exists'", async () => {
    const dir = tempDir();
    expect(await message(writeOutput(dir, "x"))).toBe(`${dir} is a folder; name a file to write; nothing was changed`);
  });
});

describe("no output replaces an input of the run (F17, F29)", () => {
  it("refuses `report mine.yaml --out mine.yaml --force`, and a hard link to it", async () => {
    const dir = tempDir();
    const mine = join(dir, "mine.yaml");
    copyFileSync(EX, mine);
    linkSync(mine, join(dir, "same.yaml"));
    for (const out of [mine, join(dir, "same.yaml")]) {
      const r = await runInProcess(["report", mine, "--out", out, "--force"]);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain("is an input of this run");
    }
    expect(readFileSync(mine, "utf8")).toBe(readFileSync(EX, "utf8"));
  });

  it("refuses the interview's save file for any other output, yet lets the save write it", async () => {
    const dir = tempDir();
    const save = join(dir, "x.yaml");
    noteSaveFile(save);
    expect(await message(writeOutput(save, "report", { force: true }))).toContain("is the interview's save file");
    await writeOutput(save, "answers: {}\n", { save: true });
    expect(readFileSync(save, "utf8")).toBe("answers: {}\n");
  });

  it("refuses an input even to the save, unless it is the file resumed", async () => {
    const dir = tempDir();
    const set = join(dir, "set.yaml");
    writeFileSync(set, "stages: []\n");
    noteInput(set);
    noteSaveFile(set);
    expect(await message(writeOutput(set, "x", { save: true }))).toContain("is an input of this run");
    forgetMarks();
    noteInput(set);
    noteSaveFile(set, { resumed: true });
    await writeOutput(set, "answers: {}\n", { save: true });
  });
});

describe("replacing a file keeps what it was (F18, F20, F32)", () => {
  it("keeps the mode and owner of the file replaced", async () => {
    const dir = tempDir();
    const out = join(dir, "report.md");
    writeFileSync(out, "old");
    chmodSync(out, 0o640);
    chownSync(out, 65534, 65534);
    expect((await runInProcess(["report", EX, "--format", "markdown", "--out", out, "--force"])).status).toBe(0);
    const info = statSync(out);
    expect(info.mode & 0o7777).toBe(0o640);
    expect([info.uid, info.gid]).toEqual([65534, 65534]);
    expect(readFileSync(out, "utf8")).toMatch(/^# /);
  });

  it("writes a valid 249-character file name (the temp file's name stays short)", async () => {
    const dir = tempDir();
    const out = join(dir, `${"r".repeat(246)}.md`);
    const r = await runInProcess(["report", EX, "--format", "markdown", "--out", out]);
    expect(r.stderr).toBe(`wrote ${out}\n`);
    expect(readdirSync(dir)).toEqual([`${"r".repeat(246)}.md`]);
  });

  it("writes through a symlink to its target and keeps the link", async () => {
    const dir = tempDir();
    mkdirSync(join(dir, "real"));
    const target = join(dir, "real", "answers.yaml");
    writeFileSync(target, "old");
    symlinkSync("real/answers.yaml", join(dir, "link.yaml"));
    expect((await runInProcess(["report", EX, "--format", "json", "--out", join(dir, "link.yaml"), "--force"])).status).toBe(0);
    expect(lstatSync(join(dir, "link.yaml")).isSymbolicLink()).toBe(true);
    expect(JSON.parse(readFileSync(target, "utf8")).stages).toHaveLength(8);
    expect(readdirSync(join(dir, "real"))).toEqual(["answers.yaml"]);
  });

  it("writes through a dangling symlink, making its target", async () => {
    const dir = tempDir();
    symlinkSync(join(dir, "made.yaml"), join(dir, "link.yaml"));
    await writeOutput(join(dir, "link.yaml"), "x");
    expect(readFileSync(join(dir, "made.yaml"), "utf8")).toBe("x");
    expect(lstatSync(join(dir, "link.yaml")).isSymbolicLink()).toBe(true);
  });
});

describe("a write that fails says what really failed (F21)", () => {
  it("names a read-only file system, a full disk, a missing folder", async () => {
    expect(failure({ code: "EROFS" }, "/mnt/ro")).toBe("/mnt/ro is on a read-only file system");
    expect(failure({ code: "ENOSPC" }, "/x")).toBe("the disk is full (no space left on the device)");
    expect(failure({ code: "ENOENT" }, "/x/y")).toBe("its folder does not exist (/x/y)");
  });

  it("says 'permission denied' for a folder the user may not write, as a user who is not root", async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const r = runAsNobody(["report", EX, "--out", join(dir, "report.md")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`${join(dir, "report.md")} could not be written: permission denied: the folder ${dir} is not writable; nothing was changed\n`);
  });

  it("init into an unwritable place says permission denied, not 'no such file or folder'", async () => {
    const dir = tempDir();
    chmodSync(dir, 0o755);
    const r = runAsNobody(["init", join(dir, "new", "set")]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("permission denied");
    expect(r.stderr).not.toContain("no such file");
  });

  it("checks the target before any work, without writing it", async () => {
    const dir = tempDir();
    const file = join(dir, "a.md");
    expect(await checkTarget(file)).toEqual({ path: file });
    expect(readdirSync(dir)).toEqual([]);
  });
});
