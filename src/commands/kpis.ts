import { Command } from "commander";
import { InputError, Interrupted, orThrow } from "../errors.js";
import { say } from "../text.js";
import { outputShape, parseOptions, setShape, today, type Zod } from "./options.js";

const InitOptions = (z: Zod) => z.object({ ...setShape(z), out: z._default(z.string().check(z.minLength(1)), "kpis.yaml"), force: outputShape(z).force });
const AddOptions = (z: Zod) => z.object({ ...setShape(z), date: z.optional(z.string()), baseline: z._default(z.boolean(), false) });
const initOptions = (raw: unknown) => parseOptions(InitOptions, raw);
const addOptions = (raw: unknown) => parseOptions(AddOptions, raw);

/** The KPI log's review date: the end of the plan's third phase. */
const REVIEW_DAYS = 90;
/** `kpis add` waits this long for another `kpis add` on the same log to finish. */
const LOCK_WAIT_MS = 5000;

const init = new Command("init")
  .description("start a KPI log for the stages the answers put at Automate or Hybrid: per KPI an owner, a tripwire, a review date, readings")
  .argument("<answers>", "the answers file the plan comes from")
  .option("-o, --out <file>", "the log to write", "kpis.yaml")
  .option("--force", "replace the log if it exists (its readings are lost)", false)
  .option("--questions <path>", "use this question set (a YAML file or a folder) instead of the built-in one")
  .action(async (answersFile: string, raw: unknown) => runInit(answersFile, await initOptions(raw)));

const add = new Command("add")
  .description("add a reading to a KPI log; a KPI's first reading is its baseline")
  .argument("<file>", "the KPI log (made by 'kpis init')")
  .argument("<kpi-id>", "the KPI, by its id in the log (e.g. renewal-rate)")
  .argument("<value>", "the reading, a plain number in the KPI's measure (e.g. 91 for 91%)")
  .option("--date <YYYY-MM-DD>", "the day of the reading (default: today)")
  .option("--baseline", "a reading dated before the KPI's baseline becomes its new baseline (refused without it)", false)
  .option("--questions <path>", "use this question set (a YAML file or a folder) instead of the built-in one")
  .action(async (file: string, id: string, value: string, raw: unknown) => runAdd(file, id, value, await addOptions(raw)));

export const kpis = new Command("kpis")
  .description("keep watching the customer KPIs of the stages you automate: a log of readings, and an alarm in the report when one crosses its tripwire")
  .addCommand(init)
  .addCommand(add)
  .addHelpText(
    "after",
    `
  automation-fit kpis init answers.yaml                 start kpis.yaml from the plan
  automation-fit kpis add kpis.yaml renewal-rate 91     a reading today (the first is the baseline)
  automation-fit report answers.yaml --kpis kpis.yaml   movement since the baseline, alarms`,
  );
for (const command of [init, add]) command.exitOverride().showSuggestionAfterError();

async function runInit(answersFile: string, options: Awaited<ReturnType<typeof initOptions>>): Promise<void> {
  const [{ loadQuestionSet }, { readAnswers }, { assess }, { kpisToWatch }, { kpiLogText }, { writeOutput }, { addDays }] = await Promise.all([
    import("../load/question-set.js"),
    import("../load/respondents.js"),
    import("../score/score.js"),
    import("../score/kpis.js"),
    import("../load/kpi-log.js"),
    import("../io/write.js"),
    import("../score/plan.js"),
  ]);
  const set = orThrow(await loadQuestionSet(options.questions));
  const answers = orThrow(await readAnswers(answersFile, set));
  const watched = kpisToWatch(assess(set, answers), set);
  if (watched.length === 0) {
    say("No stage of these answers is at Automate or Hybrid, so no KPI watches an automated stage: no log written.");
    return;
  }
  const created = today();
  const text = kpiLogText(options.out, watched, { ...(answers.client ? { client: answers.client } : {}), created, review: addDays(created, REVIEW_DAYS) });
  await writeOutput(options.out, text, { force: options.force });
  const stages = new Set(watched.flatMap((w) => w.stageIds)).size;
  say(
    `wrote ${options.out}: ${watched.length} KPI${watched.length === 1 ? "" : "s"} watching ${stages} automated or hybrid stage${stages === 1 ? "" : "s"}.\n` +
      `Name an owner for each, then add today's readings as baselines: automation-fit kpis add ${options.out} ${watched[0]!.kpi.id} VALUE`,
  );
}

