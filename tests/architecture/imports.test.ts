// The rooms of src/ and how they may import each other, read from the source (what `npx madge --circular` checks, without madge).
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ROOT } from "../cli/run.js";

const SRC = join(ROOT, "src");
const IMPORT = /(?:^|\n)\s*(?:import|export)\b[^"'`;]*?from\s*["']([^"']+)["']|\bimport\(\s*["']([^"']+)["']\s*\)/g;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []));
}

/** src-relative file -> the src-relative files it imports (statically, as types, or with await import()). */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(SRC)) {
    const text = readFileSync(file, "utf8");
    const targets = [...text.matchAll(IMPORT)]
      .map((m) => m[1] ?? m[2]!)
      .filter((spec) => spec.startsWith("."))
      .map((spec) => relative(SRC, resolve(dirname(file), spec.replace(/\.js$/, ".ts"))));
    graph.set(relative(SRC, file), targets);
  }
  return graph;
}

function cycles(graph: Map<string, string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const path: string[] = [];
  const visit = (node: string) => {
    state.set(node, "open");
    path.push(node);
    for (const next of graph.get(node) ?? []) {
      if (state.get(next) === "open") found.push([...path.slice(path.indexOf(next)), next]);
      else if (!state.has(next)) visit(next);
    }
    path.pop();
    state.set(node, "done");
  };
  for (const node of graph.keys()) if (!state.has(node)) visit(node);
  return found;
}

const graph = importGraph();
const importers = (pattern: RegExp) => [...graph].filter(([, targets]) => targets.some((t) => pattern.test(t))).map(([file]) => file);

describe("the rooms of src/", () => {
  it("finds the imports it checks", () => {
    expect(graph.get("cli.ts")).toContain("commands/report.ts");
    expect(graph.get("commands/report.ts")).toContain("report/render.ts");
  });

  it("have no import cycles", () => {
    expect(cycles(graph)).toEqual([]);
    expect(
      cycles(
        new Map([
          ["a.ts", ["b.ts"]],
          ["b.ts", ["a.ts"]],
        ]),
      ),
    ).toEqual([["a.ts", "b.ts", "a.ts"]]);
  });

  it("one file per command, added by cli.ts alone", () => {
    const commands = [...graph.keys()].filter((f) => f.startsWith("commands/") && f !== "commands/options.ts").sort();
    expect(commands).toEqual(["assess", "compare", "glossary", "init", "kpis", "questions", "report", "template", "validate"].map((n) => `commands/${n}.ts`));
    expect(importers(/^commands\/(?!options\.ts)/)).toEqual(["cli.ts"]);
  });

  it("load reads files into the model and scores nothing: the answers' encoding is the model's, not the scoring's", () => {
    expect(importers(/^score\/(aggregate|kernel|score)\.ts$/).filter((f) => f.startsWith("load/"))).toEqual([]);
    expect(graph.get("load/respondents.ts")).toContain("model/respondent.ts");
  });

  it("write every schema with zod/mini: classic zod (twice the core, about 3 ms more on each action) is imported nowhere", () => {
    const zodImports = sourceFiles(SRC).flatMap((file) =>
      [...readFileSync(file, "utf8").matchAll(IMPORT)].flatMap((m) => (/^zod(\/|$)/.test(m[1] ?? m[2]!) ? [`${relative(SRC, file)}: ${m[1] ?? m[2]}`] : [])),
    );
    expect(zodImports).toContain("model/report.ts: zod/mini");
    expect(zodImports.filter((i) => !/: zod\/(mini|v4\/locales\/en\.js)$/.test(i))).toEqual([]);
  });

  it("score, load and the model import no renderer, command or prompt", () => {
    const rooms = /^(score|load|model)\//;
    const bad = [...graph].filter(([file, targets]) => rooms.test(file) && targets.some((t) => /^(report|commands|interview)\//.test(t)));
    expect(bad.map(([file]) => file)).toEqual([]);
  });
});
