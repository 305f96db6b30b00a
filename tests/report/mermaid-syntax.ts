import { expect } from "vitest";

export interface Chart {
  title: string;
  /** The bars' names, without the score (and range) the label ends with. */
  labels: string[];
  /** What each label says after the score, in brackets: a team's range. */
  details: (string | undefined)[];
  /** The scores: the first bar series, which the data labels show. */
  bars: number[];
  /** The series over the first, one per colour: each holds some bars' scores and 0 elsewhere. */
  colours: { colour: string; values: number[] }[];
  lines: number[][];
}

/**
 * Checks a Markdown ```mermaid block line by line against the xychart-beta grammar we emit and returns what it
 * holds: the one init directive, with only the keys we set, in the first line and nowhere else; every string quoted
 * with no quote, '<', backtick, '%%' or '#name;' inside; each label ending in its bar's score; each
 * bar in exactly one coloured series; scores 0..100.
 */
export function parseChart(block: string): Chart {
  const lines = block.split("\n");
  expect(lines[0]).toBe("```mermaid");
  const init = /^%%\{init: (.*)\}%%$/.exec(lines[1]!);
  expect(init, "an init directive on the first line").not.toBeNull();
  const config = JSON.parse(init![1]!);
  expect(Object.keys(config).sort()).toEqual(["themeVariables", "xyChart"]);
  expect(config.xyChart).toEqual({ showDataLabel: true });
  expect(Object.keys(config.themeVariables)).toEqual(["xyChart"]);
  expect(Object.keys(config.themeVariables.xyChart)).toEqual(["plotColorPalette"]);
  const palette: string[] = config.themeVariables.xyChart.plotColorPalette.split(", ");
  for (const c of palette) expect(c).toMatch(/^#[0-9a-f]{6}$/);
  expect(lines[2]).toBe("xychart-beta horizontal");
  expect(lines.at(-1)).toBe("```");
  const body = lines.slice(3, -1);
  const comments = body.filter((l) => l.startsWith("    %% "));
  expect(comments).toEqual(["    %% the first bars hold every score; each next series one colour's, -100 (no bar) elsewhere"]);
  for (const line of body.filter((l) => !comments.includes(l))) {
    expect(line).toMatch(/^ {4}(title|x-axis|y-axis|bar|line) /);
    // nothing from a file may start a directive or a comment
    expect(line).not.toContain("%%");
  }
  const one = (key: string) => {
    const found = body.filter((l) => l.startsWith(`    ${key} `));
    expect(found, key).toHaveLength(1);
    return found[0]!.slice(key.length + 5);
  };
  const quotedText = (s: string) => {
    expect(s).not.toMatch(/[<`"\n]|%%|#\w+;/);
  };
  const title = one("title").match(/^"([^"\n]*)"$/);
  expect(title, "title is one quoted string").not.toBeNull();
  quotedText(title![1]!);
  expect(one("y-axis")).toMatch(/^"[^"\n]*" 0 --> 100$/);

  const axis = one("x-axis");
  expect(axis).toMatch(/^\[.*\]$/);
  const quoted = [...axis.slice(1, -1).matchAll(/"([^"]*)"/g)].map((m) => m[1]!);
  // nothing outside the quotes but the separators
  expect(
    axis
      .slice(1, -1)
      .replace(/"[^"]*"/g, "")
      .replace(/, /g, ""),
  ).toBe("");
  for (const label of quoted) quotedText(label);
  expect(new Set(quoted).size, "labels are unique").toBe(quoted.length);

  const numbers = (text: string) => {
    expect(text).toMatch(/^\[-?\d+(, -?\d+)*\]$/);
    return text.slice(1, -1).split(", ").map(Number);
  };
  const series = body.filter((l) => l.startsWith("    bar ")).map((l) => numbers(l.slice(8)));
  const lineSeries = body.filter((l) => l.startsWith("    line ")).map((l) => numbers(l.slice(9)));
  expect(palette).toHaveLength(series.length + lineSeries.length);
  const bars = series[0]!;
  expect(bars).toHaveLength(quoted.length);
  for (const b of bars) expect(b >= 0 && b <= 100).toBe(true);
  for (const s of [...series, ...lineSeries]) expect(s).toHaveLength(quoted.length);
  const colours = series.slice(1).map((values, i) => ({ colour: palette[i + 1]!, values }));
  bars.forEach((score, i) => {
    const holding = colours.filter((c) => c.values[i] !== -100);
    for (const c of holding) expect(c.values[i]).toBe(score);
    expect(holding.length, `bar ${i} is in one coloured series`).toBe(score === 0 ? 0 : 1);
  });

  const labels: string[] = [];
  const details: (string | undefined)[] = [];
  quoted.forEach((label, i) => {
    const m = /^(.*): (\d+)(?: \(([^)]*)\))?$/.exec(label);
    expect(m, `label ends with its score: ${label}`).not.toBeNull();
    expect(Number(m![2])).toBe(bars[i]);
    labels.push(m![1]!);
    details.push(m![3]);
  });
  return { title: title![1]!, labels, details, bars, colours, lines: lineSeries };
}

/** The ```mermaid blocks of a Markdown text. */
export function mermaidBlocks(markdown: string): string[] {
  return [...markdown.matchAll(/^```mermaid\n[\s\S]*?\n```$/gm)].map((m) => m[0]);
}