async function runAdd(file: string, id: string, valueText: string, options: Awaited<ReturnType<typeof addOptions>>): Promise<void> {
  const value = readingValue(valueText);
  const [
    { Day },
    { loadQuestionSet },
    { parseKpiLog, appendReading },
    { readText },
    { noteSaveFile, writeOutput },
    { lock },
    { tripwireCrossed, changeSince, number, inDateOrder, moveText, tripwireText },
  ] = await Promise.all([
    import("../model/kpi-log.js"),
    import("../load/question-set.js"),
    import("../load/kpi-log.js"),
    import("../io/decode.js"),
    import("../io/write.js"),
    import("../io/lock.js"),
    import("../score/kpis.js"),
  ]);
  const date = options.date ?? today();
  const day = Day.safeParse(date);
  if (!day.success) throw new InputError(`option --date: '${date}' ${day.error.issues[0]?.message ?? "is not a date"}`);
  const set = orThrow(await loadQuestionSet(options.questions));

  // Ctrl-C is held off while the reading is added: the log is either as it was or has the reading, never half of it.
  let interrupted = false;
  const onSigint = () => {
    interrupted = true;
  };
  process.on("SIGINT", onSigint);
  let added = false;
  try {
    const held = await lock(file, {
      doing: "adding a reading to it",
      instead: "",
      waitMs: LOCK_WAIT_MS,
      onWait: (holder) => say(`waiting for ${holder} to finish with ${file}...`),
    });
    try {
      // read inside the lock, so a reading added meanwhile by another run is kept
      const read = await readText(file, { maxBytes: 5 * 1024 * 1024, kind: "a KPI log (kpis.yaml, made by 'automation-fit kpis init')" });
      if (read.text === undefined) throw new InputError(read.problems);
      const { log, problems } = parseKpiLog(file, read.text, set);
      if (!log) throw new InputError(problems);
      const ids = set.kpis.map((k) => k.id);
      if (!ids.includes(id)) {
        const logged = log.kpis.map((k) => k.id);
        const { didYouMean } = await import("../suggest.js");
        throw new InputError(`unknown KPI id '${id}'${didYouMean(id, ids) || `; this log holds: ${logged.join(", ") || "none yet"}`}`);
      }
      const kpi = set.kpis.find((k) => k.id === id);
      // a share of something ("% of accounts ...") lies between 0 and 100: -5 or 910 is a typo that would move the baseline
      if (kpi?.measure?.startsWith("%") && (value < 0 || value > 100)) {
        throw new InputError(`VALUE ${number(value)} is outside 0 to 100: ${id} is measured as ${kpi.measure}; give a percentage from 0 to 100`);
      }
      const entry = log.kpis.find((k) => k.id === id);
      const before = inDateOrder(entry?.readings ?? []);
      const baseline = before[0];
      // the earliest reading is the baseline every change is measured from: a back-dated one would quietly replace it
      if (baseline && day.data < baseline.date && !options.baseline) {
        throw new InputError(
          `${day.data} is before ${id}'s baseline (${number(baseline.value)} on ${baseline.date}), and the earliest reading is the baseline every change is measured from. ` +
            "If the date is a typo, give the right one with --date; to make this reading the new baseline, add --baseline.",
        );
      }
      if (interrupted) throw stopped(file, false);
      const text = appendReading(read.text, id, { date: day.data, value });
      noteSaveFile(file, { resumed: true });
      await writeOutput(file, text, { save: true });
      added = true;

      const tripwire = entry?.tripwire === undefined ? kpi?.tripwire : entry.tripwire;
      // the latest reading a report counts (one dated after today is not counted yet): a reading before it is filed, not the news
      const now = today();
      const latest = before.filter((r) => r.date <= now).at(-1);
      const filed = latest && day.data < latest.date && day.data >= baseline!.date;
      let note = `added ${id} ${number(value)} on ${day.data} to ${file}`;
      if (!baseline) note += ": its baseline";
      else if (day.data < baseline.date) note += `: its new baseline (it was ${number(baseline.value)} on ${baseline.date})`;
      else if (tripwire) {
        const change = changeSince(baseline.value, value, tripwire.unit);
        const moved = change === null ? "" : `, ${change === 0 ? "unchanged" : moveText(change, tripwire.unit)} since the baseline (${number(baseline.value)} on ${baseline.date})`;
        note += tripwireCrossed(baseline.value, value, tripwire)
          ? `${moved}: past its tripwire (${tripwireText(tripwire)})${filed ? "" : `. See the alarm: automation-fit report ANSWERS --kpis ${file}`}`
          : `${moved}, inside its tripwire`;
      }
      if (filed) note += `; filed in date order, before the latest reading (${number(latest.value)} on ${latest.date}), which reports measure`;
      say(note);
      if (day.data > now) {
        say(`note: ${day.data} is after today (${now}); reports count this reading from that day on. If the date is a typo, correct it in ${file}.`);
      }
    } finally {
      await held.release();
    }
  } finally {
    process.off("SIGINT", onSigint);
  }
  if (interrupted) throw stopped(file, added);
}

function stopped(file: string, added: boolean): Interrupted {
  return new Interrupted(added ? `Stopped. The reading was added to ${file} first; nothing else changed.` : `Stopped before adding the reading: ${file} is unchanged.`);
}

/** A reading as typed: a plain decimal number; "91%", "4,5", "0x10" or "1e3" are refused with the way to write them. */
export function readingValue(text: string): number {
  const trimmed = text.trim();
  // Number() alone would take hex, binary, exponents and "Infinity": a plain number is what the help promises
  if (/^[+-]?(\d+\.?\d*|\.\d+)$/.test(trimmed)) {
    const value = Number(trimmed);
    if (Number.isFinite(value)) return value;
  }
  const hint = /^-?\d+,\d+$/.test(trimmed) ? `; write the decimal with a point: ${trimmed.replace(",", ".")}` : "; write a plain number in the KPI's measure, like 91 for 91%";
  throw new InputError(`VALUE '${text}' is not a number${hint}`);
}
