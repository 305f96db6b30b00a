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
  return `the thresholds, ${base}, except where a stage sets its own: ${list}.`;
}

/** The mark beside a verdict a gate capped, in every format's summary table. */
export const CAP_MARK = "†";
/** The mark beside a verdict a floor raised above what its score says. */
export const RAISE_MARK = "‡";

type GatedStage = { cappedBy?: string | null; cappedByName?: string | null; raisedBy?: string | null; raisedByName?: string | null; verdict: string };

/** A verdict's mark in a summary table: capped, raised by a floor, or none (with its leading space). */
export function gateMark(s: GatedStage): string {
  return s.cappedBy ? ` ${CAP_MARK}` : s.raisedBy ? ` ${RAISE_MARK}` : "";
}

/** The marks alone, for a screen with no room for the gates' names: "† capped by a gate, ‡ raised by a floor, whatever the score". */
export function marksSentence(stages: GatedStage[]): string | null {
  const marks = [
    stages.some((s) => s.cappedBy) ? `${CAP_MARK} capped by a gate` : "",
    stages.some((s) => !s.cappedBy && s.raisedBy) ? `${RAISE_MARK} raised by a floor` : "",
  ].filter(Boolean);
  return marks.length ? `${marks.join(", ")}, whatever the score (the report names the rule).` : null;
}

/** Under the summary table: the gates that capped stages, then those that raised them, a sentence each (none when no gate did). */
export function capsSentence(stages: GatedStage[]): string[] {
  const caps = new Map<string, string>();
  const floors = new Map<string, string>();
  const label = (v: string) => ({ human: "Keep human", hybrid: "Hybrid", automate: "Automate" })[v] ?? v;
  for (const s of stages) {
    if (s.cappedBy) caps.set(s.cappedByName ?? s.cappedBy, label(s.verdict));
    else if (s.raisedBy) floors.set(s.raisedByName ?? s.raisedBy, label(s.verdict));
  }
  const parts = [
    caps.size ? `${CAP_MARK} Capped by a gate, whatever the score: ${[...caps].map(([name, v]) => `${name} (at most ${v})`).join("; ")}.` : "",
    floors.size ? `${RAISE_MARK} Raised by a floor, whatever the score: ${[...floors].map(([name, v]) => `${name} (at least ${v})`).join("; ")}.` : "",
  ];
  return parts.filter(Boolean);
}
