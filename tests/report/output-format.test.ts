import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { lint } from "markdownlint/promise";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { example, tempDir, runInProcess } from "../cli/run.js";

const SINGLE = example("enterprise-services.yaml");
const BEFORE = example("progress/before.yaml");
const AFTER = example("progress/after.yaml");

describe("--out picks the format from its extension", () => {
  it.each([
    ["report.md", /^# Automation fit: Northgate Cold Systems\n/],
    ["report.MARKDOWN", /^# Automation fit: /],
    ["report.json", /^\{\n {2}"schemaVersion"/],
    ["report.html", /^<!DOCTYPE html>\n/],
    ["report.txt", /^Automation fit: Northgate/],
  ])("report --out %s", async (name, start) => {
    const out = join(tempDir(), name);
    const r = await runInProcess(["report", SINGLE, "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    expect(readFileSync(out, "utf8")).toMatch(start);
  });

  it("for a team and a comparison too", async () => {
    const dir = tempDir();
    expect((await runInProcess(["report", example("team"), "--out", join(dir, "team.html")])).status).toBe(0);
    expect(readFileSync(join(dir, "team.html"), "utf8")).toMatch(/^<!DOCTYPE html>/);
    expect((await runInProcess(["compare", BEFORE, AFTER, "--out", join(dir, "progress.md")])).status).toBe(0);
    expect(readFileSync(join(dir, "progress.md"), "utf8")).toMatch(/^# Progress: Harbourside Accounting\n/);
  });

  it("refuses a --format the extension contradicts, before reading anything (exit 2)", async () => {
    const dir = tempDir();
    for (const cmd of [
      ["report", SINGLE],
      ["compare", BEFORE, AFTER],
    ]) {
      const r = await runInProcess([...cmd, "--format", "json", "--out", join(dir, "x.html")]);
      expect(r.status).toBe(2);
      expect(r.stderr).toBe(`option --format json does not match --out ${join(dir, "x.html")}, which names an HTML file: leave out --format, or name the file .json\n`);
      const t = await runInProcess([...cmd, "--format", "terminal", "--out", join(dir, "x.md")]);
      expect(t.status).toBe(2);
      expect(t.stderr).toMatch(/which names a Markdown file: leave out --format\n$/);
    }
    // a format the extension agrees with, or an extension that names none, is fine
    expect((await runInProcess(["report", SINGLE, "--format", "markdown", "--out", join(dir, "ok.md")])).status).toBe(0);
    expect((await runInProcess(["report", SINGLE, "--format", "json", "--out", join(dir, "ok.txt")])).status).toBe(0);
    expect(readFileSync(join(dir, "ok.txt"), "utf8")).toMatch(/^\{/);
  });
});

describe("--front-matter", () => {
  it("writes the title, author and date for pandoc in place of the H1, and stays lint-clean", async () => {
    const r = await runInProcess(["report", SINGLE, "--front-matter", "--format", "markdown"]);
    expect(r.status, r.stderr).toBe(0);
    const m = /^---\n([\s\S]*?)\n---\n\n/.exec(r.stdout);
    expect(m).not.toBeNull();
    expect(parse(m![1]!)).toEqual({ title: "Automation fit: Northgate Cold Systems", author: "Marcus Oyelaran, Oyelaran &amp; Partners", date: "2026-11-20" });
    expect(r.stdout).not.toMatch(/^# /m);
    const results = await lint({ strings: { r: r.stdout }, config: { default: true, MD013: false } });
    expect(results.r).toEqual([]);
  });

  it("for a team and a comparison, with --out FILE.md", async () => {
    const dir = tempDir();
    expect((await runInProcess(["report", example("team"), "--front-matter", "--out", join(dir, "t.md")])).status).toBe(0);
    expect(parse(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(join(dir, "t.md"), "utf8"))![1]!)).toEqual({ title: "Team view: ClinicFlow" });
    expect((await runInProcess(["compare", BEFORE, AFTER, "--front-matter", "--out", join(dir, "c.md")])).status).toBe(0);
    expect(parse(/^---\n([\s\S]*?)\n---\n/.exec(readFileSync(join(dir, "c.md"), "utf8"))![1]!)).toEqual({
      title: "Progress: Harbourside Accounting",
      author: "Priya Raman, Raman Practice Consulting",
      date: "2026-11-20",
    });
  });

  it("is refused with any other format (exit 2)", async () => {
    for (const args of [["--format", "json"], ["--format", "html"], []]) {
      const r = await runInProcess(["report", SINGLE, "--front-matter", ...args]);
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      expect(r.stderr).toMatch(/^option --front-matter is for Markdown, not \w+: add --format markdown, or name the --out file \.md\n$/);
    }
  });

  it("keeps quotes and Markdown in the values from breaking the YAML", async () => {
    const dir = tempDir();
    const answers = join(dir, "a.yaml");
    const text = readFileSync(SINGLE, "utf8")
      .replace(/^client: .*$/m, `client: "O'Brien: 'quoted' *bold* ---"`)
      .replace(/^assessor: .*$/m, 'assessor: "a\\"b #c"');
    writeFileSync(answers, text);
    const r = await runInProcess(["report", answers, "--front-matter", "--format", "markdown"]);
    expect(r.status, r.stderr).toBe(0);
    const meta = parse(/^---\n([\s\S]*?)\n---\n/.exec(r.stdout)![1]!);
    expect(meta.title).toBe("Automation fit: O'Brien: 'quoted' \\*bold\\* ---");
    expect(meta.author).toBe('a"b \\#c');
  });
});
