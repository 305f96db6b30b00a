import { isMap, isNode, isScalar, isSeq, LineCounter, type Pair, parseDocument, type Document, type Node, type YAMLMap } from "yaml";
import type * as z from "zod/mini";
import type { Loaded, Problem } from "../errors.js";
import { readText } from "../io/decode.js";
import { didYouMean } from "../suggest.js";

export type Path = readonly (string | number)[];

/** A parsed YAML (or JSON) file that can say where any value in it stands. */
export class Source {
  /** The file's content as plain data: a mapping, never empty (parseSource checks). */
  readonly data: Record<string, unknown>;

  constructor(
    readonly file: string,
    private readonly doc: Document.Parsed,
    private readonly lines: LineCounter,
  ) {
    this.data = doc.toJS({ maxAliasCount: 100 });
  }

  /** A problem at the node of `path`, or at its key when `atKey`; the nearest existing parent stands in for a missing node. */
  problem(path: Path, message: string, atKey = false): Problem {
    const offset = this.offsetOf(path, atKey);
    const { line, col } = this.lines.linePos(offset);
    return { file: this.file, line, col, message };
  }

  private offsetOf(path: Path, atKey: boolean): number {
    let node: unknown = this.doc.contents;
    let offset = (isNode(node) ? node.range?.[0] : undefined) ?? 0;
    for (let i = 0; i < path.length; i++) {
      const step = path[i]!;
      const last = i === path.length - 1;
      if (isMap(node)) {
        const pair = pairsOf(node).get(step);
        if (!pair) return offset;
        if (last && atKey && isNode(pair.key)) return pair.key.range?.[0] ?? offset;
        node = pair.value;
        if (!isNode(node)) return (isNode(pair.key) ? pair.key.range?.[0] : undefined) ?? offset;
      } else if (isSeq(node) && typeof step === "number") {
        node = node.items[step];
        if (!isNode(node)) return offset;
      } else {
        return offset;
      }
      offset = (node as Node).range?.[0] ?? offset;
    }
    return offset;
  }

  /** Turns a zod error on this file's data into problems at the offending nodes. */
  zodProblems(error: z.core.$ZodError, schema?: z.core.$ZodType): Problem[] & { uncounted: number } {
    const problems = Object.assign([] as Problem[], { uncounted: 0 });
    for (const issue of error.issues) {
      if (problems.length >= MAX_PROBLEMS_KEPT) {
        problems.uncounted += issue.code === "unrecognized_keys" ? issue.keys.length : 1;
      } else if (issue.code === "unrecognized_keys") {
        const allowed = schema ? keysAt(schema, issue.path) : [];
        // beyond the first few hundred, each is counted, not described: 40k unknown keys took 48 s (F1)
        const room = MAX_PROBLEMS_KEPT - problems.length;
        problems.uncounted += Math.max(0, issue.keys.length - room);
        for (const key of issue.keys.slice(0, room)) {
          const hint = allowed.length ? didYouMean(key, allowed) || `; allowed here: ${allowed.join(", ")}` : "";
          problems.push(this.problem([...issue.path, key] as Path, `unknown key '${key}'${hint}`, true));
        }
      } else if (issue.code === "invalid_value") {
        const given = valueAt(this.data, issue.path);
        const allowed = issue.values.map(String);
        const hint = typeof given === "string" ? didYouMean(given, allowed) : "";
        problems.push(this.problem(issue.path as Path, `${placeOf(issue.path, schema)}'${String(given)}' is not allowed; use one of: ${allowed.join(", ")}${hint}`));
      } else if (issue.code === "invalid_type" && issue.message.endsWith("received undefined")) {
        const key = String(issue.path.at(-1));
        problems.push(this.problem(issue.path.slice(0, -1) as Path, `missing '${key}'; add it`));
      } else {
        problems.push(this.problem(issue.path as Path, `${placeOf(issue.path, schema)}${issue.message}`));
      }
    }
    return problems;
  }
}

/** Problems described per file; the rest are counted. */
export const MAX_PROBLEMS_KEPT = 200;

const pairIndex = new WeakMap<YAMLMap, Map<unknown, Pair>>();

/** A map's pairs by key, built once per map: a problem's position is then found in constant time, not by a scan (F1). */
function pairsOf(map: YAMLMap): Map<unknown, Pair> {
  let index = pairIndex.get(map);
  if (!index) {
    index = new Map();
    for (const pair of map.items) {
      const key = isScalar(pair.key) ? pair.key.value : pair.key;
      if (!index.has(key)) index.set(key, pair as Pair);
    }
    pairIndex.set(map, index);
  }
  return index;
}

function valueAt(data: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, step) => (value !== null && typeof value === "object" ? (value as Record<PropertyKey, unknown>)[step] : undefined), data);
}

/**
 * A problem's place in words, as its message's lead ("effort: ", "stage 'lead-generation': "): every problem here stands at
 * its FILE:LINE:COL already, so zod's dotted path ("stages.0.plays.0.effort") would only be noise; "" where no key names it.
 */
