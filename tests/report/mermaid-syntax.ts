import { expect } from "vitest";

export interface Chart {
  title: string;
  labels: string[];
  bars: number[];
  lines: number[][];
}

/**
 * Checks a Markdown ```mermaid block line by line against the xychart-beta grammar we emit and returns what it
 * holds: every string quoted with no quote inside, one bar and one point per line for each label, scores 0..100.
 */
export function parseChart(block: string): Chart {
  const lines = block.split("\n");
  expect(lines[0]).toBe("```mermaid");
  expect(lines[1]).toBe("xychart-beta horizontal");
  expect(lines.at(-1)).toBe("```");
  const body = lines.slice(2, -1);
  for (const line of body) expect(line).toMatch(/^ {4}(title|x-axis|y-axis|bar|line) /);
  const one = (key: string) => {
    const found = body.filter((l) => l.startsWith(`    ${key} `));
    expect(found, key).toHaveLength(1);
    return found[0]!.slice(key.length + 5);
  };
  const title = one("title").match(/^"([^"\n]*)"$/);
  expect(title, "title is one quoted string").not.toBeNull();
  expect(one("y-axis")).toMatch(/^"[^"\n]*" 0 --> 100$/);

  const axis = one("x-axis");
  expect(axis).toMatch(/^\[.*\]$/);
  const labels = [...axis.slice(1, -1).matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
  // nothing outside the quotes but the separators
  expect(
    axis
      .slice(1, -1)
      .replace(/"[^"]*"/g, "")
      .replace(/, /g, ""),
  ).toBe("");
  for (const label of labels) expect(label).not.toMatch(/[<>`\n]|#\w+;/);
  expect(new Set(labels).size, "labels are unique").toBe(labels.length);

  const numbers = (text: string) => {
    expect(text).toMatch(/^\[\d+(, \d+)*\]$/);
    return text.slice(1, -1).split(", ").map(Number);
  };
  const bars = numbers(one("bar"));
  expect(bars).toHaveLength(labels.length);
  for (const b of bars) expect(b >= 0 && b <= 100).toBe(true);
  const series = body.filter((l) => l.startsWith("    line ")).map((l) => numbers(l.slice(9)));
  for (const s of series) expect(s).toHaveLength(labels.length);
  return { title: title![1]!, labels, bars, lines: series };
}

/** The ```mermaid blocks of a Markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n[\s\S]*?\n```$/gm)].map((m) => m[0]);
}
