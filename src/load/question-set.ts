import { stat } from "node:fs/promises";
import { listFolder } from "../io/decode.js";
import { basename, join } from "node:path";
import type * as z from "zod/mini";
import { byPosition, type Loaded, readFailure, type Problem } from "../errors.js";
import { DEFAULT_SCALE, DEFAULT_THRESHOLDS, QuestionSetFile, ScaleOption, type QuestionSet } from "../model/question-set.js";
import { BUILT_IN_QUESTIONS } from "../paths.js";
import { didYouMean } from "../suggest.js";
import { preparedBuiltInSet } from "./built-in.js";
import { readSource, type Path, type Source } from "./source.js";

/** Where an item of the merged set came from, so a cross-reference error can point at it. */
interface Origin {
  source: Source;
  path: Path;
}

/** The YAML files a set path names: the file itself, or a folder's *.yaml and *.yml files. */
export async function setFiles(path: string): Promise<Loaded<string[]>> {
  let isFolder: boolean;
  try {
    isFolder = (await stat(path)).isDirectory();
  } catch (error) {
    return { problems: [{ file: path, message: readFailure(error) }] };
  }
  if (!isFolder) return { value: [path], problems: [] };
  const listed = await listFolder(path);
  if (!listed.value) return listed;
  const names = listed.value.filter((n) => /\.ya?ml$/i.test(n)).sort();
  if (!names.length) return { problems: [{ file: path, message: "holds no question set: no .yaml or .yml files in this folder" }] };
  return { value: names.map((n) => join(path, n)), problems: [] };
}

/**
 * Loads, validates and merges a question set from a file or a folder, with every problem found.
 * With no path, the built-in set: as the build prepared it (checked there by this very loader) while questions/ is unchanged.
 */
export async function loadQuestionSet(path?: string): Promise<Loaded<QuestionSet>> {
  if (path === undefined) {
    const prepared = preparedBuiltInSet();
    if (prepared) return { value: prepared, problems: [] };
    path = BUILT_IN_QUESTIONS;
  }
  const files = await setFiles(path);
  if (!files.value) return { problems: files.problems };
  const reads = await Promise.all(files.value.map(readSource));
  return questionSetFrom(reads, setName(path));
}

/** The name a set without a 'set:' entry goes by: its file or folder name. */
export function setName(path: string): string {
  return basename(path).replace(/\.ya?ml$/i, "");
}

/** Validates and merges the files of a set, already read, with every problem found. */
export function questionSetFrom(reads: Loaded<Source>[], name: string): Loaded<QuestionSet> {
  const problems: Problem[] = [];
  const parts: { source: Source; data: QuestionSetFile }[] = [];
  const dropped = new Set<string>();
  for (const read of reads) {
    problems.push(...read.problems);
    const source = read.value;
    if (!source) continue;
    const parsed = QuestionSetFile.safeParse(source.data);
    if (parsed.success) parts.push({ source, data: parsed.data });
    else {
      problems.push(...source.zodProblems(parsed.error, QuestionSetFile));
      const valid = validPart(source, parsed.error, dropped);
      if (valid) parts.push(valid);
    }
  }
  if (!problems.length) {
    const merged = mergeParts(parts, name, problems);
    if (!problems.length) return { value: merged, problems: [] };
  } else if (parts.length === reads.length) {
    // the later checks run on what is valid, so one run shows every problem (#27); what refers to a dropped item is not blamed
    mergeParts(parts, name, problems, dropped);
  }
  return { problems: problems.sort(byPosition) };
}

/**
 * A file's data with every list item a schema problem lies in taken out (a play with a bad effort, a question with a bad
 * weight), so the cross-reference checks can run on the rest, and a source whose problems point into the file as written
 * (items taken out shift the rest); the ids taken out go in `dropped` ("question:ID"). Undefined where a problem is not
 * inside a list item, or the rest still does not parse.
 */
