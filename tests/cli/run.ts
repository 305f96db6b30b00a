import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

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
