import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { main } from "../../src/cli.js";
import { forgetMarks } from "../../src/io/write.js";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));
export const BIN = join(ROOT, "bin/automation-fit.js");
export const fixture = (name: string) => join(ROOT, "tests/fixtures", name);
export const example = (name: string) => join(ROOT, "examples", name);

export interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** The environment of a user's shell: no colour settings, and none of what npm sets when it runs the tests (npm_*), which the CLI reads to word its hints. */
export function userEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([name]) => name !== "NO_COLOR" && name !== "FORCE_COLOR" && !name.startsWith("npm_")));
}

/** Runs the built CLI as a user would: a real process, no terminal, colour left to the environment given. */
export function run(args: string[], options: { env?: Record<string, string>; cwd?: string; input?: string } = {}): Run {
  const env = userEnv();
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { ...env, ...options.env },
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 20_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** One in-process run at a time: each swaps the process's streams, env and cwd for its own. */
let queue: Promise<unknown> = Promise.resolve();

/**
 * Runs the CLI in this process, through the same main() as the binary and so the same mapping from errors to exit codes,
 * with what run() gives a spawned one: the user's env plus `env`, the cwd, no terminal on any stream; stdout and stderr
 * captured. For tests where the process does not matter (about 150 ms a spawn saved); exit codes of the real binary,
 * signals, stdin, start-up env handling, special files and permissions stay with run().
 */
export function runInProcess(args: string[], options: { env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  const next = queue.then(() => inProcess(args, options));
  queue = next.catch(() => undefined);
  return next;
}

async function inProcess(args: string[], options: { env?: Record<string, string>; cwd?: string }): Promise<Run> {
  const out = { stdout: "", stderr: "" };
  const capture = (name: keyof typeof out) => (chunk: string | Uint8Array, encoding?: unknown, done?: unknown) => {
    out[name] += typeof chunk === "string" ? chunk : Buffer.from(chunk).toString("utf8");
    const callback = typeof encoding === "function" ? encoding : done;
    if (typeof callback === "function") process.nextTick(callback);
    return true;
  };
  // A spawned run's streams are pipes: no terminal, no width.
  const restore = [
    swap(process.stdin, { isTTY: false }),
    swap(process.stdout, { isTTY: false, columns: undefined, write: capture("stdout") }),
    swap(process.stderr, { isTTY: false, columns: undefined, write: capture("stderr") }),
  ];
  const saved = { env: process.env, cwd: process.cwd(), exitCode: process.exitCode };
  process.env = { ...userEnv(), ...options.env };
  process.chdir(options.cwd ?? ROOT);
  // a new process would know no files from an earlier run (the inputs no output may replace)
  forgetMarks();
  try {
    const status = await main([process.execPath, BIN, ...args]);
    return { status, ...out };
  } finally {
    for (const undo of restore) undo();
    process.env = saved.env;
    process.chdir(saved.cwd);
    process.exitCode = saved.exitCode;
  }
}

/** Sets own properties of `target`; returns what puts back the ones it had (or removes them). */
function swap(target: object, values: Record<string, unknown>): () => void {
  const before = Object.keys(values).map((key) => [key, Object.getOwnPropertyDescriptor(target, key)] as const);
  for (const [key, value] of Object.entries(values)) Object.defineProperty(target, key, { value, configurable: true, writable: true });
  return () => {
    for (const [key, descriptor] of before) {
      if (descriptor) Object.defineProperty(target, key, descriptor);
      else delete (target as Record<string, unknown>)[key];
    }
  };
}

export const tempDir = () => mkdtempSync(join(tmpdir(), "automation-fit-"));

/** The CLI as an unprivileged user: root ignores file modes, so a permission test as root could not fail. */
export function runAsNobody(args: string[]) {
  try {
    const stdout = execFileSync("setpriv", ["--reuid=65534", "--regid=65534", "--clear-groups", process.execPath, BIN, ...args], {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
      cwd: "/",
      env: { ...process.env, HOME: "/" },
    });
    return { status: 0, stdout, stderr: "" };
  } catch (error) {
    const e = error as { status: number; stdout: string; stderr: string };
    return { status: e.status, stdout: e.stdout, stderr: e.stderr };
  }
}