function validPart(source: Source, error: z.core.$ZodError, dropped: Set<string>): { source: Source; data: QuestionSetFile } | undefined {
  const copy: unknown = structuredClone(source.data);
  // list (its path in the file) -> indexes taken out of it, ascending
  const removed = new Map<string, number[]>();
  const inFile = (path: readonly PropertyKey[]): Path => {
    const out: (string | number)[] = [];
    for (const key of path) {
      if (typeof key !== "number") out.push(String(key));
      else out.push((removed.get(JSON.stringify(out)) ?? []).reduce((i, r) => (r <= i ? i + 1 : i), key));
    }
    return out;
  };
  let issues = error.issues;
  for (let pass = 0; pass < 3; pass++) {
    const cuts: { list: unknown[]; index: number; listInFile: string; indexInFile: number }[] = [];
    for (const issue of issues) {
      const at = issue.path.map((key) => typeof key).lastIndexOf("number");
      if (at < 0) return undefined;
      const list = issue.path.slice(0, at).reduce<unknown>((node, key) => (node as Record<PropertyKey, unknown>)?.[key as PropertyKey], copy);
      if (!Array.isArray(list)) return undefined;
      const file = inFile(issue.path.slice(0, at + 1));
      const item = list[issue.path[at] as number] as { id?: unknown } | undefined;
      if (at === 1 && typeof item?.id === "string") dropped.add(`${KINDS[String(issue.path[0])] ?? ""}:${item.id}`);
      cuts.push({ list, index: issue.path[at] as number, listInFile: JSON.stringify(file.slice(0, -1)), indexInFile: file.at(-1) as number });
    }
    for (const cut of cuts)
      removed.set(
        cut.listInFile,
        [...new Set([...(removed.get(cut.listInFile) ?? []), cut.indexInFile])].sort((a, b) => a - b),
      );
    const byList = new Map<unknown[], Set<number>>();
    for (const cut of cuts) byList.set(cut.list, (byList.get(cut.list) ?? new Set()).add(cut.index));
    for (const [list, indexes] of byList) for (const i of [...indexes].sort((a, b) => b - a)) list.splice(i, 1);
    const parsed = QuestionSetFile.safeParse(copy);
    if (parsed.success) {
      const mapped: Source = Object.create(source, { problem: { value: (path: Path, message: string, atKey?: boolean) => source.problem(inFile(path), message, atKey) } });
      return { source: mapped, data: parsed.data };
    }
    issues = parsed.error.issues;
  }
  return undefined;
}

const KINDS: Record<string, string> = { stages: "stage", questions: "question", kpis: "KPI", campaigns: "campaign", gates: "gate" };

