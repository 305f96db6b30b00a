import type { Assessment } from "../model/assessment.js";
import { terminalSafe } from "./text.js";

export interface ChartBar {
  label: string;
  /** Added after the label, kept whole when a long label is cut: "(then)". */
  tag?: string;
  /** null: no score, left out of the chart. */
  score: number | null;
}

const MAX_LABEL = 40;

/**
 * A Mermaid horizontal bar chart of scores from 0 to 100, one bar per entry with a score, and a line at each
 * threshold; as a fenced block for Markdown. Undefined when no entry has a score.
 */
export function scoreChart(title: string, bars: ChartBar[], thresholds: Pick<Assessment["thresholds"], "automate" | "human">): string | undefined {
  const scored = bars.filter((b): b is ChartBar & { score: number } => b.score !== null);
  if (scored.length === 0) return undefined;
  const clamp = (n: number) => Math.min(100, Math.max(0, Math.round(n)));
  const line = (value: number) => `    line [${scored.map(() => clamp(value)).join(", ")}]`;
  // Mermaid draws bars with the same label in one place, so every label is made unique
  const seen = new Set<string>();
  const labels = scored.map((b) => {
    const base = [mermaidText(b.label, MAX_LABEL - (b.tag ? [...b.tag].length + 1 : 0)) || "–", b.tag ? mermaidText(b.tag) : ""].filter(Boolean).join(" ");
    let label = base;
    for (let n = 2; seen.has(label); n++) label = `${base} (${n})`;
    seen.add(label);
    return `"${label}"`;
  });
  return [
    "```mermaid",
    "xychart-beta horizontal",
    `    title "${mermaidText(title)}"`,
    `    x-axis [${labels.join(", ")}]`,
    `    y-axis "Score: 0 = keep human, 100 = automate" 0 --> 100`,
    `    bar [${scored.map((b) => clamp(b.score)).join(", ")}]`,
    line(thresholds.human),
    line(thresholds.automate),
    "```",
  ].join("\n");
}

/**
 * Text from files for inside a quoted Mermaid string, on one line and cut to `max` characters: Mermaid strings
 * have no escape for '"', Mermaid strips HTML tags and decodes '#name;' entities, so those are swapped for look-alikes.
 */
export function mermaidText(text: string, max = Infinity): string {
  const s = terminalSafe(text)
    .replace(/\s+/g, " ")
    .trim()
    .replace(/["`]/g, "'")
    .replace(/</g, "‹")
    .replace(/>/g, "›")
    .replace(/#(?=\w+;)/g, "＃");
  const chars = [...s];
  return chars.length > max
    ? `${chars
        .slice(0, Math.max(1, max - 1))
        .join("")
        .trimEnd()}…`
    : s;
}
