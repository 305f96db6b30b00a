import type { QuestionSet } from "../../src/model/question-set.js";

/**
 * Survey exports shaped the way each form tool writes them, made from a question set: headers from its question texts,
 * answers as the form shows their labels. Each respondent's answers are known, so a test can check every cell read back.
 */
export interface Person {
  name: string;
  role: string;
  /** Per question of the set, in order: an index into the set's scale, or -1 for unanswered. */
  answers: number[];
}

export type Tool = "google" | "microsoft" | "typeform" | "surveymonkey" | "jotform";
export const TOOLS: Tool[] = ["google", "microsoft", "typeform", "surveymonkey", "jotform"];

/** How Excel saves a sheet: "CSV UTF-8" (BOM, comma or semicolon by locale), plain "CSV" (Windows-1252), "Unicode Text". */
export type Save = "utf8" | "utf8-bom-comma" | "utf8-bom-semicolon" | "windows-1252" | "windows-1252-semicolon" | "utf16le-tab";
export const SAVES: Save[] = ["utf8", "utf8-bom-comma", "utf8-bom-semicolon", "windows-1252", "windows-1252-semicolon", "utf16le-tab"];

/** Names that a Windows-1252 save can hold, with accents, so that a wrong decoding would show. */
const NAMES = ["Zoë Müller", "José Peña", "Maya Chen", "Ørjan Sæther", "Siobhán O'Neill", "Renée Dubois", "Björn Åberg", "Ana Ruiz"];
const ROLES = ["Head of sales", "Founder", "Account manager", "Support lead"];

export function people(set: QuestionSet, count: number, seed = 1): Person[] {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
  return Array.from({ length: count }, (_, i) => ({
    name: NAMES[i % NAMES.length]! + (i >= NAMES.length ? ` ${Math.floor(i / NAMES.length) + 1}` : ""),
    role: ROLES[i % ROLES.length]!,
    answers: set.questions.map(() => (random() < 0.1 ? -1 : Math.floor(random() * set.scale.length))),
  }));
}

interface Sheet {
  rows: string[][];
}

const timestamp = (i: number) => `2026/11/${10 + (i % 18)} 9:${String(10 + i).slice(-2)}:07 AM GMT+1`;
const iso = (i: number) => `2026-11-${String(10 + (i % 18)).padStart(2, "0")} 09:${String(10 + i).slice(-2)}:07`;

/** The rows a form tool exports, header(s) first. */
export function sheet(tool: Tool, set: QuestionSet, persons: readonly Person[]): Sheet {
  const texts = set.questions.map((q) => q.text);
  const labels = (p: Person) => p.answers.map((a) => (a < 0 ? "" : set.scale[a]!.label));
  switch (tool) {
    case "google":
      return {
        rows: [["Timestamp", "Email Address", "Name", "Your role", ...texts], ...persons.map((p, i) => [timestamp(i), `person${i}@client.example`, p.name, p.role, ...labels(p)])],
      };
    case "microsoft":
      return {
        rows: [
          ["ID", "Start time", "Completion time", "Email", "Name", "Last modified time", "Role", ...texts],
          ...persons.map((p, i) => [String(i + 1), iso(i), iso(i + 1), `person${i}@client.example`, p.name, "", p.role, ...labels(p)]),
        ],
      };
    case "typeform":
      return {
        rows: [
          ["#", "What is your name?", "What is your role?", ...texts, "Start Date (UTC)", "Submit Date (UTC)", "Network ID"],
          ...persons.map((p, i) => [`tok${i}x8f2k`, p.name, p.role, ...labels(p), iso(i), iso(i + 1), `net${i}a9`]),
        ],
      };
    case "surveymonkey":
      return {
        rows: [
          ["Respondent ID", "Collector ID", "Start Date", "End Date", "IP Address", "Email Address", "First Name", "Last Name", "Custom Data 1", "Role", ...texts],
          ["", "", "", "", "", "", "", "", "", "Response", ...texts.map(() => "Response")],
          ...persons.map((p, i) => {
            const [first, ...last] = p.name.split(" ");
            return [String(11800000000 + i), "4321", iso(i), iso(i + 1), `198.51.100.${i}`, "", first!, last.join(" "), "", p.role, ...labels(p)];
          }),
        ],
      };
    case "jotform":
      return {
        rows: [
          ["Submission Date", "Full Name", "Job Title", ...texts, "Submission ID", "Submission IP"],
          ...persons.map((p, i) => [iso(i), p.name, p.role, ...labels(p), String(5800000000000000000n + BigInt(i)), `203.0.113.${i}`]),
        ],
      };
  }
}

/** Cells joined as the tool (or Excel) writes them: quoted when they need it (Google quotes every cell). */
export function csvText(rows: readonly string[][], separator: string, newline: string, quoteAll = false): string {
  const cell = (c: string) => (quoteAll || c.includes(separator) || /["\r\n]/.test(c) || /^\s|\s$/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
  return rows.map((r) => r.map(cell).join(separator)).join(newline) + newline;
}

/** The file's bytes as a tool exports it (`native`) or as Excel saves it. */
export function exportBytes(tool: Tool, set: QuestionSet, persons: readonly Person[], save: Save | "native"): Buffer {
  const { rows } = sheet(tool, set, persons);
  if (save === "native") {
    if (tool === "google") return Buffer.from(csvText(rows, ",", "\r\n", true));
    if (tool === "microsoft") return Buffer.concat([BOM8, Buffer.from(csvText(rows, ";", "\r\n"))]);
    if (tool === "surveymonkey") return Buffer.from(csvText(rows, ",", "\r\n", true));
    return Buffer.from(csvText(rows, ",", "\n"));
  }
  switch (save) {
    case "utf8":
      return Buffer.from(csvText(rows, ",", "\n"));
    case "utf8-bom-comma":
      return Buffer.concat([BOM8, Buffer.from(csvText(rows, ",", "\r\n"))]);
    case "utf8-bom-semicolon":
      return Buffer.concat([BOM8, Buffer.from(csvText(rows, ";", "\r\n"))]);
    case "windows-1252":
      return windows1252(csvText(rows, ",", "\r\n"));
    case "windows-1252-semicolon":
      return windows1252(csvText(rows, ";", "\r\n"));
    case "utf16le-tab":
      return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csvText(rows, "\t", "\r\n"), "utf16le")]);
  }
}

const BOM8 = Buffer.from([0xef, 0xbb, 0xbf]);

// Windows-1252's 0x80-0x9F: the typographic characters Latin-1 lacks (curly quotes, dashes, euro, ...).
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ";

/** Text as Windows-1252 bytes; a character it cannot hold is an error of the test, not a silent '?'. */
export function windows1252(text: string): Buffer {
  return Buffer.from(
    Array.from(text, (ch) => {
      const code = ch.codePointAt(0)!;
      if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
      const high = CP1252_HIGH.indexOf(ch);
      if (high >= 0) return 0x80 + high;
      throw new Error(`Windows-1252 cannot hold ${JSON.stringify(ch)}`);
    }),
  );
}