function mergeParts(parts: { source: Source; data: QuestionSetFile }[], fallbackName: string, problems: Problem[], dropped = new Set<string>()): QuestionSet {
  const singles = new Map<string, Origin>();
  const single = <T>(key: "set" | "scale" | "thresholds" | "automatableShare", source: Source, value: T | undefined): T | undefined => {
    if (value === undefined) return undefined;
    const first = singles.get(key);
    if (first) {
      const at = first.source.problem([key], "", true);
      problems.push(source.problem([key], `'${key}' is already defined at ${at.file}:${at.line}:${at.col}; a set defines it once`, true));
      return undefined;
    }
    singles.set(key, { source, path: [key] });
    return value;
  };

  let set: QuestionSet["set"] | undefined;
  let scale: QuestionSet["scale"] | undefined;
  let thresholds: QuestionSet["thresholds"] | undefined;
  let automatableShare: QuestionSet["automatableShare"];
  const stages: (QuestionSet["stages"][number] & { origin: Origin })[] = [];
  const questions: (QuestionSet["questions"][number] & { origin: Origin })[] = [];
  const kpis: (QuestionSet["kpis"][number] & { origin: Origin })[] = [];
  const campaigns: (QuestionSet["campaigns"][number] & { origin: Origin })[] = [];
  const gates: (QuestionSet["gates"][number] & { origin: Origin })[] = [];

  for (const { source, data } of parts) {
    set = single("set", source, data.set) ?? set;
    scale = single("scale", source, data.scale) ?? scale;
    thresholds = single("thresholds", source, data.thresholds) ?? thresholds;
    automatableShare = single("automatableShare", source, data.automatableShare) ?? automatableShare;
    for (const [i, s] of (data.stages ?? []).entries()) stages.push({ ...s, origin: { source, path: ["stages", i] } });
    for (const [i, q] of (data.questions ?? []).entries()) questions.push({ ...q, origin: { source, path: ["questions", i] } });
    for (const [i, k] of (data.kpis ?? []).entries()) kpis.push({ ...k, origin: { source, path: ["kpis", i] } });
    for (const [i, c] of (data.campaigns ?? []).entries()) campaigns.push({ ...c, origin: { source, path: ["campaigns", i] } });
    for (const [i, g] of (data.gates ?? []).entries()) gates.push({ ...g, origin: { source, path: ["gates", i] } });
  }

  if (!parts.length) return emptySet;
  const first = parts[0]!.source;
  const partOfSet = parts.length === 1 ? " (or, if this file is one part of a set, validate the folder that holds it)" : "";
  const droppedAny = (kind: string) => [...dropped].some((d) => d.startsWith(`${kind}:`));
  if (!questions.length && !droppedAny("question")) problems.push(first.problem([], `the set has no questions; add a 'questions:' list${partOfSet}`));
  if (!stages.length) {
    if (droppedAny("stage")) return emptySet;
    // without stages every stage reference would be reported too: one problem says it all
    problems.push(first.problem([], `the set has no stages; add a 'stages:' list${partOfSet}`));
    return emptySet;
  }

  // Past these sizes a set is no customer lifecycle; refusing at once keeps every command quick on any input (F33)
  const tooMany = (
    [
      ["stages", stages, MAX_STAGES],
      ["questions", questions, MAX_QUESTIONS],
      ["kpis", kpis, MAX_KPIS],
      ["campaigns", campaigns, MAX_CAMPAIGNS],
    ] as const
  ).filter(([, items, max]) => items.length > max);
  if (tooMany.length) {
    for (const [key, items, max] of tooMany) {
      problems.push(first.problem([key], `the set has ${items.length.toLocaleString("en-US")} ${key}; a set holds at most ${max} (split it into several sets)`, true));
    }
    return emptySet;
  }

  for (const [kind, items] of [
    ["stage", stages],
    ["question", questions],
    ["KPI", kpis],
    ["campaign", campaigns],
    ["gate", gates],
  ] as const) {
    uniqueIds(kind, items, problems);
  }
  const scaleOrigin = singles.get("scale");
  const finalScale = scale ?? DEFAULT_SCALE.map((o) => ScaleOption.parse(o));
  if (scaleOrigin) checkScale(finalScale, scaleOrigin, problems);

  const stageIds = stages.map((s) => s.id);
  const known = new Set([...stageIds, ...[...dropped].filter((d) => d.startsWith("stage:")).map((d) => d.slice(6))]);
  for (const q of questions) {
    const names = Object.keys(q.stages);
    if (!names.length) problems.push(q.origin.source.problem([...q.origin.path, "stages"], `question '${q.id}' bears on no stage; add at least one 'stage-id: weight'`));
    for (const name of names) {
      if (!known.has(name)) {
        problems.push(q.origin.source.problem([...q.origin.path, "stages", name], `unknown stage '${name}'${didYouMean(name, stageIds)}`, true));
      }
    }
  }
  for (const k of kpis) {
    k.stages.forEach((name, i) => {
      if (!known.has(name)) problems.push(k.origin.source.problem([...k.origin.path, "stages", i], `unknown stage '${name}'${didYouMean(name, stageIds)}`));
    });
  }
  const misspelt = questions.some((q) => Object.keys(q.stages).some((name) => !known.has(name)));
  const weighted = new Set(questions.flatMap((q) => Object.keys(q.stages)));
  const reported = new Set<string>();
  for (const s of misspelt || droppedAny("question") ? [] : stages) {
    if (reported.has(s.id)) continue;
    reported.add(s.id);
    if (!weighted.has(s.id)) {
      problems.push(s.origin.source.problem([...s.origin.path, "id"], `stage '${s.id}' has no questions; give it weights in some questions' 'stages:'`));
    }
  }

  checkReferences(questions, stages, gates, kpis, finalScale, problems, dropped);

  const strip = <T extends { origin: Origin }>({ origin: _, ...rest }: T) => rest;
  return {
    set: set ?? { name: fallbackName },
    scale: finalScale,
    thresholds: thresholds ?? DEFAULT_THRESHOLDS,
    ...(automatableShare ? { automatableShare } : {}),
    stages: stages.map(strip),
    questions: questions.map(strip),
    kpis: kpis.map(strip),
    campaigns: campaigns.map(strip),
    gates: gates.map(strip),
  };
}

