import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { example, run, runInProcess, tempDir } from "../cli/run.js";
import { browserTestRuns, launchChromium, missingForBrowser } from "./chromium.js";

// The HTML report in a real browser: Debian's chromium, printed to PDF and read back with poppler's tools.
const missing = missingForBrowser([{ names: ["pdftotext", "pdfinfo"], debian: "poppler-utils" }]);

describe.runIf(browserTestRuns("HTML browser test", missing))("report --format html in Chromium", () => {
  const dir = tempDir();
  let browser: Browser | undefined;

  beforeAll(async () => {
    // in CI a missing browser fails the run instead of skipping it
    expect(missing, `CI=true: the HTML browser test must run, but ${missing.join(" and ")} is not installed (.ci/run installs it)`).toEqual([]);
    browser = await launchChromium();
  }, 30_000);

  afterAll(async () => {
    await browser?.close();
  });

  /** Opens the report with every request refused and counted, prints it to PDF and reads the PDF back. */
  async function printed(html: string, name: string) {
    const page = await browser!.newPage({ viewport: { width: 1000, height: 1400 } });
    const requests: string[] = [];
    await page.route("**/*", (route) => {
      requests.push(route.request().url());
      return route.abort();
    });
    await page.setContent(html, { waitUntil: "load" });
    const screenshot = join(dir, `${name}.png`);
    await page.screenshot({ path: screenshot, fullPage: false });
    const layout = await page.evaluate(() => ({
      overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      bars: document.querySelectorAll("svg.chart rect[fill^='#'][height='18']").length,
      labels: [...document.querySelectorAll("svg.chart .data-label")].map((t) => t.textContent),
      sections: document.querySelectorAll("section.stage").length,
    }));
    const pdf = join(dir, `${name}.pdf`);
    writeFileSync(pdf, await page.pdf({ format: "A4", printBackground: true }));
    await page.close();
    const pages = Number(/^Pages:\s+(\d+)$/m.exec(execFileSync("pdfinfo", [pdf], { encoding: "utf8" }))?.[1]);
    const text = execFileSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
    return { requests, screenshot, layout, pages, text: text.replace(/\s+/g, " "), pageTexts: text.split("\f") };
  }

  it("a single report prints to a clean PDF holding every stage and the client, fetching nothing", async () => {
    const out = join(dir, "single.html");
    const r = run(["report", example("enterprise-services.yaml"), "--out", out]);
    expect(r.status, r.stderr).toBe(0);
    const json = JSON.parse((await runInProcess(["report", example("enterprise-services.yaml"), "--format", "json"])).stdout);
    const p = await printed(readFileSync(out, "utf8"), "single");

    expect(p.requests).toEqual([]);
    expect(p.layout.overflow).toBeLessThanOrEqual(0);
    expect(p.layout.sections).toBe(json.stages.length);
    // one bar per stage with a recommendation, each with its score written beside it
    const scored = json.stages.filter((s: { verdict: string }) => ["automate", "hybrid", "human"].includes(s.verdict));
    expect(p.layout.labels).toEqual(scored.map((s: { score: number }) => String(s.score)));
    expect(readFileSync(p.screenshot).length).toBeGreaterThan(20_000);
    // cover, summary, a page per stage, plan and campaigns, method, appendix: 8 stages make 12 to 32 pages (the plan, its roadmap and the answers appendix add some)
    expect(p.pages).toBeGreaterThanOrEqual(12);
    expect(p.pages).toBeLessThanOrEqual(32);
    for (const s of json.stages) expect(p.text).toContain(s.name);
    expect(p.text).toContain(json.client);
    expect(p.text).toContain("How the score works");
    expect(p.text).toContain("Appendix: every answer");
  }, 60_000);

  it("prints the title and the executive summary from page 1 on, and the summary table whole on one page (#13)", async () => {
    const out = join(dir, "regional.html");
    expect((await runInProcess(["report", example("regional-accounting-firm.yaml"), "--format", "html", "--out", out])).status).toBe(0);
    const json = JSON.parse((await runInProcess(["report", example("regional-accounting-firm.yaml"), "--format", "json"])).stdout);
    const p = await printed(readFileSync(out, "utf8"), "regional");
    expect(p.pageTexts[0]).toContain("Executive summary");
    expect(p.pageTexts[0]).toContain("What to do first");
    // a row of the table: the stage, its verdict (and mark), its score and how much was answered, on one line
    const onPage = (name: string) => p.pageTexts.findIndex((t) => new RegExp(`^[ \\t]*${name}[ \\t]+(Automate|Hybrid|Keep human)[^\\n]*?\\d+[ \\t]+\\d+ of \\d+`, "m").test(t));
    const pages = json.stages.map((s: { name: string }) => onPage(s.name));
    expect(pages[0]).toBeGreaterThanOrEqual(0);
    expect(pages).toEqual(json.stages.map(() => pages[0]));
    expect(p.pageTexts[pages[0]]).toMatch(/Stage[ \t]+Verdict[ \t]+Score[ \t]+Answered/);
    expect(pages[0]).toBeLessThanOrEqual(1);
  }, 60_000);

  it("a team report prints with every stage, the client and each respondent by name", async () => {
    const out = join(dir, "team.html");
    expect((await runInProcess(["report", example("team"), "--format", "html", "--out", out])).status).toBe(0);
    const json = JSON.parse((await runInProcess(["report", example("team"), "--format", "json"])).stdout);
    const p = await printed(readFileSync(out, "utf8"), "team");

    expect(p.requests).toEqual([]);
    expect(p.layout.overflow).toBeLessThanOrEqual(0);
    expect(p.pages).toBeGreaterThanOrEqual(10);
    // the built-in set's 46 questions, the disputed ones listed with every respondent's answer
    expect(p.pages).toBeLessThanOrEqual(24);
    for (const s of json.stages) expect(p.text).toContain(s.name);
    for (const r of json.respondents) expect(p.text).toContain(r.name);
    expect(p.text).toContain(json.client);
    expect(p.text).not.toContain(".yaml");
  }, 60_000);

  it("a comparison prints with every stage, then and now, and the client", async () => {
    const out = join(dir, "progress.html");
    expect((await runInProcess(["compare", example("progress/before.yaml"), example("progress/after.yaml"), "--out", out])).status).toBe(0);
    const json = JSON.parse((await runInProcess(["compare", example("progress/before.yaml"), example("progress/after.yaml"), "--format", "json"])).stdout);
    const p = await printed(readFileSync(out, "utf8"), "progress");

    expect(p.requests).toEqual([]);
    expect(p.layout.overflow).toBeLessThanOrEqual(0);
    // the summary, the chart and the changed answers: no cover page of its own
    expect(p.pages).toBeGreaterThanOrEqual(2);
    expect(p.pages).toBeLessThanOrEqual(6);
    for (const s of json.stages) expect(p.text).toContain(s.name);
    expect(p.text).toContain(json.after.client);
    expect(p.layout.labels.filter((l: string | null) => /^then \d+$/.test(l ?? ""))).toHaveLength(json.stages.length);
  }, 60_000);
});