function placeOf(path: readonly PropertyKey[], schema?: z.core.$ZodType): string {
  let at = path.length - 1;
  while (at >= 0 && typeof path[at] !== "string") at--;
  if (at < 0) return "";
  const key = String(path[at]);
  const map = path[at - 1];
  // a key of a record is an id the user chose ("stages: { lead-generation: 2 }"): named by what the map holds
  if (schema && typeof map === "string" && schemaAt(schema, path.slice(0, at))?.type === "record") return `${map.replace(/s$/, "")} '${key}': `;
  return `${key}: `;
}

/** The keys an object schema allows at `path`, to suggest one for a misspelt key. */
function keysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  const def = schemaAt(schema, path);
  return def?.type === "object" ? Object.keys(def.shape) : [];
}

/** The definition of the schema that checks the value at `path`, optional and default wrappers taken off. */
// biome-ignore lint/suspicious/noExplicitAny: walks zod internals that have no public type
function schemaAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): any {
  // biome-ignore lint/suspicious/noExplicitAny: walks zod internals that have no public type
  let current: any = schema;
  const unwrap = () => {
    for (;;) {
      const def = current?._zod?.def;
      if (!def) return;
      if (def.type === "optional" || def.type === "default" || def.type === "nullable") current = def.innerType;
      else if (def.type === "pipe") current = def.in;
      else return;
    }
  };
  for (const step of path) {
    unwrap();
    const def = current?._zod?.def;
    if (def?.type === "object") current = def.shape[step as string];
    else if (def?.type === "array") current = def.element;
    else if (def?.type === "record") current = def.valueType;
    else return undefined;
  }
  unwrap();
  return current?._zod?.def;
}

const MAX_FILE_BYTES = 5 * 1024 * 1024;

/** Reads and parses a YAML or JSON file; syntax errors (duplicate keys included) come back as positioned problems. */
export async function readSource(file: string): Promise<Loaded<Source>> {
  const read = await readText(file, { maxBytes: MAX_FILE_BYTES, kind: "a YAML or JSON file" });
  if (read.text === undefined) return { problems: read.problems };
  return parseSource(file, read.text);
}

export function parseSource(file: string, text: string): Loaded<Source> {
  if (text.includes("\u0000")) return { problems: [{ file, message: "is not a text file (it holds NUL bytes); name a YAML or JSON file" }] };
  const deep = tooDeep(text);
  if (deep !== undefined) {
    const line = text.slice(0, deep).split("\n").length;
    const col = deep - text.lastIndexOf("\n", deep - 1);
    return { problems: [{ file, line, col, message: `nested too deeply to read (over ${MAX_DEPTH} levels); flatten the structure` }] };
  }
  const lines = new LineCounter();
  // yaml's own uniqueKeys check compares each key with every key before it: 40k keys took 10 s (F1); duplicateKeys is linear
  const doc = parseDocument(text.replace(/^\uFEFF/, ""), { lineCounter: lines, uniqueKeys: false, prettyErrors: false });
  const errors = [...doc.errors.map((e) => ({ offset: e.pos[0], message: syntaxMessage(e.code, e.message) })), ...duplicateKeys(doc.contents, lines)].sort(
    (a, b) => a.offset - b.offset,
  );
  const problems: Problem[] = errors.map(({ offset, message }) => ({ file, ...lines.linePos(offset), message }));
  if (problems.length) return { problems };
  let source: Source;
  try {
    source = new Source(file, doc, lines);
  } catch (error) {
    const bomb = /alias count/i.test((error as Error).message);
    return {
      problems: [
        {
          file,
          line: 1,
          col: 1,
          message: bomb ? "has too many aliases (*name) to expand; it looks like an alias bomb and is refused" : `cannot be read as data: ${(error as Error).message}`,
        },
      ],
    };
  }
  const data: unknown = source.data;
  if (data === null || data === undefined) return { problems: [{ file, line: 1, col: 1, message: "is empty; a question set or answers file is a YAML mapping of keys" }] };
  if (typeof data !== "object" || Array.isArray(data)) {
    return {
      problems: [
        source.problem(
          [],
          `holds ${Array.isArray(data) ? "a list" : `a ${typeof data}`} at the top; a question set or answers file is a mapping of keys (like 'stages:' or 'answers:')`,
        ),
      ],
    };
  }
  const unsafe = unsafeKeyPaths(data);
  if (unsafe.length)
    return {
      problems: unsafe.map((path) => source.problem(path, `key '${String(path.at(-1))}' is not allowed: it could change how the program behaves; rename or remove it`, true)),
    };
  return { value: source, problems };
}

