// JSON.stringify leaves DEL, C1 controls and line/bidi separators raw; as \u escapes they cannot act on a terminal.
const RAW = /[\u007f-\u009f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** A result (an assessment, a comparison) as pretty JSON, exactly as built; parses back equal to `a`. */
export function renderJson(a: object): string {
  return `${JSON.stringify(a, null, 2).replace(RAW, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`)}\n`;
}
