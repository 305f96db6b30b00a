import type { FileHandle } from "node:fs/promises";
import * as fsp from "node:fs/promises";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { kpis } from "../../src/commands/kpis.js";
import { InputError } from "../../src/errors.js";
import { forgetMarks } from "../../src/io/write.js";
import { tempDir } from "../cli/run.js";

// The disk fills up while the new log is being written: every file opened for writing takes a few bytes, then fails with ENOSPC.
vi.mock("node:fs/promises", async (importOriginal) => {
  const real = await importOriginal<typeof import("node:fs/promises")>();
  return { ...real, open: vi.fn(real.open) };
});

const LOG = [
  "# Dana keeps this log",
  "client: Dunmore Plumbing",
  "kpis:",
  "  renewal-rate:",
  "    owner: Dana",
  "    readings:",
  "      - { date: 2025-12-07, value: 91 }",
  "",
].join("\n");

afterEach(() => {
  vi.mocked(fsp.open).mockReset();
  forgetMarks();
});

describe("kpis add on a full disk", () => {
  it("fails with exit-2 words, and the log, its folder and the lock are as they were", async () => {
    const real = await vi.importActual<typeof import("node:fs/promises")>("node:fs/promises");
    vi.mocked(fsp.open).mockImplementation(async (...args: Parameters<typeof real.open>) => {
      const handle: FileHandle = await real.open(...args);
      const flags = String(args[1] ?? "r");
      if (/\.tmp$/.test(String(args[0])) && /w/.test(flags)) {
        handle.writeFile = async (data: unknown) => {
          await real.appendFile(String(args[0]), String(data).slice(0, 12));
          throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
        };
      }
      return handle;
    });
    const dir = tempDir();
    const log = join(dir, "kpis.yaml");
    writeFileSync(log, LOG);

    const error = await kpis.parseAsync(["add", log, "renewal-rate", "88", "--date", "2026-02-07"], { from: "user" }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).message).toBe(`${log} could not be written: the disk is full (no space left on the device); nothing was changed`);
    // the injection did bite: a temp file was opened for writing
    expect(vi.mocked(fsp.open).mock.calls.some(([path]) => /\.tmp$/.test(String(path)))).toBe(true);
    expect(readFileSync(log, "utf8")).toBe(LOG);
    expect(readdirSync(dir)).toEqual(["kpis.yaml"]);
  });

  it("adds the reading once the disk has room again", async () => {
    const real = await vi.importActual<typeof import("node:fs/promises")>("node:fs/promises");
    vi.mocked(fsp.open).mockImplementation(real.open);
    const dir = tempDir();
    const log = join(dir, "kpis.yaml");
    writeFileSync(log, LOG);
    await kpis.parseAsync(["add", log, "renewal-rate", "88", "--date", "2026-02-07"], { from: "user" });
    expect(readFileSync(log, "utf8")).toBe(LOG.replace("value: 91 }\n", "value: 91 }\n      - { date: 2026-02-07, value: 88 }\n"));
    expect(readdirSync(dir)).toEqual(["kpis.yaml"]);
  });
});
