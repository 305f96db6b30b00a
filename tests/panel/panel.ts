import { readFileSync } from "node:fs";
import { orThrow } from "../../src/errors.js";
import { parse } from "yaml";
import { loadAnswers } from "../../src/load/answers.js";
import type { Answers } from "../../src/model/answers.js";
import type { QuestionSet } from "../../src/model/question-set.js";
import { assess } from "../../src/score/score.js";

/** The reference panel: business profiles (answers files) and the verdicts a consultant gave them before scoring. */
export const PANEL_DIR = new URL("./", import.meta.url).pathname;
export const VERDICT_STEPS: Readonly<Record<string, number>> = { automate: 0, hybrid: 1, human: 2 };

export interface PanelStage {
  verdict: string;
  why: string;
}
export interface PanelProfile {
  file: string;
  heldOut: boolean;
  stages: Record<string, PanelStage>;
}
export interface StageOutcome {
  profile: string;
  heldOut: boolean;
  stage: string;
  expected: string;
  got: string;
  score: number | null;
}

export function panelProfiles(): PanelProfile[] {
  return (parse(readFileSync(`${PANEL_DIR}verdicts.yaml`, "utf8")) as { profiles: PanelProfile[] }).profiles;
}

export async function profileAnswers(set: QuestionSet, profile: PanelProfile): Promise<Answers> {
  return loadAnswers(`${PANEL_DIR}profiles/${profile.file}`, set).then(orThrow);
}

/** Scores every profile and pairs each stage's verdict with the consultant's. */
export async function panelOutcomes(set: QuestionSet): Promise<StageOutcome[]> {
  const outcomes: StageOutcome[] = [];
  for (const profile of panelProfiles()) {
    const assessment = assess(set, await profileAnswers(set, profile));
    for (const stage of assessment.stages) {
      const expected = profile.stages[stage.id]?.verdict ?? "(none)";
      outcomes.push({ profile: profile.file, heldOut: profile.heldOut, stage: stage.id, expected, got: stage.verdict, score: stage.score });
    }
  }
  return outcomes;
}

export function agreement(outcomes: readonly StageOutcome[]): { agreed: number; total: number; share: number } {
  const agreed = outcomes.filter((o) => o.expected === o.got).length;
  return { agreed, total: outcomes.length, share: outcomes.length ? agreed / outcomes.length : 0 };
}

/** Automate against keep human: the two ends of the scale. */
export function twoStepsOff(o: StageOutcome): boolean {
  const a = VERDICT_STEPS[o.expected];
  const b = VERDICT_STEPS[o.got];
  return a !== undefined && b !== undefined && Math.abs(a - b) === 2;
}

export function panelReport(outcomes: readonly StageOutcome[]): string {
  const line = (label: string, list: readonly StageOutcome[]) => {
    const { agreed, total, share } = agreement(list);
    return `${label}: ${agreed}/${total} (${Math.round(share * 100)}%)`;
  };
  const misses = outcomes.filter((o) => o.expected !== o.got).map((o) => `  ${o.profile} ${o.stage}: consultant ${o.expected}, tool ${o.got} (score ${o.score})`);
  return [
    line(
      "panel agreement, tuned",
      outcomes.filter((o) => !o.heldOut),
    ),
    line(
      "panel agreement, held out",
      outcomes.filter((o) => o.heldOut),
    ),
    line("panel agreement, all", outcomes),
    ...misses,
  ].join("\n");
}
