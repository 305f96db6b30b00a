import * as z from "zod/mini";
import "./locale.js";

// Names every object has ('constructor'): as an id it would find a built-in where it looks up answers or weights (F9, F10).
const RESERVED_IDS = new Set(Object.getOwnPropertyNames(Object.prototype));
const kebabId = z.string().check(
  z.regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "ids are kebab-case: lower-case letters, digits and single dashes, like 'sales-call'"),
  z.refine((id) => !RESERVED_IDS.has(id), { message: "this id is reserved (every object has a property of that name); choose another, like 'sales-call'" }),
);
const text = z.string().check(z.trim(), z.minLength(1, "must not be empty"));
/** A number from 0 to `max`. */
const upTo = (max: number) => z.number().check(z.gte(0), z.lte(max));

/** Weights are relative; a bound keeps their sums finite (1e308 made scores NaN, F8). */
export const MAX_WEIGHT = 100;
export const MAX_SCALE_OPTIONS = 20;

export const Signal = z.enum(["automate", "human"]).check(z.describe("Which way a 'yes' points: toward automating the stage, or toward keeping it human."));

export const ScaleOption = z
  .strictObject({
    value: z.string().check(z.minLength(1), z.describe("What an answers file writes, e.g. 'yes'.")),
    label: text.check(z.describe("What the interview shows.")),
    counts: z
      ._default(z.enum(["answer", "unsure", "not-applicable"]), "answer")
      .check(z.describe("answer: scored at its level; unsure: counts as not answered and lowers confidence; not-applicable: removes the question from the assessment.")),
    level: z.optional(upTo(1)).check(z.describe("For counts: answer, how far toward 'yes' this answer is: 1 = yes, 0 = no.")),
  })
  .check(
    z.superRefine((option, ctx) => {
      if (option.counts === "answer" && option.level === undefined) {
        ctx.addIssue({ code: "custom", path: ["level"], message: "an answer needs a level from 0 (no) to 1 (yes); add 'level: 0.5' or set 'counts: unsure'" });
      }
      if (option.counts !== "answer" && option.level !== undefined) {
        ctx.addIssue({ code: "custom", path: ["level"], message: `a '${option.counts}' option is not scored, so it takes no level; remove 'level'` });
      }
    }),
  );

export const Thresholds = z
  .strictObject({
    automate: upTo(100).check(z.describe("A stage scoring at or above this is 'automate'.")),
    human: upTo(100).check(z.describe("A stage scoring at or below this is 'keep human'.")),
    minConfidence: upTo(1).check(z.describe("Below this share of a stage's weight answered, the stage is 'insufficient': too little answered to say.")),
    minAnswered: z
      .optional(z.number().check(z.int(), z.gte(1)))
      .check(z.describe("A verdict needs at least this many answered questions on the stage, with one on each side (default 3).")),
  })
  .check(
    z.refine((t) => t.human < t.automate, {
      message: "thresholds out of order: 'human' must be below 'automate' (e.g. human: 35, automate: 65)",
      path: ["human"],
    }),
  );

export const Effort = z.enum(["small", "medium", "large"]).check(z.describe("How much work setting the play up takes: small (days), medium (weeks), large (a project)."));
/** Question id -> the answers (scale values) that meet the condition. */
export const AnswerCondition = z
  .record(z.string(), z.array(z.string().check(z.minLength(1))).check(z.minLength(1, 'list at least one answer, e.g. ["yes", partly]')))
  .check(z.describe('Question id -> the answers that meet the condition, e.g. {negotiated-terms: ["yes", partly]}.'));

export const Play = z.strictObject({
  title: text.check(z.describe("A short name for the play.")),
  automate: text.check(z.describe("What to automate.")),
  human: text.check(z.describe("The human part that the automation frees time for.")),
  effort: z.optional(Effort).check(z.describe("How much work setting it up takes; the roadmap puts small plays first. Unstated counts as medium.")),
  when: z.optional(AnswerCondition).check(z.describe("The play fits only if every question listed has one of its answers (an open question leaves it in, ranked lower).")),
  unless: z.optional(AnswerCondition).check(z.describe("The play does not fit if any question listed has one of its answers.")),
  closes: z
    .optional(z.array(z.string().check(z.minLength(1))))
    .check(z.describe("Ids of gates this play closes (e.g. a person on hand when automation fails): while such a gate caps a stage, the play comes first.")),
});

