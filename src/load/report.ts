import { z } from "zod";
import { ISO_DATE_MESSAGE, isIsoDate } from "../model/date.js";
import type { Problem } from "../errors.js";
import { ASSESSMENT_SCHEMA_VERSION } from "../model/assessment.js";
import type { ScoredStages } from "../score/compare.js";
import { readSource, type Source } from "./source.js";

// Only what compare reads; a report holds more, so other keys are let through.
const SavedReport = z.object({
  schemaVersion: z.literal(ASSESSMENT_SCHEMA_VERSION),
  set: z.object({ name: z.string(), version: z.string().optional() }),
  client: z.string().optional(),
  assessor: z.string().optional(),
  date: z.string().refine(isIsoDate, ISO_DATE_MESSAGE).optional(),
  thresholds: z.object({ automate: z.number().min(0).max(100), human: z.number().min(0).max(100), minConfidence: z.number().min(0).max(1) }),
  stages: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      score: z.number().min(0).max(100).nullable(),
      verdict: z.enum(["automate", "hybrid", "human", "insufficient"]),
      confidence: z.number().min(0).max(1),
    }),
  ),
});

export type ProgressFile = { kind: "answers"; source: Source } | { kind: "report"; report: ScoredStages };

const MAKE_REPORT = "'automation-fit report ANSWERS --format json'";

/** Reads a file for compare and tells by its content what it is: an answers file, or a JSON report from `report --format json`. */
export async function readProgressFile(file: string): Promise<{ value?: ProgressFile; problems: Problem[] }> {
  const read = await readSource(file);
  const source = read.source;
  if (!source) return { problems: read.problems };
  const data = source.data;
  if (data.kind === "comparison") {
    return { problems: [source.problem(["kind"], `is the output of compare; compare two answers files or two reports made by ${MAKE_REPORT}`)] };
  }
  if ("schemaVersion" in data) {
    if (data.schemaVersion !== ASSESSMENT_SCHEMA_VERSION) {
      const version = JSON.stringify(data.schemaVersion);
      return {
        problems: [
          source.problem(
            ["schemaVersion"],
            `is a report with schemaVersion ${version}; this version of automation-fit reads schemaVersion ${ASSESSMENT_SCHEMA_VERSION}: make the report again with ${MAKE_REPORT}, or compare the answers files`,
          ),
        ],
      };
    }
    const parsed = SavedReport.safeParse(data);
    if (!parsed.success) {
      return { problems: source.zodProblems(parsed.error).map((p) => ({ ...p, message: `not a report made by ${MAKE_REPORT}: ${p.message}` })) };
    }
    return { value: { kind: "report", report: parsed.data }, problems: [] };
  }
  if ("answers" in data) return { value: { kind: "answers", source }, problems: [] };
  return {
    problems: [
      source.problem(
        [],
        `is neither an answers file (it has no 'answers:') nor a report made by ${MAKE_REPORT} (it has no 'schemaVersion'); compare takes one of those for each side`,
      ),
    ],
  };
}