/** Keys given twice in one mapping, at the second; without recursion, so depth costs no stack. */
function duplicateKeys(root: unknown, lines: LineCounter): { offset: number; message: string }[] {
  const found: { offset: number; message: string }[] = [];
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isMap(node)) {
      // key -> where it first stands, so the message can point at both (#15)
      const seen = new Map<unknown, number>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          const first = seen.get(pair.key.value);
          if (first !== undefined) {
            const at = lines.linePos(first);
            const key = String(pair.key.value).slice(0, 60);
            found.push({ offset: pair.key.range?.[0] ?? 0, message: `duplicate key '${key}' (first at line ${at.line}, column ${at.col}); keep one of them` });
          } else seen.set(pair.key.value, pair.key.range?.[0] ?? 0);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      stack.push(...node.items);
    }
  }
  return found.sort((a, b) => a.offset - b.offset);
}

const UNSAFE_KEYS = new Set(["__proto__", "constructor", "prototype"]);

function unsafeKeyPaths(value: unknown, path: (string | number)[] = []): Path[] {
  if (typeof value !== "object" || value === null) return [];
  const found: Path[] = [];
  for (const [key, child] of Object.entries(value)) {
    const here = [...path, Array.isArray(value) ? Number(key) : key];
    if (!Array.isArray(value) && UNSAFE_KEYS.has(key)) found.push(here);
    else found.push(...unsafeKeyPaths(child, here));
  }
  return found;
}

const MAX_DEPTH = 64;

/**
 * The YAML parser recurses per level of nesting; refusing deep input first keeps it far from the stack limit. Levels are
 * counted as YAML nests: block levels by indentation (not its width), compact `- - -` entries, and flow brackets, but
 * not brackets or spaces inside quoted scalars, comments or block scalars, so that every file the tool writes reads back.
 * Returns the offset where the limit is passed.
 */
function tooDeep(text: string): number | undefined {
  const indents: number[] = [];
  let flow = 0;
  let quote = "";
  let blockScalarParent = -1;
  let lineStart = 0;
  while (lineStart <= text.length) {
    let lineEnd = text.indexOf("\n", lineStart);
    if (lineEnd === -1) lineEnd = text.length;
    let i = lineStart;
    while (text.charCodeAt(i) === 32) i++;
    const indent = i - lineStart;
    const blank = i >= lineEnd || text[i] === "\r" || text[i] === "#";
    if (blockScalarParent >= 0 && (blank || indent > blockScalarParent)) {
      lineStart = lineEnd + 1;
      continue;
    }
    blockScalarParent = -1;
    let depth = flow;
    if (!quote && flow === 0 && !blank) {
      while (indents.length && indents.at(-1)! >= indent) indents.pop();
      indents.push(indent);
      let dashes = 0;
      for (let k = i; text[k] === "-" && (text[k + 1] === " " || k + 1 === lineEnd); k += 2) {
        while (text[k + 1] === " " && text[k + 2] === " ") k++;
        dashes++;
      }
      depth = indents.length + dashes;
      if (depth > MAX_DEPTH) return i;
    }
    let end = lineEnd;
    for (let k = i; k < lineEnd; k++) {
      const c = text[k]!;
      if (quote) {
        if (quote === '"' && c === "\\") k++;
        else if (c === quote) {
          if (quote === "'" && text[k + 1] === "'") k++;
          else quote = "";
        }
      } else if (c === "#" && (k === lineStart || text[k - 1] === " ")) {
        end = k;
        break;
      } else if ((c === '"' || c === "'") && (flow > 0 || startsNode(text, lineStart, k))) {
        quote = c;
      } else if ((c === "[" || c === "{") && (flow > 0 || startsNode(text, lineStart, k))) {
        flow++;
        if (indents.length + flow > MAX_DEPTH) return k;
      } else if ((c === "]" || c === "}") && flow > 0) {
        flow--;
      }
    }
    if (!quote && flow === 0 && /(?:^|\s)[|>][1-9+-]{0,2}\s*$/.test(text.slice(i, end))) blockScalarParent = indent;
    lineStart = lineEnd + 1;
  }
  return undefined;
}

/** Whether a node may start at `k`: at the line's start, or after `: `, `- `, `? `, `[`, `{` or `,`. */
function startsNode(text: string, lineStart: number, k: number): boolean {
  let p = k - 1;
  while (p >= lineStart && text[p] === " ") p--;
  if (p < lineStart) return true;
  const prev = text[p]!;
  return "[{,".includes(prev) || (":-?".includes(prev) && p < k - 1);
}

function syntaxMessage(code: string, message: string): string {
  const first = message.split(" at line ")[0]!.trim();
  if (code === "DUPLICATE_KEY") return `duplicate key: ${first.toLowerCase()}; keep one of them`;
  if (code === "RESOURCE_EXHAUSTION") return "nested too deeply to read; flatten the structure";
  if (code === "TAB_AS_INDENT") return "YAML syntax: a tab is used for indentation; indent with spaces";
  if (code === "MULTIPLE_DOCS") return "holds more than one YAML document (a '---' line); keep one per file";
  return `YAML syntax: ${first}`;
}