export const Stage = z.strictObject({
  id: kebabId,
  name: text,
  description: text.check(z.describe("One line: what happens with the customer at this stage.")),
  risk: z.optional(text).check(z.describe("What the business risks losing if it automates this stage badly, with an example.")),
  thresholds: z
    .optional(z.strictObject({ automate: z.optional(upTo(100)), human: z.optional(upTo(100)) }))
    .check(z.describe("This stage's own automate and human thresholds, where they differ from the set's (e.g. a stage with routine work in any business).")),
  plays: z._default(z.array(Play), []),
});

/**
 * A rule that bounds the verdict of some stages when a question has one of the listed answers: a cap (the most
 * automated verdict allowed, e.g. a person must be part of a regulated decision) or a floor (the least automated,
 * e.g. routine that repeats every time always leaves something to automate). Where both apply, the cap wins.
 */
export const Gate = z
  .strictObject({
    id: kebabId,
    question: z.string().check(z.minLength(1), z.describe("The question whose answer opens the gate.")),
    answers: z.array(z.string().check(z.minLength(1))).check(z.minLength(1), z.describe("The answers that trigger it.")),
    stages: z.array(z.string()).check(z.minLength(1, "name at least one stage the gate bounds"), z.describe("The stages it bounds.")),
    cap: z.optional(z.enum(["hybrid", "human"])).check(z.describe("The most automated verdict allowed while the gate holds.")),
    floor: z.optional(z.enum(["automate", "hybrid"])).check(z.describe("The least automated verdict allowed while the gate holds; a cap wins over a floor.")),
    reason: text.check(z.describe("Why, in words a client reads in the report.")),
    name: z.optional(text).check(z.describe('A short name a client reads where the gate is named, e.g. "nobody on hand when automation fails"; else its id.')),
    fix: z
      .optional(text)
      .check(z.describe("For a gap the business can close (not a fact of what it sells): what to do, one sentence. While the gate caps a stage, it is the first thing to do.")),
  })
  .check(
    z.superRefine((gate, ctx) => {
      if ((gate.cap === undefined) === (gate.floor === undefined)) {
        ctx.addIssue({
          code: "custom",
          path: [],
          message: "a gate either caps or raises a verdict: give it 'cap: hybrid' (or human) or 'floor: hybrid' (or automate), one of the two",
        });
      }
    }),
  );

export const Question = z.strictObject({
  id: kebabId,
  text: text.check(z.describe("The question, answerable by the scale.")),
  help: text.check(z.describe("Why it matters: shown on request in the interview.")),
  signal: Signal,
  aliases: z.optional(z.array(kebabId)).check(z.describe("Former ids of this question: answers files, survey headers and comparisons that use them keep working.")),
  mirrors: z
    .optional(kebabId)
    .check(z.describe("The id of a question that asks the same thing from the other side (opposite signal): the pair weighs once and a contradiction is flagged.")),
  stages: z
    .record(
      z.string(),
      z
        // .nan and text land here: said in our words, not zod's "expected number, received NaN" (#15)
        .number({ error: "a weight is a number above 0, like 1 to 5 (.nan, .inf and text are not weights)" })
        .check(
          z.positive("a weight must be above 0; remove the stage instead of weighting it 0"),
          z.lte(MAX_WEIGHT, `a weight is at most ${MAX_WEIGHT}; weights are relative, 1 to 5 is usual`),
        ),
    )
    .check(z.describe("Stage id -> weight: how strongly this question bears on that stage.")),
});

export const Tripwire = z
  .strictObject({
    direction: z.enum(["down", "up"]).check(z.describe("Which way is bad news: 'down' for a renewal rate, 'up' for leads used per sale.")),
    size: z
      .number()
      .check(
        z.positive("a tripwire's size is above 0"),
        z.lte(1_000_000, "a tripwire's size is at most 1,000,000"),
        z.describe("How far the KPI may move the bad way from its baseline before the alarm."),
      ),
    unit: z.enum(["points", "percent"]).check(z.describe("points: in the KPI's own unit (a rate of 91 falling to 89 is 2 points); percent: percent of the baseline.")),
  })
  .check(z.describe("When a KPI's move since its baseline raises the alarm, e.g. renewal rate down 2 points."));

export const Kpi = z.strictObject({
  id: kebabId,
  name: text,
  watch: text.check(z.describe("The question to keep asking once the stage is automated.")),
  stages: z.array(z.string()).check(z.minLength(1, "name at least one stage this KPI watches")),
  measure: z.optional(text).check(z.describe("What a reading counts, e.g. '% of accounts up for renewal that renew'; a KPI log shows it.")),
  tripwire: z.optional(Tripwire).check(z.describe("The default tripwire a KPI log starts with; each log may change it.")),
  when: z.optional(AnswerCondition).check(z.describe("The KPI is watched only if every question listed has one of its answers (an open question leaves it in).")),
  unless: z.optional(AnswerCondition).check(z.describe("The KPI is not watched if any question listed has one of its answers (a usage KPI where customers use nothing).")),
});

