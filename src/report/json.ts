import type { TeamAssessment, TeamRespondent } from "../model/report.js";

// JSON.stringify leaves DEL, C1 controls and line/bidi separators raw; as \u escapes they cannot act on a terminal.
const RAW = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const escapeRaw = (json: string) => json.replace(RAW, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`);

/** A result (an assessment, a comparison) as pretty JSON, exactly as built; parses back equal to `a`. */
export function renderJson(a: object): string {
  return `${escapeRaw(JSON.stringify(a, null, 2))}\n`;
}

/**
 * A team as pretty JSON in pieces, respondent by respondent, so that a team of a million is never one string: the text
 * is renderJson's of the team with `respondents` filled from `respondents` (made as they are asked for).
 */
export function* renderTeamJson(team: TeamAssessment, respondents: Iterable<TeamRespondent>): Generator<string> {
  const whole = renderJson({ ...team, respondents: [] });
  const empty = '\n  "respondents": [],\n';
  const at = whole.indexOf(empty);
  if (at < 0) throw new Error("renderTeamJson: the team has no top-level respondents list");
  let first = true;
  for (const r of respondents) {
    const item = escapeRaw(JSON.stringify(r, null, 2)).replaceAll("\n", "\n    ");
    yield first ? `${whole.slice(0, at)}\n  "respondents": [\n    ${item}` : `,\n    ${item}`;
    first = false;
  }
  yield first ? whole : `\n  ],\n${whole.slice(at + empty.length)}`;
}
