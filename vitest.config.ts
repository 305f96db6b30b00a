import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

/** Test files that replace modules (vi.mock, @inquirer/testing) or set options on the shared command objects: each gets a fresh module graph. */
const NEED_FRESH_MODULES = ["tests/kpis/full-disk.test.ts", "tests/interview/prompts.test.ts", "tests/survey/header-and-cells.test.ts"];

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one worker on a two-core machine, idle while the CLI it spawns
    // runs. A worker per core lets one test file's CLI run while another file's test waits on its own.
    maxWorkers: Math.max(2, availableParallelism()),
    // Tests that spawn the CLI several times wait on a shared, sometimes busy machine: a slow run is not a failure.
    testTimeout: 30_000,
    projects: [
      // The rest share their workers' modules: a fresh process and module graph per file cost about half the suite's CPU.
      // Per-run state of the CLI (the files a run marked as its inputs) is reset by runInProcess(), as a new process would.
      { extends: true, test: { name: "shared", include: ["tests/**/*.test.ts"], exclude: NEED_FRESH_MODULES, isolate: false } },
      { extends: true, test: { name: "isolated", include: NEED_FRESH_MODULES } },
    ],
  },
});
