// Text utilities every room may use: labels, the terminal sanitiser, the Markdown escaper, display width and word wrap.
import { createRequire } from "node:module";
import type { Assessment, Verdict } from "./model/report.js";

const LABELS: Record<Verdict, string> = { automate: "Automate", hybrid: "Hybrid", human: "Keep human", insufficient: "Insufficient", "not-applicable": "Does not apply" };

/** "a", "a and b", "a, b and c": names in a sentence. */
export function listWords(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? "") : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
}

export function verdictLabel(verdict: Verdict): string {
  return LABELS[verdict];
}

/** "Customer lifecycle (question set v1.2)": the set's name and its version, said to be the question set's (not the tool's), unescaped. */
export function setLabel(set: Assessment["set"]): string {
  const version = setVersion(set);
  return version ? `${set.name} (${version})` : set.name;
}

/** "question set v1.2", or undefined for a set without a version. */
export function setVersion(set: Assessment["set"]): string | undefined {
  const version = set.version?.trim();
  return version ? `question set ${/^v/i.test(version) ? version : `v${version}`}` : undefined;
}

/**
 * A report's title: "Automation fit: Acme", or `kind` alone when no client is named. The question set's name is on the
 * line below; put in the client's place it read as a client ("Automation fit: Customer lifecycle automation fit").
 */
export function reportTitle(kind: string, client: string | undefined): string {
  const who = client?.trim();
  return who ? `${kind}: ${who}` : kind;
}

/** How much of a stage was answered, in plain words: "answered 13 of 13" ("Not sure" and "Does not apply" are not answers). */
export function answeredText(counts: { answered: number; questions: number }): string {
  return `answered ${counts.answered} of ${counts.questions}`;
}

// Line breaks; C0, DEL and C1 controls (ESC starts every CSI, OSC 8 and OSC 52 sequence, BEL and ST end them); format
// characters (zero-width space/joiner/non-joiner, word joiner, BOM, Arabic letter mark, Mongolian vowel separator, bidi
// controls, tags); Hangul fillers, which show as nothing; and lone surrogates.
const UNSAFE = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]|[\p{Cc}\p{Cf}\p{Cs}\u115f\u1160\u3164\uffa0]/gu;

/**
 * Makes one-line text from files safe to print: line breaks and tabs become spaces, other control characters
 * (C0, DEL, C1) become visible (ESC -> ^[, BEL -> ^G, U+009B -> <U+009B>), and invisible characters are named
 * (U+200B -> <U+200B>), so no escape sequence reaches the terminal and nothing hides in plain sight.
 */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, (ch) => {
    const code = ch.codePointAt(0)!;
    if (ch === "\r\n" || "\t\n\v\f\r\u0085\u2028\u2029".includes(ch)) return " ";
    if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
    if (code === 0x7f) return "^?";
    return `<U+${code.toString(16).toUpperCase().padStart(4, "0")}>`;
  });
}

const SGR = /\u001b\[[0-9;]*m/y;
const SGR_ALL = /\u001b\[[0-9;]*m/g;

/**
 * The last guard before a terminal, for whole rendered text: keeps line breaks and the colour codes (SGR, `ESC[...m`) the
 * renderers add, and makes everything else terminalSafe, so a field a renderer forgot to sanitise still cannot move the
 * cursor, clear the screen, set the clipboard (OSC 52) or hide a link (OSC 8).
 */
export function terminalText(text: string): string {
  if (!UNSAFE_BESIDE_LINES_AND_COLOURS.test(text)) return text;
  let out = "";
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a) {
      out += `${terminalSafe(text.slice(start, i))}\n`;
      start = i + 1;
    } else if (c === 0x1b) {
      SGR.lastIndex = i;
      const colour = SGR.exec(text);
      if (colour) {
        out += terminalSafe(text.slice(start, i)) + colour[0];
        i += colour[0].length - 1;
        start = i + 1;
      }
    }
  }
  return out + terminalSafe(text.slice(start));
}