export const MAX_STAGES = 100;
export const MAX_QUESTIONS = 2000;
const MAX_KPIS = 500;
const MAX_CAMPAIGNS = 500;

const emptySet: QuestionSet = { set: { name: "" }, scale: [], thresholds: DEFAULT_THRESHOLDS, stages: [], questions: [], kpis: [], campaigns: [], gates: [] };

type WithOrigin<T> = T & { origin: Origin };

/** Mirrors, aliases, gates and play conditions name questions, answers and stages: each must exist. */
function checkReferences(
  questions: WithOrigin<QuestionSet["questions"][number]>[],
  stages: WithOrigin<QuestionSet["stages"][number]>[],
  gates: WithOrigin<QuestionSet["gates"][number]>[],
  kpis: WithOrigin<QuestionSet["kpis"][number]>[],
  scale: QuestionSet["scale"],
  problems: Problem[],
  dropped: Set<string>,
): void {
  const byId = new Map(questions.map((q) => [q.id, q]));
  const ids = [...byId.keys()];
  const values = scale.map((o) => o.value);
  const question = (origin: Origin, path: Path, id: string) => {
    if (byId.has(id)) return true;
    if (dropped.has(`question:${id}`)) return false;
    problems.push(origin.source.problem([...origin.path, ...path], `unknown question id '${id}'${didYouMean(id, ids)}`, true));
    return false;
  };
  const answer = (origin: Origin, path: Path, value: string) => {
    if (!values.includes(value)) problems.push(origin.source.problem([...origin.path, ...path], `'${value}' is not on the scale; use one of ${values.join(", ")}`));
  };
  const aliasOwner = new Map<string, string>();
  const mirroredBy = new Map<string, string>();
  for (const q of questions) {
    for (const [i, alias] of (q.aliases ?? []).entries()) {
      const other = byId.has(alias) ? alias : aliasOwner.get(alias);
      if (other !== undefined) problems.push(q.origin.source.problem([...q.origin.path, "aliases", i], `alias '${alias}' is already the id or an alias of question '${other}'`));
      else aliasOwner.set(alias, q.id);
    }
    if (q.mirrors === undefined) continue;
    const mirror = byId.get(q.mirrors);
    const at = [...q.origin.path, "mirrors"];
    if (!question(q.origin, ["mirrors"], q.mirrors) || !mirror) continue;
    if (mirror.id === q.id) problems.push(q.origin.source.problem(at, "a question cannot mirror itself; name the question that asks the same thing from the other side"));
    else if (mirror.signal === q.signal) problems.push(q.origin.source.problem(at, `'${q.id}' and '${mirror.id}' both point to '${q.signal}'; a mirror asks from the other side`));
    else if (mirroredBy.has(mirror.id) || mirroredBy.has(q.id) || (mirror.mirrors !== undefined && mirror.mirrors !== q.id))
      problems.push(q.origin.source.problem(at, `'${mirror.id}' already has a mirror; a question has at most one`));
    else {
      mirroredBy.set(mirror.id, q.id);
      mirroredBy.set(q.id, mirror.id);
      // a pair is one question asked from two sides: it bears on the same stages, as much, from either side
      const weights = (x: typeof q) => JSON.stringify(Object.entries(x.stages).sort(([a], [b]) => a.localeCompare(b)));
      if (weights(q) !== weights(mirror)) {
        const show = (x: typeof q) =>
          `{${Object.entries(x.stages)
            .map(([s, w]) => `${s}: ${w}`)
            .join(", ")}}`;
        problems.push(
          q.origin.source.problem(
            [...q.origin.path, "stages"],
            `'${q.id}' ${show(q)} and its mirror '${mirror.id}' ${show(mirror)} weigh differently; a pair counts once, so give both sides the same stages and weights`,
          ),
        );
      }
    }
  }
  const stageIds = [...stages.map((s) => s.id), ...[...dropped].filter((d) => d.startsWith("stage:")).map((d) => d.slice(6))];
  for (const s of stages) {
    if (!s.thresholds) continue;
    const { automate = 65, human = 35 } = s.thresholds;
    if (human >= automate)
      problems.push(s.origin.source.problem([...s.origin.path, "thresholds"], `thresholds out of order: 'human' (${human}) must be below 'automate' (${automate})`));
  }
  for (const g of gates) {
    if (question(g.origin, ["question"], g.question)) {
      for (const [i, v] of g.answers.entries()) answer(g.origin, ["answers", i], v);
      gateOneWay(g, byId.get(g.question)!, scale, problems);
    }
    g.stages.forEach((name, i) => {
      if (!stageIds.includes(name)) problems.push(g.origin.source.problem([...g.origin.path, "stages", i], `unknown stage '${name}'${didYouMean(name, stageIds)}`));
    });
  }
  for (const k of kpis) {
    for (const key of ["when", "unless"] as const) {
      for (const [id, answers] of Object.entries(k[key] ?? {})) {
        const origin = { source: k.origin.source, path: [...k.origin.path, key] };
        if (question(origin, [id], id)) for (const [i, v] of answers.entries()) answer(origin, [id, i], v);
      }
    }
  }
  const gateIds = gates.map((g) => g.id);
  for (const s of stages) {
    s.plays.forEach((play, p) => {
      (play.closes ?? []).forEach((id, i) => {
        if (!gateIds.includes(id) && !dropped.has(`gate:${id}`))
          problems.push(s.origin.source.problem([...s.origin.path, "plays", p, "closes", i], `unknown gate '${id}'${didYouMean(id, gateIds)}`));
      });
      for (const key of ["when", "unless"] as const) {
        for (const [id, answers] of Object.entries(play[key] ?? {})) {
          const origin = { source: s.origin.source, path: [...s.origin.path, "plays", p, key] };
          // the answers are checked even where the id is unknown: both mistakes in one run (#27)
          question(origin, [id], id);
          for (const [i, v] of answers.entries()) answer(origin, [id, i], v);
        }
      }
    });
  }
}

