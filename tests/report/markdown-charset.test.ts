import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderCompareMarkdown } from "../../src/report/compare-markdown.js";
import { renderMarkdown } from "../../src/report/markdown.js";
import { compare } from "../../src/score/compare.js";
import { example, runInProcess } from "../cli/run.js";
import { assessment } from "./fixtures.js";

// What pandoc's default PDF engine, pdflatex, typesets: ASCII, Latin-1 (no C1 controls) and U+2010-U+2027.
const TYPESET = /^[\n\u0020-\u007e\u00a0-\u00ff\u2010-\u2027]$/u;

/** Every character pdflatex would stop at, with its line and code point. */
function untypesettable(markdown: string): string[] {
  const out: string[] = [];
  markdown.split("\n").forEach((line, i) => {
    for (const ch of line) if (!TYPESET.test(ch)) out.push(`line ${i + 1}: U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")} ${JSON.stringify(ch)}`);
  });
  return out;
}

describe("Markdown reports hold only characters pdflatex typesets, code blocks included", () => {
  const singles = readdirSync(example("")).filter((f) => f.endsWith(".yaml"));

  it.each(singles)("report %s", async (file) => {
    const r = await runInProcess(["report", example(file), "--format", "markdown"]);
    expect(r.status, r.stderr).toBe(0);
    expect(untypesettable(r.stdout)).toEqual([]);
  });

  it("a team report and a comparison", async () => {
    const team = await runInProcess(["report", example("team"), "--format", "markdown"]);
    const progress = await runInProcess(["compare", example("progress/before.yaml"), example("progress/after.yaml"), "--format", "markdown"]);
    for (const r of [team, progress]) {
      expect(r.status, r.stderr).toBe(0);
      expect(untypesettable(r.stdout)).toEqual([]);
    }
  });

  it("text from files in any script: look-alikes where there are some, '?' where not", async () => {
    const a = assessment();
    a.client = "Łódź → Ｗide ▲ 東京 🙂 €";
    a.stages[0]!.name = "Billing ➜ «fast» ‹x›";
    const md = renderMarkdown(a);
    expect(untypesettable(md)).toEqual([]);
    expect(md).toContain("Client: Lódz -&gt; Wide + ?? ? EUR");
    const side = { kind: "report" as const, assessment: a };
    expect(untypesettable(renderCompareMarkdown(compare({ file: "a → b.json", ...side }, { file: "c.json", ...side })))).toEqual([]);
  });
});
