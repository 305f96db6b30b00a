import { spawn } from "node:child_process";
import { chmodSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { appendReading } from "../../src/load/kpi-log.js";
import { BIN, fixture, run, tempDir, runInProcess } from "../cli/run.js";

const plumber = fixture("plan/plumber.yaml");

/** A fresh log for the plumber with a baseline renewal rate of 91, in a temp folder. */
async function startedLog(): Promise<{ dir: string; log: string }> {
  const dir = tempDir();
  const log = join(dir, "kpis.yaml");
  expect((await runInProcess(["kpis", "init", plumber, "--out", log])).status).toBe(0);
  expect((await runInProcess(["kpis", "add", log, "renewal-rate", "91", "--date", "2025-12-07"])).status).toBe(0);
  return { dir, log };
}

describe("automation-fit kpis init", { timeout: 30_000 }, () => {
  it("writes kpis.yaml for the automated and hybrid stages, and never replaces it without --force", async () => {
    const dir = tempDir();
    const first = run(["kpis", "init", plumber], { cwd: dir });
    expect(first.status).toBe(0);
    expect(first.stdout).toBe("");
    expect(first.stderr).toMatch(/^wrote kpis\.yaml: 12 KPIs watching 6 automated or hybrid stages/);
    const text = readFileSync(join(dir, "kpis.yaml"), "utf8");
    expect(text).toContain("client: Dunmore Plumbing");
    expect(text).toMatch(/ {2}renewal-rate:\n {4}name: Renewal rate\n.*\n {4}stages: \[ renewal-calls \]\n {4}owner: ""/);

    writeFileSync(join(dir, "kpis.yaml"), `${text}# my notes\n`);
    const again = await runInProcess(["kpis", "init", plumber], { cwd: dir });
    expect(again.status).toBe(2);
    expect(again.stderr).toContain("kpis.yaml already exists; add --force to replace it");
    expect(readFileSync(join(dir, "kpis.yaml"), "utf8")).toContain("# my notes");
    expect((await runInProcess(["kpis", "init", plumber, "--force"], { cwd: dir })).status).toBe(0);
    expect(readFileSync(join(dir, "kpis.yaml"), "utf8")).not.toContain("# my notes");
  });
});

describe("automation-fit kpis add", { timeout: 30_000 }, () => {
  it("appends a reading, says when it is past the tripwire, and keeps the file's mode", async () => {
    const { log } = await startedLog();
    chmodSync(log, 0o640);
    const r = await runInProcess(["kpis", "add", log, "renewal-rate", "88", "--date", "2026-02-07"]);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("down 3 points since the baseline (91 on 2025-12-07): past its tripwire (down 2 points)");
    expect(readFileSync(log, "utf8")).toContain("    readings:\n      - { date: 2025-12-07, value: 91 }\n      - { date: 2026-02-07, value: 88 }\n");
    expect(statSync(log).mode & 0o777).toBe(0o640);
    // a late entry is filed in date order; a reading dated after today is added with a warning
    const late = await runInProcess(["kpis", "add", log, "renewal-rate", "90", "--date", "2026-01-07"]);
    expect(late.stderr).toBe(
      `added renewal-rate 90 on 2026-01-07 to ${log}, down 1 point since the baseline (91 on 2025-12-07), inside its tripwire; filed in date order, before the latest reading (88 on 2026-02-07), which reports measure\n`,
    );
    const future = await runInProcess(["kpis", "add", log, "renewal-rate", "95", "--date", "2099-01-01"]);
    expect(future.status).toBe(0);
    expect(future.stderr).toMatch(/\nnote: 2099-01-01 is after today \(\d{4}-\d\d-\d\d\); reports count this reading from that day on\. If the date is a typo, correct it in /);
    expect(readFileSync(log, "utf8")).toContain(
      "      - { date: 2025-12-07, value: 91 }\n      - { date: 2026-01-07, value: 90 }\n      - { date: 2026-02-07, value: 88 }\n      - { date: 2099-01-01, value: 95 }\n",
    );
    // the report still raises the alarm: the 2099 reading is not counted yet
    const watch = JSON.parse((await runInProcess(["report", plumber, "--kpis", log, "--format", "json"])).stdout).kpiWatch;
    expect(watch.find((w: { id: string }) => w.id === "renewal-rate")).toMatchObject({ latest: 88, alert: true });
    // a reading dated before the baseline would replace it: refused, unless --baseline says so
    const early = await runInProcess(["kpis", "add", log, "renewal-rate", "80", "--date", "2020-01-01"]);
    expect(early.status).toBe(2);
    expect(early.stderr).toContain("2020-01-01 is before renewal-rate's baseline (91 on 2025-12-07)");
    expect(early.stderr).toContain("add --baseline");
    const rebased = await runInProcess(["kpis", "add", log, "renewal-rate", "92", "--date", "2025-11-07", "--baseline"]);
    expect(rebased.stderr).toBe(`added renewal-rate 92 on 2025-11-07 to ${log}: its new baseline (it was 91 on 2025-12-07)\n`);
  });

  it("refuses a bad value, date or KPI id with exit 2 and leaves the log as it was", async () => {
    const { log } = await startedLog();
    const before = readFileSync(log, "utf8");
    for (const [args, message] of [
      [["renewal-rate", "91%"], "VALUE '91%' is not a number"],
      [["renewal-rate", "4,5"], "write the decimal with a point: 4.5"],
      [["renewal-rate", "0x10"], "VALUE '0x10' is not a number; write a plain number"],
      [["renewal-rate", "1e3"], "VALUE '1e3' is not a number; write a plain number"],
      [["renewal-rate", "Infinity"], "VALUE 'Infinity' is not a number"],
      [["renewal-rate", "90", "--date", "2027-13-01"], "option --date: '2027-13-01' is not a day of the calendar"],
      [["renewal-rat", "90"], "unknown KPI id 'renewal-rat'; did you mean 'renewal-rate'?"],
      [["renewal-rate", "--", "-5"], "VALUE -5 is outside 0 to 100: renewal-rate is measured as % of accounts up for renewal that renew; give a percentage from 0 to 100"],
      [["renewal-rate", "100.5"], "VALUE 100.5 is outside 0 to 100"],
    ] as const) {
      const r = await runInProcess(["kpis", "add", log, ...args]);
      expect(r.status, args.join(" ")).toBe(2);
      expect(r.stderr).toContain(message);
    }
    expect(readFileSync(log, "utf8")).toBe(before);
    // the ends of the range are readings like any other
    for (const value of ["0", "100"]) expect((await runInProcess(["kpis", "add", log, "renewal-rate", value, "--date", "2026-01-07"])).status).toBe(0);
  });

  it("names every problem of a hand-edited log at FILE:LINE:COL, exit 2, and adds nothing", async () => {
    const dir = tempDir();
    const log = join(dir, "kpis.yaml");
    const text = [
      "kpis:",
      "  renewal-rates:",
      "    readings: []",
      "  attrition:",
      "    readings:",
      "      - {date: 2027-01-32, value: 4}",
      "      - {date: 2027-01-08, value: four}",
      "",
    ].join("\n");
    writeFileSync(log, text);
    const r = await runInProcess(["kpis", "add", log, "attrition", "5"]);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toEqual([
      `${log}:2:3 unknown KPI id 'renewal-rates'; did you mean 'renewal-rate'?`,
      `${log}:6:16 date: is not a day of the calendar; check the month and day`,
      `${log}:7:35 value: a reading's value is a number, like 91 or 4.5 (no % sign or units)`,
    ]);
    expect(readFileSync(log, "utf8")).toBe(text);
    // an answers file given by mistake: said once, with the command that starts a log from it
    const answers = await runInProcess(["kpis", "add", plumber, "renewal-rate", "80"]);
    expect(answers.status).toBe(2);
    expect(answers.stderr).toBe(`${plumber} is an answers file, not a KPI log; start a log from it with: automation-fit kpis init ${plumber}\n`);
  });

  it("waits for another run holding the log, and on Ctrl-C stops with 130 and the log unchanged", async () => {
    const { dir, log } = await startedLog();
    const before = readFileSync(log, "utf8");
    // the lock as a live process (this test) holds it
    const lockFile = join(dir, ".kpis.yaml.lock");
    writeFileSync(lockFile, `${JSON.stringify({ pid: process.pid, host: hostname() })}\n`);
    const child = spawn(process.execPath, [BIN, "kpis", "add", log, "renewal-rate", "70"], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    const waiting = new Promise<void>((resolve) =>
      child.stderr.on("data", (chunk: Buffer) => {
        stderr += chunk.toString();
        if (stderr.includes("waiting for process")) resolve();
      }),
    );
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await waiting;
    child.kill("SIGINT");
    // the other run finishes: the interrupted one now takes the lock, sees the Ctrl-C and adds nothing
    await new Promise((r) => setTimeout(r, 200));
    rmSync(lockFile);
    expect(await exited).toBe(130);
    expect(stderr).toContain("Stopped before adding the reading");
    expect(readFileSync(log, "utf8")).toBe(before);
    expect(readdirSync(dir).sort()).toEqual(["kpis.yaml"]);
  }, 20_000);

  it("loses nothing when Ctrl-C lands at any moment: the log holds the reading or not, whole, and no temp or lock file is left", async () => {
    const { dir, log } = await startedLog();
    for (const delay of [0, 40, 80, 120, 160, 220, 300, 400]) {
      const before = readFileSync(log, "utf8");
      const value = 80 + delay / 100;
      const child = spawn(process.execPath, [BIN, "kpis", "add", log, "renewal-rate", String(value), "--date", "2026-01-01"], { stdio: "ignore" });
      const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on("exit", (code, signal) => resolve({ code, signal })));
      await new Promise((r) => setTimeout(r, delay));
      child.kill("SIGINT");
      const { code, signal } = await exited;
      const after = readFileSync(log, "utf8");
      // killed before the handler was set (nothing started), stopped (130), or done before the signal (0)
      expect([0, 130, null]).toContain(code);
      if (code === null) expect(signal).toBe("SIGINT");
      // all or nothing: the log as it was, or with exactly this reading added
      if (after !== before) expect(after).toBe(appendReading(before, "renewal-rate", { date: "2026-01-01", value }));
      expect(readdirSync(dir).sort()).toEqual(["kpis.yaml"]);
    }
  }, 60_000);
});

describe("automation-fit report --kpis", { timeout: 30_000 }, () => {
  it("raises the alarm for a falling renewal rate in every format, naming the KPI, the stage and the human part to restore", async () => {
    const { log } = await startedLog();
    expect((await runInProcess(["kpis", "add", log, "renewal-rate", "90.5", "--date", "2026-01-07"])).status).toBe(0);
    expect((await runInProcess(["kpis", "add", log, "renewal-rate", "88", "--date", "2026-02-07"])).status).toBe(0);
    const humanPart = "Call the customers coming up for renewal who had a complaint, a problem or little use this term.";

    const json = await runInProcess(["report", plumber, "--kpis", log, "--format", "json"]);
    expect(json.status, json.stderr).toBe(0);
    const watch = JSON.parse(json.stdout).kpiWatch as { id: string; alert: boolean; baseline: number; latest: number; change: number; stageIds: string[] }[];
    expect(watch.find((w) => w.id === "renewal-rate")).toMatchObject({ alert: true, baseline: 91, latest: 88, change: -3, stageIds: ["renewal-calls"] });
    expect(watch.filter((w) => w.alert).map((w) => w.id)).toEqual(["renewal-rate"]);
    // the alarm is the first thing to do, in every format
    const first = `Renewal rate fell from 91 to 88 since 2025-12-07, past its tripwire: restore the human part at Renewal calls. ${humanPart}`;
    expect(JSON.parse(json.stdout).summary[0]).toEqual({ text: first, stageId: "renewal-calls" });

    const terminal = await runInProcess(["report", plumber, "--kpis", log], { env: { NO_COLOR: "1" } });
    expect(terminal.status).toBe(0);
    expect(terminal.stdout).toMatch(/Renewal rate +█▇▁ +91 → 88 -3 points/);
    const text = terminal.stdout.replace(/\s+/g, " ");
    expect(text).toContain(`What to do first 1. ${first} 2. `);
    expect(text).toContain(
      `ALARM: Renewal rate is down 3 points since the baseline (91 on 2025-12-07, now 88 on 2026-02-07), past its tripwire (down 2 points). It watches Renewal calls: restore the human part there. ${humanPart}`,
    );

    const markdown = await runInProcess(["report", plumber, "--kpis", log, "--format", "markdown"]);
    expect(markdown.stdout).toContain("> **Alarm: Renewal rate is down 3 points since the baseline");
    expect(markdown.stdout).toContain(`## What to do first\n\n1. ${first}\n`);
    expect(markdown.stdout).toMatch(
      /\| Renewal rate \(% of accounts up for renewal that renew\) \| – \| 91 \(2025-12-07\) \| 88 \(2026-02-07\) \| -3 points \| down 2 points \| 91 \/ 90\.5 \/ 88 \(down\) \| \*\*ALARM\*\* \|/,
    );
    // plain characters only in the table: no block glyphs for pandoc's PDF engine
    expect(markdown.stdout.split("## KPI watch")[1]?.split("## Summary")[0]).not.toMatch(/[\u2580-\u259f]/);

    const html = await runInProcess(["report", plumber, "--kpis", log, "--format", "html"]);
    expect(html.stdout).toContain('<p class="alarm keep"><strong>ALARM: Renewal rate is down 3 points');
    expect(html.stdout).toContain(humanPart);
    expect(html.stdout).toContain(`<ol class="first"><li>${first}</li>`);
  });

  it("stays quiet while the renewal rate moves inside its tripwire", async () => {
    const { log } = await startedLog();
    expect((await runInProcess(["kpis", "add", log, "renewal-rate", "89.5", "--date", "2026-01-07"])).status).toBe(0);
    const json = JSON.parse((await runInProcess(["report", plumber, "--kpis", log, "--format", "json"])).stdout);
    expect(json.kpiWatch.some((w: { alert: boolean }) => w.alert)).toBe(false);
    expect((await runInProcess(["report", plumber, "--kpis", log, "--format", "markdown"])).stdout).toContain("No KPI is past its tripwire (12 watched).");
  });

  it("refuses a log with problems at FILE:LINE:COL, exit 2, with a single or a team report", async () => {
    const dir = tempDir();
    const log = join(dir, "kpis.yaml");
    writeFileSync(log, "kpis:\n  renewal-rate:\n    readings:\n      - {date: 2026-01-07, value: 91%}\n");
    const r = await runInProcess(["report", plumber, "--kpis", log]);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(`${log}:4:35 value: a reading's value is a number`);
    expect(r.stdout).toBe("");
    const team = await runInProcess(["report", plumber, fixture("plan/saas.yaml"), "--client", "One business", "--kpis", log]);
    expect(team.status).toBe(2);
    expect(team.stderr).toContain(`${log}:4:35 value: a reading's value is a number`);
  });
});

describe("automation-fit compare --kpis", { timeout: 30_000 }, () => {
  it("shows the KPIs' movement beside the progress, with the alarm, in every format", async () => {
    const { dir, log } = await startedLog();
    expect((await runInProcess(["kpis", "add", log, "renewal-rate", "88", "--date", "2026-02-07"])).status).toBe(0);
    const after = join(dir, "after.yaml");
    writeFileSync(after, readFileSync(plumber, "utf8").replace("date: 2026-12-07", "date: 2027-02-07"));
    const json = await runInProcess(["compare", plumber, after, "--kpis", log, "--format", "json"]);
    expect(json.status, json.stderr).toBe(0);
    const parsed = JSON.parse(json.stdout);
    expect(parsed.kind).toBe("comparison");
    expect(parsed.kpiWatch.filter((w: { alert: boolean }) => w.alert).map((w: { id: string }) => w.id)).toEqual(["renewal-rate"]);
    for (const format of ["terminal", "markdown", "html"]) {
      const r = await runInProcess(["compare", plumber, after, "--kpis", log, "--format", format], { env: { NO_COLOR: "1" } });
      expect(r.status, format).toBe(0);
      expect(r.stdout.replace(/\s+/g, " "), format).toMatch(/ALARM: Renewal rate is down 3 points since the baseline|Alarm: Renewal rate is down 3 points since the baseline/);
    }
    // without --kpis, no KPI watch
    expect(JSON.parse((await runInProcess(["compare", plumber, after, "--format", "json"])).stdout).kpiWatch).toBeUndefined();
  });
});