/**
 * A gate holds from one end of its question's scale: a cap from the end that points to a person, a floor from the end
 * that points to automating. Otherwise an answer moved toward automating could lower a verdict.
 */
function gateOneWay(g: WithOrigin<QuestionSet["gates"][number]>, q: QuestionSet["questions"][number], scale: QuestionSet["scale"], problems: Problem[]): void {
  const pull = (o: QuestionSet["scale"][number]) => (q.signal === "automate" ? o.level! : 1 - o.level!);
  const scored = scale.filter((o) => o.counts === "answer");
  const towardEnd = (a: QuestionSet["scale"][number], b: QuestionSet["scale"][number]) => (g.cap !== undefined ? pull(b) < pull(a) : pull(b) > pull(a));
  for (const o of scored) {
    if (!g.answers.includes(o.value)) continue;
    const missing = scored.find((other) => towardEnd(o, other) && !g.answers.includes(other.value));
    if (missing) {
      problems.push(
        g.origin.source.problem(
          [...g.origin.path, "answers"],
          `the gate holds on '${o.value}' but not on '${missing.value}', which points further toward ${g.cap !== undefined ? "a person" : "automating"}; add '${missing.value}' to its answers, or an answer could move a verdict the wrong way`,
        ),
      );
      return;
    }
  }
}

function uniqueIds(kind: string, items: { id: string; origin: Origin }[], problems: Problem[]): void {
  const seen = new Map<string, Origin>();
  for (const item of items) {
    const first = seen.get(item.id);
    if (first) {
      const at = first.source.problem([...first.path, "id"], "");
      problems.push(item.origin.source.problem([...item.origin.path, "id"], `duplicate ${kind} id '${item.id}' (first at ${at.file}:${at.line}:${at.col}); ids must be unique`));
    } else {
      seen.set(item.id, item.origin);
    }
  }
}

function checkScale(scale: QuestionSet["scale"], origin: Origin, problems: Problem[]): void {
  const seen = new Set<string>();
  scale.forEach((option, i) => {
    if (seen.has(option.value)) problems.push(origin.source.problem(["scale", i, "value"], `duplicate scale value '${option.value}'`));
    seen.add(option.value);
  });
  if (scale.filter((o) => o.counts === "answer").length < 2) {
    problems.push(origin.source.problem(["scale"], "a scale needs at least two scored answers (counts: answer), e.g. yes at level 1 and no at level 0", true));
  }
}
