import { type Loaded, problemsOf } from "../errors.js";
import { SavedReport, SavedTeamReport } from "../model/report.js";
import { SCHEMA_VERSION } from "../model/verdict.js";
import { readSource, type Source } from "./source.js";

/** Saved reports this version reads: 1 has the same stage figures, with one verdict fewer (not-applicable). */
const READABLE = [1, SCHEMA_VERSION];

export type ProgressFile = { kind: "answers"; source: Source } | { kind: "report"; report: SavedReport } | { kind: "team"; report: SavedTeamReport };

const MAKE_REPORT = "'automation-fit report ANSWERS --format json'";

/** Reads a file for compare and tells by its content what it is: an answers file, or a JSON report from `report --format json`. */
export async function readProgressFile(file: string): Promise<Loaded<ProgressFile>> {
  const read = await readSource(file);
  const source = read.value;
  if (!source) return problemsOf(read);
  const data = source.data;
  if (data.kind === "comparison") {
    return { problems: [source.problem(["kind"], `is the output of compare; compare two answers files or two reports made by ${MAKE_REPORT}`)] };
  }
  if ("schemaVersion" in data) {
    if (data.kind === "team") {
      // a survey round saved as a team report: compared at its medians, as a team folder or export would be
      const parsed = SavedTeamReport.safeParse({ ...data, schemaVersion: SCHEMA_VERSION });
      if (parsed.success && READABLE.includes(data.schemaVersion as number)) return { value: { kind: "team", report: parsed.data }, problems: [] };
      if (parsed.success) {
        return {
          problems: [
            source.problem(
              ["schemaVersion"],
              `is a team report with schemaVersion ${JSON.stringify(data.schemaVersion)}; make it again with 'automation-fit report TEAM --format json', or compare the team's files`,
            ),
          ],
        };
      }
      return { problems: source.zodProblems(parsed.error).map((p) => ({ ...p, message: `not a team report made by 'automation-fit report TEAM --format json': ${p.message}` })) };
    }
    if (!READABLE.includes(data.schemaVersion as number)) {
      const version = JSON.stringify(data.schemaVersion);
      return {
        problems: [
          source.problem(
            ["schemaVersion"],
            `is a report with schemaVersion ${version}; this version of automation-fit reads schemaVersion ${READABLE.join(" and ")}: make the report again with ${MAKE_REPORT}, or compare the answers files`,
          ),
        ],
      };
    }
    // version 1 to 2: the figures compare reads are the same
    const parsed = SavedReport.safeParse({ ...data, schemaVersion: SCHEMA_VERSION });
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
