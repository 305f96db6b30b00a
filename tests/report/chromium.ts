import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { Browser } from "playwright-core";

// Debian's chromium, driven by playwright-core, never a downloaded browser.
export const CHROMIUM = "/usr/bin/chromium";
const ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];
export const IN_CI = /^(1|true)$/i.test(process.env.CI ?? "");

export function hasTool(name: string): boolean {
  try {
    execFileSync(name, ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** What a browser test needs and is not installed, each with its Debian package: chromium, and `tools` (run with -v). */
export function missingForBrowser(tools: { names: string[]; debian: string }[] = []): string[] {
  return [
    existsSync(CHROMIUM) ? "" : `${CHROMIUM} (Debian package chromium)`,
    ...tools.map((t) => (t.names.every(hasTool) ? "" : `${t.names.join(" and ")} (Debian package ${t.debian})`)),
  ].filter(Boolean);
}

/**
 * Whether a browser test runs: in CI always (a missing browser then fails it, never skips it); elsewhere when nothing is
 * missing, else the reason is said on stderr, where a developer sees it, not only as a skipped line.
 */
export function browserTestRuns(name: string, missing: string[]): boolean {
  if (missing.length > 0 && !IN_CI) {
    process.stderr.write(`\n${name} SKIPPED: ${missing.join(" and ")} not installed; apt-get install the Debian packages named (.ci/run does)\n\n`);
  }
  return IN_CI || missing.length === 0;
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import("playwright-core");
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}
