/** A stage's own cut-offs beside the set's: every format draws or states the ones its verdict was made on. */
export interface Cutoffs {
  automate: number;
  human: number;
}

/** The stages whose cut-offs differ from the set's, in order. */
export function ownCutoffs<S extends { thresholds?: Cutoffs }>(stages: S[], set: Cutoffs): S[] {
  return stages.filter((s) => s.thresholds !== undefined && (s.thresholds.automate !== set.automate || s.thresholds.human !== set.human));
}

/** The cut-offs in words for a chart's caption: the set's, then each stage that sets its own. `name` escapes per format. */
export function cutoffsSentence<S extends { name: string; thresholds?: Cutoffs }>(stages: S[], set: Cutoffs, name: (s: S) => string): string {
  const own = ownCutoffs(stages, set);
  const base = `${set.human} (keep human at or below) and ${set.automate} (automate at or above)`;
  if (own.length === 0) return `the thresholds, ${base}.`;
  const list = own.map((s) => `${name(s)} ${s.thresholds!.human} and ${s.thresholds!.automate}`).join("; ");
  return `the thresholds, ${base}, except where a stage sets its own (set against a reference panel of businesses): ${list}.`;
}

/** The mark beside a verdict a gate capped, in every format's summary table. */
export const CAP_MARK = "†";

/** Under the summary table: each gate that capped a stage, by name, with the verdict it allows; null when none did. */
export function capsSentence(stages: { cappedBy?: string | null; cappedByName?: string | null; verdict: string }[]): string | null {
  const caps = new Map<string, string>();
  for (const s of stages) if (s.cappedBy) caps.set(s.cappedByName ?? s.cappedBy, s.verdict === "human" ? "Keep human" : "Hybrid");
  if (caps.size === 0) return null;
  const list = [...caps].map(([name, verdict]) => `${name} (at most ${verdict})`).join("; ");
  return `${CAP_MARK} Capped by a gate, whatever the score: ${list}.`;
}
