import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Vitest's default is one worker fewer than the cores: one worker on a two-core machine, idle while the CLI it spawns
    // runs. A worker per core lets one test file's CLI run while another file's test waits on its own.
    maxWorkers: Math.max(2, availableParallelism()),
    // Tests that spawn the CLI several times wait on a shared, sometimes busy machine: a slow run is not a failure.
    testTimeout: 30_000,
  },
});