/** What terminalText mends: UNSAFE but line breaks, and ESC but where it starts a colour; one scan, where a report has none. */
const UNSAFE_BESIDE_LINES_AND_COLOURS = /\u001b(?!\[[0-9;]*m)|[\t\v\f\r\u0085\u2028\u2029\0-\u0009\u000b-\u001a\u001c-\u001f\u007f-\u009f\p{Cf}\p{Cs}\u115f\u1160\u3164\uffa0]/u;

// Characters pandoc's default PDF engine (pdflatex) typesets: ASCII, Latin-1 (no C1 controls), typographic punctuation.
const PDF_SAFE = /^[\t\n\r\u0020-\u007e\u00a0-\u00ff\u2010-\u2027]$/u;
const LOOK_ALIKES: Record<string, string> = {
  "\u2190": "<-",
  "\u2192": "->",
  "\u2194": "<->",
  "\u21d0": "<=",
  "\u21d2": "=>",
  "\u21d4": "<=>",
  "\u2191": "^",
  "\u2193": "v",
  "\u25b2": "+",
  "\u25bc": "-",
  "\u25b6": ">",
  "\u25c0": "<",
  "\u2039": "<",
  "\u203a": ">",
  "\u2212": "-",
  "\u2264": "<=",
  "\u2265": ">=",
  "\u2260": "!=",
  "\u2248": "~",
  "\u20ac": "EUR",
  "\u2122": "(TM)",
  "\u2713": "v",
  "\u2714": "v",
  "\u2717": "x",
  "\u2718": "x",
  "\u2030": " per mille",
  "\u0141": "L",
  "\u0142": "l",
  "\u0110": "D",
  "\u0111": "d",
  "\u0152": "OE",
  "\u0153": "oe",
  "\u0131": "i",
  "\u014a": "NG",
  "\u014b": "ng",
  "\u0126": "H",
  "\u0127": "h",
};

/**
 * Text as pandoc's default pdflatex can typeset it: arrows and signs become ASCII look-alikes, accented letters outside
 * Latin-1 lose the accent (NFKD, which also turns fullwidth forms into ASCII), spaces become plain spaces, invisible
 * characters go, and what is left outside the set becomes '?'. Applied before any Markdown escaping.
 */
export function pdfSafe(s: string): string {
  let out = "";
  for (const ch of s.normalize("NFC")) {
    if (PDF_SAFE.test(ch)) out += ch;
    else if (LOOK_ALIKES[ch] !== undefined) out += LOOK_ALIKES[ch];
    else if (/[\p{Zs}]/u.test(ch)) out += " ";
    else if (/[\p{Cf}\p{Mn}\p{Me}]/u.test(ch)) continue;
    else {
      const plain = ch.normalize("NFKD").replace(/\p{M}/gu, "");
      out += plain && [...plain].every((c) => PDF_SAFE.test(c)) ? plain : "?";
    }
  }
  return out;
}

// E-mail addresses, URLs and host names: GitHub's parser links them even escaped (a\@b.example), so they go in code spans.
// Linear on one long token: a scheme is at most 32 characters, an address and a host name start only where a token (or a
// host name's run of labels) starts, so no match is tried again from every character of a long word.
const LINKISH =
  /(?:\b[a-z][a-z0-9+.-]{0,31}:\/\/|\bwww\.)[^\s|<>`]+|(?<![^\s|<>`()[\]{}"',;:])[^\s|<>`()[\]{}"',;:]*@[^\s|<>`()[\]{}"',;:]+|(?<![a-z0-9-]|[a-z0-9-]\.)\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b/gi;

/**
 * Escapes text from files for Markdown inline content and table cells: no HTML, links, emphasis, code,
 * table breaks or block markers survive; whitespace runs collapse to one space; e-mail addresses and URLs are
 * written as inline code, so no autolink forms; only characters pdflatex typesets remain (pdfSafe).
 */
export function markdownInline(s: string): string {
  const text = pdfSafe(terminalSafe(s)).replace(/\s+/g, " ").trim();
  let out = "";
  let last = 0;
  for (const m of text.matchAll(LINKISH)) {
    // trailing punctuation ends a sentence, not the address
    const link = m[0].replace(/[.,;:!?)\]}'"]+$/, "");
    if (!link) continue;
    out += escapeMarkdownText(text.slice(last, m.index), last === 0) + `\`${link}\``;
    last = m.index + link.length;
  }
  return out + escapeMarkdownText(text.slice(last), last === 0);
}

