import { isMap, isScalar, parseDocument, type Document, stringify, YAMLMap, type Pair, type Scalar } from "yaml";
import type { Answers } from "../model/answers.js";
import type { QuestionSet } from "../model/question-set.js";
import { cli, shellQuote } from "../text.js";

const TOP_KEYS = ["$schema", "client", "assessor", "role", "date", "note"] as const;
// Quoted so YAML 1.1 readers do not turn yes/no into booleans.
const STRINGIFY = { defaultStringType: "QUOTE_DOUBLE", defaultKeyType: "PLAIN" } as const;

/**
 * An answers file as `automation-fit report` reads it; answers in the set's question order. Given the text of the file
 * resumed (`original`), its keys, comments and layout are kept and only what the interview changed is written (F28).
 */
export function answersFileText(answers: Answers, set: QuestionSet, file: string, original?: string): string {
  const order = new Map(set.questions.map((q, i) => [q.id, i]));
  const ordered = (record: Record<string, string>) => Object.fromEntries(set.questions.filter((q) => record[q.id] !== undefined).map((q) => [q.id, record[q.id]!]));
  const top = Object.fromEntries(TOP_KEYS.filter((k) => answers[k]).map((k) => [k, answers[k]!]));
  if (/\.json$/i.test(file)) {
    const kept = original ? jsonObject(original) : {};
    return `${JSON.stringify({ ...kept, ...top, answers: ordered(answers.answers), notes: ordered(answers.notes), ...sizingOf(answers) }, null, 2)}\n`;
  }
  const doc = original === undefined ? undefined : parseDocument(original);
  if (doc && doc.errors.length === 0 && isMap(doc.contents)) return roundTrip(doc, doc.contents, answers, order);
  const yaml = stringify({ ...top, answers: ordered(answers.answers), notes: ordered(answers.notes), ...sizingOf(answers) }, STRINGIFY);
  return `# Answers from \`automation-fit assess\` (${oneLine(set.set.name)}). Score them with: ${cli()} report ${shellQuote(oneLine(file))}\n${yaml}`;
}

function roundTrip(doc: Document, root: YAMLMap, answers: Answers, order: Map<string, number>): string {
  for (const key of TOP_KEYS) {
    const value = answers[key];
    if (value) setString(doc, root, key, value, () => indexOfKey(root, "answers"));
    else if (key === "client" || key === "assessor") root.delete(key);
  }
  for (const section of ["answers", "notes"] as const) {
    const found: unknown = root.get(section, true);
    let map: YAMLMap;
    if (isMap(found)) map = found;
    else {
      map = new YAMLMap(doc.schema);
      root.set(section, map);
    }
    const entries = answers[section];
    for (const pair of [...map.items]) {
      const id = keyOf(pair);
      if (id === undefined || entries[id] === undefined) map.delete(pair.key);
    }
    for (const [id, value] of Object.entries(entries)) {
      // a new answer goes before the first answer that comes after it in the set
      setString(doc, map, id, value, (m) => m.items.findIndex((p) => (order.get(keyOf(p) ?? "") ?? Infinity) > (order.get(id) ?? Infinity)));
    }
    if (map.items.length) map.flow = false;
  }
  if (Object.keys(answers.sizing ?? {}).length) root.set("sizing", doc.createNode(answers.sizing));
  else root.delete("sizing");
  return doc.toString({ ...STRINGIFY, lineWidth: 0 });
}

/** Sets `key` to a string, keeping the existing node (its comment and quoting) or inserting a new pair at `position`. */
function setString(doc: Document, map: YAMLMap, key: string, value: string, position: (map: YAMLMap) => number): void {
  const existing = map.get(key, true);
  if (isScalar(existing)) {
    existing.value = value;
    return;
  }
  const node = doc.createNode(value) as Scalar;
  node.type = "QUOTE_DOUBLE";
  const pair = doc.createPair(key, node) as Pair;
  const at = position(map);
  if (existing !== undefined) map.delete(key);
  if (at < 0 || at >= map.items.length) map.items.push(pair);
  else map.items.splice(at, 0, pair);
}

function keyOf(pair: Pair): string | undefined {
  const key = isScalar(pair.key) ? pair.key.value : pair.key;
  return typeof key === "string" ? key : undefined;
}

const indexOfKey = (map: YAMLMap, key: string) => map.items.findIndex((p) => keyOf(p) === key);

function jsonObject(text: string): Record<string, unknown> {
  try {
    const data: unknown = JSON.parse(text.replace(/^\uFEFF/, ""));
    return typeof data === "object" && data !== null && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

/** The sizing, when the interview asked it: stage id -> times a month and minutes. */
const sizingOf = (answers: Answers) => (Object.keys(answers.sizing ?? {}).length ? { sizing: answers.sizing } : {});

const oneLine = (text: string) => text.replace(/[\r\n]+/g, " ");
