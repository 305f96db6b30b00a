import { spawn } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lock, lockFileOf } from "../../src/io/lock.js";
import { tempDir } from "../cli/run.js";

describe("the save file's lock (F27)", () => {
  it("holds the pid and host, and refuses a second taker, naming who holds it", async () => {
    const file = join(tempDir(), "answers.yaml");
    const first = await lock(file);
    expect(JSON.parse(readFileSync(first.file, "utf8"))).toMatchObject({ pid: process.pid, host: hostname() });
    await expect(lock(file)).rejects.toThrow(`is in use by process ${process.pid} on this computer`);
    await first.release();
    expect(existsSync(lockFileOf(file))).toBe(false);
    const again = await lock(file);
    await again.release();
  });

  it("takes over the lock of a process that is gone", async () => {
    const file = join(tempDir(), "answers.yaml");
    const child = spawn(process.execPath, ["-e", ""]);
    const pid = child.pid!;
    await new Promise((done) => child.on("exit", done));
    writeFileSync(lockFileOf(file), JSON.stringify({ pid, host: hostname() }));
    const taken = await lock(file);
    expect(JSON.parse(readFileSync(taken.file, "utf8")).pid).toBe(process.pid);
    await taken.release();
  });

  it("keeps the lock of a process on another host, and says which host", async () => {
    const file = join(tempDir(), "answers.yaml");
    writeFileSync(lockFileOf(file), JSON.stringify({ pid: 1, host: "elsewhere.example" }));
    await expect(lock(file)).rejects.toThrow("is in use by process 1 on host elsewhere.example");
  });
});
