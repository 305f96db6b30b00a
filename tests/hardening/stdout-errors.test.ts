import { execFileSync, spawnSync } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BIN, example, tempDir } from "../cli/run.js";

const EX = example("enterprise-services.yaml");

describe("a failed write to stdout is an error (F15)", () => {
  it("says so and exits non-zero when stdout is a full device (a node with /dev/full's numbers, made here)", () => {
    const full = join(tempDir(), "full");
    execFileSync("mknod", [full, "c", "1", "7"]);
    for (const args of [["report", EX], ["report", EX, "--format", "markdown"], ["validate", EX], ["questions"]]) {
      const fd = openSync(full, "w");
      const r = spawnSync(process.execPath, [BIN, ...args], { stdio: ["ignore", fd, "pipe"], encoding: "utf8" });
      closeSync(fd);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe("could not write the output to stdout: the disk is full (no space left on the device); the output is incomplete\n");
    }
  });

  it("a closed pipe (| head) is no error", () => {
    const r = spawnSync("sh", ["-c", `${process.execPath} ${BIN} report ${EX} --format markdown | head -1`], { encoding: "utf8" });
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^# /);
    expect(r.stderr).toBe("");
  });
});
