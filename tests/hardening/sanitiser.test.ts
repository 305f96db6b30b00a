import { describe, expect, it } from "vitest";
import { markdownInline, terminalSafe } from "../../src/text.js";

const ESC = "\u001b";
const BEL = "\u0007";

describe("one sanitiser for the terminal (F22, F23, F24)", () => {
  it("leaves no escape sequence live: OSC 52, OSC 8, CSI, 8-bit CSI", () => {
    const osc52 = `${ESC}]52;c;ZXZpbA==${BEL}`;
    const osc8 = `${ESC}]8;;https://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`;
    for (const hostile of [osc52, osc8, `${ESC}[2J`, "\u009b2J", "\u009d52;c;x\u009c"]) {
      const safe = terminalSafe(hostile);
      expect(safe).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
    }
    expect(terminalSafe(osc52)).toBe("^[]52;c;ZXZpbA==^G");
  });

  it("names zero-width and invisible characters instead of passing them on", () => {
    const invisible = [
      "\u200b",
      "\u200c",
      "\u200d",
      "\u2060",
      "\ufeff",
      "\u061c",
      "\u180e",
      "\u200e",
      "\u200f",
      "\u202a",
      "\u202e",
      "\u2066",
      "\u2069",
      "\u00ad",
      "\u{e0041}",
      "\u3164",
    ];
    for (const ch of invisible) {
      const code = ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0");
      expect(terminalSafe(`a${ch}b`)).toBe(`a<U+${code}>b`);
      expect(markdownInline(`a${ch}b`)).toBe(`a&lt;U+${code}&gt;b`);
    }
  });

  it("leaves letters, accents, CJK and emoji alone", () => {
    const text = "Préférences · 日本語 ✓ café e\u0301 😀 ✔";
    expect(terminalSafe(text)).toBe(text);
  });
});