export const Cadence = z.enum(["month", "quarter", "year"]);

export const Campaign = z.strictObject({
  id: kebabId,
  name: text,
  description: text,
  every: z.optional(Cadence).check(z.describe("How often the campaign runs: the plan dates it (month, quarter or year). Unstated: a standing practice, not dated.")),
});

export const AutomatableShare = z
  .strictObject({ automate: upTo(1), hybrid: upTo(1), human: upTo(1) })
  .check(z.describe("Per verdict, the share of a stage's time that automation can take over; hours freed = times a month x minutes / 60 x share."));

export const SetInfo = z.strictObject({
  name: text,
  version: z.optional(z.string().check(z.minLength(1))),
  description: z.optional(text),
});

export const DEFAULT_SCALE: z.input<typeof ScaleOption>[] = [
  { value: "yes", label: "Yes", level: 1 },
  { value: "partly", label: "Partly", level: 0.5 },
  { value: "no", label: "No", level: 0 },
  { value: "unsure", label: "Not sure", counts: "unsure" },
  { value: "n/a", label: "Does not apply", counts: "not-applicable" },
];

export const DEFAULT_THRESHOLDS: z.infer<typeof Thresholds> = { automate: 65, human: 35, minConfidence: 0.5 };

/** One YAML file of a set: every part optional, since a set may be split across files. */
export const QuestionSetFile = z
  .strictObject({
    $schema: z.optional(z.string()),
    set: z.optional(SetInfo),
    scale: z.optional(
      z
        .array(ScaleOption)
        .check(
          z.minLength(2, "a scale needs at least two options"),
          z.maxLength(MAX_SCALE_OPTIONS, `a scale has at most ${MAX_SCALE_OPTIONS} options: each is a choice in the interview and a column of the team report`),
        ),
    ),
    thresholds: z.optional(Thresholds),
    automatableShare: z.optional(AutomatableShare),
    stages: z.optional(z.array(Stage)),
    questions: z.optional(z.array(Question)),
    kpis: z.optional(z.array(Kpi)),
    campaigns: z.optional(z.array(Campaign)),
    gates: z.optional(z.array(Gate)),
  })
  .check(z.describe("An automation-fit question set, or one file of a set split across a folder."));

export const QuestionSet = z.object({
  set: SetInfo,
  scale: z.array(ScaleOption),
  thresholds: Thresholds,
  automatableShare: z.optional(AutomatableShare),
  stages: z.array(Stage),
  questions: z.array(Question),
  kpis: z.array(Kpi),
  campaigns: z.array(Campaign),
  gates: z._default(z.array(Gate), []),
});

export type Signal = z.infer<typeof Signal>;
export type ScaleOption = z.infer<typeof ScaleOption>;
export type Thresholds = z.infer<typeof Thresholds>;
export type Effort = z.infer<typeof Effort>;
export type Play = z.infer<typeof Play>;
export type Tripwire = z.infer<typeof Tripwire>;
export type Cadence = z.infer<typeof Cadence>;
export type AutomatableShare = z.infer<typeof AutomatableShare>;
export type Stage = z.infer<typeof Stage>;
export type Question = z.infer<typeof Question>;
export type Kpi = z.infer<typeof Kpi>;
export type Campaign = z.infer<typeof Campaign>;
export type Gate = z.infer<typeof Gate>;
export type AnswerCondition = z.infer<typeof AnswerCondition>;
export type QuestionSetFile = z.infer<typeof QuestionSetFile>;
export type QuestionSet = z.infer<typeof QuestionSet>;

const idMaps = new WeakMap<QuestionSet, ReadonlyMap<string, string>>();

/** Every id and alias of the set's questions -> the question's id: old answers files and survey headers keep working. */
export function questionIdOf(set: QuestionSet): ReadonlyMap<string, string> {
  let map = idMaps.get(set);
  if (!map) {
    const m = new Map<string, string>();
    for (const q of set.questions) for (const alias of q.aliases ?? []) m.set(alias, q.id);
    for (const q of set.questions) m.set(q.id, q.id);
    map = m;
    idMaps.set(set, map);
  }
  return map;
}