function escapeMarkdownText(s: string, atStart: boolean): string {
  const escaped = s
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/[\\`*_[\]#|~$]/g, "\\$&")
    // GFM turns bare URLs, www. and e-mail addresses into links
    .replace(/:\/\//g, "\\://")
    .replace(/\b(www)\./gi, "$1\\.")
    .replace(/@/g, "\\@");
  // list, setext and ordered-list markers only bite at the start of a line
  return atStart ? escaped.replace(/^([-+=])/, "\\$1").replace(/^(\d+)([.)])/, "$1\\$2") : escaped;
}

/**
 * Text measured by its length: ASCII, and the narrow letters, punctuation, arrows, box drawing, shapes and signs this tool
 * prints (é, ·, …, ←, ─, █, ░, ▲, €, ™, −, ⏱, ✎, ✔). Soft hyphen, combining marks, zero-width characters and emoji
 * variation selectors are outside it.
 */
const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u20ac\u2122\u2190-\u21ff\u2212\u23f1\u2500-\u25fc\u270e\u2714]*$/;

/**
 * Narrow text with East Asian wide letters that stand alone (CJK ideographs, kana, Hangul syllables, fullwidth forms; no
 * combining marks, variation selectors or emoji): each character one grapheme, two columns. string-width segments text at
 * about 10 microseconds a character, which a long name of such letters would pay on every measure.
 */
const NARROW_OR_WIDE =
  /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u20ac\u2122\u2190-\u21ff\u2212\u23f1\u2500-\u25fc\u270e\u2714\u3000-\u3029\u3030-\u303e\u3041-\u3096\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6]*$/;
const WIDE = /[\u3000-\u3029\u3030-\u303e\u3041-\u3096\u30a0-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7a3\uf900-\ufaff\uff01-\uff60\uffe0-\uffe6]/g;

type Measure = (s: string) => number;
let measure: Measure | undefined;

/**
 * string-width (8: the line that runs on Node 20), for text outside NARROW only: it costs about 27 ms to load and its
 * Intl.Segmenter about 9 ms more, which plain text never pays. Loaded synchronously: in the build, esbuild bundles this
 * require() as a module initialised on first call; from source (tests), Node's require() of an ES module.
 */
function stringWidth(): Measure {
  if (!measure) {
    // a literal require("string-width") is what esbuild bundles
    const loaded: { default: Measure } = typeof require === "function" ? require("string-width") : createRequire(import.meta.url)("string-width");
    measure = loaded.default;
  }
  return measure;
}

/** Columns a string takes in a terminal: combining marks take none, East Asian wide characters and emoji take two. */
export function displayWidth(s: string): number {
  // colour codes take no columns: coloured plain text is measured without string-width too
  const plain = s.includes("\u001b") ? s.replace(SGR_ALL, "") : s;
  if (NARROW.test(plain)) return plain.length;
  return NARROW_OR_WIDE.test(plain) ? plain.length + (plain.match(WIDE)?.length ?? 0) : stringWidth()(s);
}

let graphemes: Intl.Segmenter | undefined;

/** The characters as a terminal draws them: an emoji with its modifiers, or a letter with its accents, is one. */
function characters(s: string): string[] {
  if (NARROW_OR_WIDE.test(s)) return [...s];
  graphemes ??= new Intl.Segmenter();
  return Array.from(graphemes.segment(s), (g) => g.segment);
}

export type Style = (s: string) => string;
export interface Word {
  text: string;
  style?: Style;
  /** Never cut, and put on a line of its own where it does not fit beside other words: a command to copy, a FILE:LINE:COL location. */
  whole?: boolean;
}

export function words(text: string, style?: Style): Word[] {
  return terminalSafe(text)
    .split(/\s+/)
    .filter(Boolean)
    .map((t) => (style ? { text: t, style } : { text: t }));
}

export function pad(text: string, width: number): string {
  return text + " ".repeat(Math.max(0, width - displayWidth(text)));
}

/** Wraps text from a file to width, made terminal-safe, with a first-line indent and a hanging one. */
export function wrapText(text: string, width: number, indent = "", hang = indent, style?: Style): string[] {
  return wrap(words(text, style), width, indent, hang);
}

/** Fills lines up to width, words joined by one space; a word longer than a line is cut. Styles apply per word, after measuring. */
export function wrap(ws: Word[], width: number, indent: string, hang = indent): string[] {
  const lines: string[] = [];
  let line = indent;
  let used = displayWidth(indent);
  let empty = true;
  const next = () => {
    lines.push(line);
    line = hang;
    used = displayWidth(hang);
    empty = true;
  };
  for (const word of ws) {
    const style = word.style ?? ((s: string) => s);
    const size = displayWidth(word.text);
    if (word.whole) {
      const own = !empty && used + 1 + size > width;
      if (own) next();
      line += own ? `  ${style(word.text)}` : `${empty ? "" : " "}${style(word.text)}`;
      used += size + (own ? 2 : empty ? 0 : 1);
      empty = false;
      if (own) next();
      continue;
    }
    if (!empty && used + 1 + size > width) next();
    if (!empty) {
      line += " ";
      used += 1;
    }
    if (used + size <= width) {
      line += style(word.text);
      used += size;
      empty = false;
      continue;
    }
    // a word longer than the line is cut in one pass over its characters (re-measuring the rest after each cut was quadratic);
    // each line takes at least one character, so an indent as wide as the line still progresses
    let head = "";
    for (const ch of characters(word.text)) {
      const w = charWidth(ch);
      if (head && used + w > width) {
        line += style(head);
        next();
        head = "";
      }
      head += ch;
      used += w;
    }
    line += style(head);
    empty = false;
  }
  if (!empty) lines.push(line);
  return lines;
}

const charWidths = new Map<string, number>();

/** One character's columns, remembered (up to 4096 kinds): string-width costs tens of microseconds a call outside NARROW. */
function charWidth(ch: string): number {
  let w = charWidths.get(ch);
  if (w === undefined) {
    w = displayWidth(ch);
    if (charWidths.size < 4096) charWidths.set(ch, w);
  }
  return w;
}

/** Word-wraps text to `width` columns; continuation lines keep the first line's indent. */
export function wrapIndented(text: string, width: number): string {
  const indent = /^ */.exec(text)![0];
  return wrapText(text, width, indent).join("\n");
}

// Run as `npm start` from a clone (npm sets npm_lifecycle_event), or through npx, `automation-fit` is not on the PATH:
// hints name the commands that work there.
export const fromNpmStart = () => process.env.npm_lifecycle_event === "start";
const fromNpx = () => process.env.npm_command === "exec";
/** How to call this tool where it was run, for hints: `npx automation-fit` under npm start or npx. */
export const cli = () => (fromNpmStart() || fromNpx() ? "npx automation-fit" : "automation-fit");

/**
 * A message offering commands to copy: the prose wrapped at `width` on word boundaries, each command whole. Where a
 * label and its command do not fit one line, the command goes on a line of its own (a terminal may fold a command longer
 * than the screen, but no line break of ours lands inside it). Without a width (not a terminal), one aligned line each.
 */
export function withCommands(intro: string, choices: { label: string; command: string }[], width?: number): string {
  const labelWidth = Math.max(0, ...choices.map((c) => displayWidth(c.label)));
  const aligned = choices.map((c) => `  ${pad(c.label, labelWidth)} ${c.command}`);
  const head = wrapMessage(intro, width);
  if (!isWidth(width) || aligned.every((line) => displayWidth(line) <= width)) return [head, ...aligned].join("\n");
  return [head, ...choices.flatMap((c) => [...wrapText(c.label, width, "  "), `    ${c.command}`])].join("\n");
}

/**
 * A message ending in one command to copy ("... Resume with: CMD"): one line where it fits the width (or off a terminal),
 * else the prose wrapped on word boundaries and the command whole on a line of its own, as withCommands does for several.
 */
export function withCommand(intro: string, command: string, width?: number): string {
  const line = `${intro} ${command}`;
  if (!isWidth(width) || displayWidth(line) <= width) return line;
  // the words that lead into the command ("Resume with:") stay together on the last line
  const ws = words(intro);
  if (ws.length > 1) ws.splice(-2, 2, { text: `${ws.at(-2)!.text} ${ws.at(-1)!.text}` });
  return [...wrap(ws, width, ""), `  ${command}`].join("\n");
}

/**
 * A message for the terminal: each of its lines that is wider than `width` wrapped on word boundaries, continuations
 * indented by `hang` (to tell one problem of a list from the next); `lead`, the start of the first line (a FILE:LINE:COL
 * location), and each command to copy stay whole, a command on a line of its own where it does not fit. Lines that fit
 * are kept as they are (aligned columns stay aligned). Without a width (not a terminal), as it is: a line per thought, for logs.
 */
export function wrapMessage(text: string, width?: number, hang = "", lead = ""): string {
  if (!isWidth(width)) return text;
  const safeLead = terminalSafe(lead);
  return text
    .split("\n")
    .flatMap((raw, i) => {
      const line = terminalSafe(raw);
      if (displayWidth(line) <= width || !line.trim()) return [line.trim() ? line : ""];
      const indent = /^ */.exec(line)![0];
      const head = i === 0 && safeLead.trim() && line.startsWith(safeLead) ? safeLead : "";
      const ws = messageWords(line.slice(head.length));
      return wrap(head ? [{ text: head, whole: true }, ...ws] : ws, width, indent, indent + hang);
    })
    .join("\n");
}

/** Where a command to copy starts: the tool as cli() spells it (or `npm start --`), after an opening quote or bracket if any. */
const COMMAND_START = /^['"`(]?(?:automation-fit|npx automation-fit|npm start --) \S/;

/**
 * A line's words, each command to copy in it one whole word: from the tool's name to the closing quote or bracket it
 * opened with, else to a word ending a clause (`,` `;` `:` `.`), else to the end of the line.
 */
function messageWords(line: string): Word[] {
  const tokens = line.split(/\s+/).filter(Boolean);
  const out: Word[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i] as string;
    if (!COMMAND_START.test(tokens.slice(i, i + 4).join(" "))) {
      out.push({ text: token });
      continue;
    }
    const opener = /^['"`(]/.exec(token)?.[0];
    const closer = opener === "(" ? ")" : opener;
    const ends = (t: string, j: number) => (closer ? j > i && t.replace(/[.,;:!?]+$/, "").endsWith(closer) : /[.,;:]$/.test(t));
    let j = i;
    while (j < tokens.length - 1 && !ends(tokens[j] as string, j)) j++;
    out.push({ text: tokens.slice(i, j + 1).join(" "), whole: true });
    i = j;
  }
  return out;
}

/**
 * Columns for messages on stderr where it is a terminal, a column short of it (a word the terminal breaks is hard to
 * read, a command hard to copy); undefined off a terminal (pipes, files, CI), where messages stay a line per thought.
 */
export const stderrWidth = (): number | undefined => (process.stderr.isTTY && process.stderr.columns ? process.stderr.columns - 1 : undefined);

/**
 * A message for the user (a note, "wrote FILE"), on stderr as results go to stdout: wrapped at the terminal's width as
 * cli.ts wraps errors, and as it is off a terminal. Text from files in it must be terminalSafe'd by the caller.
 */
export function say(message: string): void {
  process.stderr.write(`${wrapMessage(message, stderrWidth(), "  ")}\n`);
}

const isWidth = (width: number | undefined): width is number => width !== undefined && Number.isFinite(width) && width > 0;

/** A word as a POSIX shell reads it back: left bare when safe, else single-quoted. */
export function shellQuote(word: string): string {
  return /^[\w./:@%+=,-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/**
 * Escapes text from files for HTML element content and quoted attribute values: the five markup characters become
 * references, and control, bidi and line-break characters go as terminalSafe has them.
 */
export function escapeHtml(s: string): string {
  return terminalSafe(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
