import type { Assessment, Verdict } from "../model/assessment.js";

const LABELS: Record<Verdict, string> = { automate: "Automate", hybrid: "Hybrid", human: "Keep human", insufficient: "Insufficient" };

export function verdictLabel(verdict: Verdict): string {
  return LABELS[verdict];
}

/** "Customer lifecycle v1.2": the set's name and version, unescaped. */
export function setLabel(set: Assessment["set"]): string {
  const version = set.version?.trim();
  return version ? `${set.name} ${/^v/i.test(version) ? version : `v${version}`}` : set.name;
}

const UNSAFE = /\r\n|[\t\n\v\f\r\u0085\u2028\u2029]|[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Makes one-line text from files safe to print: line breaks and tabs become spaces, other control characters
 * (C0, DEL, C1) and bidi overrides become visible (ESC -> ^[, U+009B -> <U+009B>), so no escape sequence reaches the terminal.
 */
export function terminalSafe(s: string): string {
  return s.replace(UNSAFE, (ch) => {
    const code = ch.charCodeAt(0);
    if (ch === "\r\n" || "\t\n\v\f\r\u0085\u2028\u2029".includes(ch)) return " ";
    if (code < 0x20) return `^${String.fromCharCode(code + 0x40)}`;
    if (code === 0x7f) return "^?";
    return `<U+${code.toString(16).toUpperCase().padStart(4, "0")}>`;
  });
}

/**
 * Escapes text from files for Markdown inline content and table cells: no HTML, links, emphasis, code,
 * table breaks or block markers survive; whitespace runs collapse to one space.
 */
export function markdownInline(s: string): string {
  return (
    terminalSafe(s)
      .replace(/\s+/g, " ")
      .trim()
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/[\\`*_[\]#|~$]/g, "\\$&")
      // GFM turns bare URLs, www. and e-mail addresses into links
      .replace(/:\/\//g, "\\://")
      .replace(/\b(www)\./gi, "$1\\.")
      .replace(/@/g, "\\@")
      // list, setext and ordered-list markers only bite at the start of a line
      .replace(/^([-+=])/, "\\$1")
      .replace(/^(\d+)([.)])/, "$1\\$2")
  );
}

/** Columns a string takes in a terminal: combining marks take none, East Asian wide characters and emoji take two. */
export function displayWidth(s: string): number {
  let width = 0;
  for (const ch of s) width += charWidth(ch);
  return width;
}

export function charWidth(ch: string): number {
  if (/[\p{Mn}\p{Me}\p{Cf}]/u.test(ch)) return 0;
  const cp = ch.codePointAt(0) ?? 0;
  const wide =
    /\p{Emoji_Presentation}/u.test(ch) ||
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x20000 && cp <= 0x3fffd);
  return wide ? 2 : 1;
}

/**
 * Escapes text from files for HTML element content and quoted attribute values: the five markup characters become
 * references, and control, bidi and line-break characters go as terminalSafe has them.
 */
export function escapeHtml(s: string): string {
  return terminalSafe(s).replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}
