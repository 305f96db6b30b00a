import { describe, expect, it } from "vitest";
import { displayWidth, markdownInline, setLabel, terminalSafe, verdictLabel, withCommand, withCommands, wrapMessage, wrapText } from "../../src/text.js";

describe("terminalSafe", () => {
  it("shows escape sequences and control characters instead of passing them on", () => {
    expect(terminalSafe("a\u001b[31mred")).toBe("a^[[31mred");
    expect(terminalSafe("bell\u0007 nul\u0000 del\u007f")).toBe("bell^G nul^@ del^?");
    expect(terminalSafe("csi\u009b2J")).toBe("csi<U+009B>2J");
    expect(terminalSafe("evil\u202eesrever")).toBe("evil<U+202E>esrever");
  });

  it("turns line breaks and tabs into spaces", () => {
    expect(terminalSafe("one\r\ntwo\nthree\tfour\u2028five")).toBe("one two three four five");
  });

  it("leaves ordinary text alone", () => {
    const text = "Préférences · 日本語 ✓ café";
    expect(terminalSafe(text)).toBe(text);
  });
});

describe("markdownInline", () => {
  it("escapes HTML, links, emphasis, code and table pipes", () => {
    expect(markdownInline("<script>x</script>")).toBe("&lt;script&gt;x&lt;/script&gt;");
    expect(markdownInline("a | b")).toBe("a \\| b");
    expect(markdownInline("*b* _i_ `c` [l](u) ~s~ \\")).toBe("\\*b\\* \\_i\\_ \\`c\\` \\[l\\](u) \\~s\\~ \\\\");
    expect(markdownInline("R&D &lt;")).toBe("R&amp;D &amp;lt;");
  });

  it("writes e-mail addresses, URLs and host names as inline code, where no autolink forms (F25)", () => {
    expect(markdownInline("https://x.io www.x.io a@x.io")).toBe("`https://x.io` `www.x.io` `a@x.io`");
    expect(markdownInline("Mail evil\\@evil.example, or see (https://evil.example/a_b?c=1).")).toBe("Mail `evil\\@evil.example`, or see (`https://evil.example/a_b?c=1`).");
    expect(markdownInline("Acme Ltd. at acme.co.uk | sales@acme.co.uk")).toBe("Acme Ltd. at `acme.co.uk` \\| `sales@acme.co.uk`");
    expect(markdownInline("- Contact: mailto:a@b.example")).toBe("\\- Contact: mailto:`a@b.example`");
    // not host names: versions, abbreviations, decimals
    expect(markdownInline("v1.2, e.g. 2.5 i.e. U.S.")).toBe("v1.2, e.g. 2.5 i.e. U.S.");
    // a backtick or a pipe cannot get into a code span
    expect(markdownInline("a`b@c.example|d")).toBe("a\\``b@c.example`\\|d");
  });

  it("escapes a 1 MB token whole: no address or host name found inside a long word (#22: the scan was quadratic)", () => {
    for (const word of ["x".repeat(1_000_000), "a.".repeat(500_000), "a-".repeat(500_000)]) expect(markdownInline(word)).toBe(word.replace(/\.$/, ".").replace(/^-/, "\\-"));
    const hosts = `${"a.".repeat(300_000)}example.com`;
    expect(markdownInline(hosts)).toBe(`\`${hosts}\``);
  });

  it("leaves only characters pdflatex typesets: ASCII, Latin-1, typographic punctuation", () => {
    expect(markdownInline("Café Zürich → Łódź ▲ ＃1 €5 ≥ 3 — “fine” …")).toBe("Café Zürich -&gt; Lódz + \\#1 EUR5 &gt;= 3 — “fine” …");
    expect(markdownInline("東京 🙂 a\u200bb")).toBe("?? ? a&lt;U+200B&gt;b");
  });

  it("keeps text on one line and out of block syntax", () => {
    expect(markdownInline("  one\n\ntwo  ")).toBe("one two");
    expect(markdownInline("# not a heading")).toBe("\\# not a heading");
    expect(markdownInline("- not a list")).toBe("\\- not a list");
    expect(markdownInline("1. not a list")).toBe("1\\. not a list");
    expect(markdownInline("\u001b[31m")).toBe("^\\[\\[31m");
  });
});

describe("verdictLabel", () => {
  it("names every verdict", () => {
    expect([verdictLabel("automate"), verdictLabel("hybrid"), verdictLabel("human"), verdictLabel("insufficient")]).toEqual(["Automate", "Hybrid", "Keep human", "Insufficient"]);
  });
});

describe("setLabel", () => {
  it("adds the version once", () => {
    expect(setLabel({ name: "Set" })).toBe("Set");
    expect(setLabel({ name: "Set", version: "2" })).toBe("Set (question set v2)");
    expect(setLabel({ name: "Set", version: "v2" })).toBe("Set (question set v2)");
  });
});

describe("displayWidth", () => {
  it("counts terminal columns, not code units", () => {
    expect(displayWidth("abc")).toBe(3);
    expect(displayWidth("日本")).toBe(4);
    expect(displayWidth("e\u0301")).toBe(1);
    expect(displayWidth("😀")).toBe(2);
    expect(displayWidth("█░▲▼")).toBe(4);
  });

  it("measures emoji sequences and marks as a terminal draws them, and the tool's own signs as one column each", () => {
    expect(displayWidth("👩‍👩‍👧 family")).toBe(9);
    expect(displayWidth("👍🏽")).toBe(2);
    expect(displayWidth("ok\u00ad\u200b")).toBe(2);
    expect(displayWidth("Stage 3 of 8 · about 6 minutes left ← ✎ … ─ é")).toBe(45);
    expect(displayWidth("ｆｕｌｌ")).toBe(8);
  });

  it("measures the signs the tool prints as string-width does, and coloured text without its colour codes", async () => {
    const { default: stringWidth } = await import("string-width");
    for (const s of ["€ 12", "™", "−3", "⏱ Size the work", "✎ Add a note", "✔ Done", "⏱\ufe0f"]) expect(displayWidth(s), s).toBe(stringWidth(s));
    expect(displayWidth("\u001b[1m\u001b[32mAutomate\u001b[39m\u001b[22m ✔")).toBe(10);
  });
});

describe("wrap", () => {
  it("breaks between words by display width, and cuts a too-long word between whole characters", () => {
    expect(wrapText("日本語の 質問です ok", 9)).toEqual(["日本語の", "質問です", "ok"]);
    for (const line of wrapText("🚀🚀🚀🚀🚀 日本語日本語", 5)) expect(displayWidth(line)).toBeLessThanOrEqual(5);
    // an emoji with its skin tone is one character: never split from its modifier
    expect(wrapText("👍🏽👍🏽👍🏽", 4)).toEqual(["👍🏽👍🏽", "👍🏽"]);
  });

  it("cuts a 1 MB word into whole lines in one pass, indent and hang kept (#22: it was quadratic)", () => {
    const word = "ab".repeat(500_000);
    const lines = wrapText(`Client: ${word} end`, 80, "  ", "    ");
    expect(lines[0]).toBe("  Client:");
    expect(lines[1]).toBe(`    ${word.slice(0, 76)}`);
    expect(lines.slice(1, -1).every((l) => l.length === 80 && l.startsWith("    "))).toBe(true);
    expect(
      lines
        .slice(1)
        .map((l) => l.trim())
        .join(""),
    ).toBe(`${word} end`);
    expect(lines.at(-1)).toMatch(/^ {4}[ab]+ end$/);
    // a wide word: two columns a letter, never a line past the width
    const wide = wrapText("日本".repeat(100_000), 81);
    expect(wide.length).toBe(Math.ceil(200_000 / 40));
    expect(wide.every((l) => displayWidth(l) <= 81)).toBe(true);
    expect(wide.join("")).toBe("日本".repeat(100_000));
  });

  it("measures CJK letters, kana, Hangul and fullwidth forms as string-width does, without it", async () => {
    const { default: stringWidth } = await import("string-width");
    for (const s of ["日本語の質問", "カタカナ ひらがな", "한국어", "ＡＢＣ１２３", "「東京」、。", "x日本y"]) expect(displayWidth(s), s).toBe(stringWidth(s));
  });
});

describe("withCommands", () => {
  const intro = "automation-fit-answers.yaml already exists (answers from an earlier assessment?); it was left as it is. Either";
  const choices = [
    { label: "continue it:", command: "npm start -- --resume automation-fit-answers.yaml --stage billing" },
    { label: "start over, replacing it:", command: "npm start -- --force" },
  ];

  it("keeps one aligned line per command when there is no terminal width", () => {
    expect(withCommands(intro, choices)).toBe(
      `${intro}\n  continue it:              npm start -- --resume automation-fit-answers.yaml --stage billing\n  start over, replacing it: npm start -- --force`,
    );
  });

  it("at 60 columns wraps the prose on word boundaries and puts each command whole on its own line", () => {
    const lines = withCommands(intro, choices, 60).split("\n");
    for (const line of lines) if (!line.startsWith("    npm start")) expect(displayWidth(line), line).toBeLessThanOrEqual(60);
    const words = intro.split(" ");
    expect(lines.slice(0, 2).join(" ").split(" ")).toEqual(words);
    expect(lines.slice(2)).toEqual([
      "  continue it:",
      "    npm start -- --resume automation-fit-answers.yaml --stage billing",
      "  start over, replacing it:",
      "    npm start -- --force",
    ]);
  });

  it("keeps the aligned lines when they fit the width", () => {
    const short = [{ label: "continue it:", command: "npm start -- --resume a.yaml" }];
    expect(withCommands("a.yaml already exists. Either", short, 80)).toBe("a.yaml already exists. Either\n  continue it: npm start -- --resume a.yaml");
  });
});

describe("withCommand", () => {
  const intro = "Kept 20 answers in automation-fit-answers.yaml. Resume with:";
  const command = "npm start -- --resume automation-fit-answers.yaml";

  it("is one line off a terminal, or where it fits", () => {
    expect(withCommand(intro, command)).toBe(`${intro} ${command}`);
    expect(withCommand(intro, command, 120)).toBe(`${intro} ${command}`);
  });

  it("at 99 columns wraps the words and puts the command whole on a line of its own (it was cut mid-word at the edge)", () => {
    expect(withCommand(intro, command, 99)).toBe(`${intro}\n  ${command}`);
    expect(withCommand(intro, command, 40).split("\n")).toEqual(["Kept 20 answers in", "automation-fit-answers.yaml.", "Resume with:", `  ${command}`]);
  });
});

describe("wrapMessage", () => {
  const message = "option --stage: unknown stage 'lead-gen'; the stages are: lead-generation, sales-call, deal-close, onboarding, renewal-calls";

  it("leaves a message as it is without a terminal width: a line per thought, for logs", () => {
    expect(wrapMessage(`${message}\nsecond`)).toBe(`${message}\nsecond`);
    expect(wrapMessage(message, 0)).toBe(message);
  });

  it("wraps each line on word boundaries at the width, continuations hung by `hang`, blank lines kept", () => {
    const lines = wrapMessage(`${message}\n\n  an indented line that runs on past the width of sixty columns`, 60, "  ").split("\n");
    expect(lines).toEqual([
      "option --stage: unknown stage 'lead-gen'; the stages are:",
      "  lead-generation, sales-call, deal-close, onboarding,",
      "  renewal-calls",
      "",
      "  an indented line that runs on past the width of sixty",
      "    columns",
    ]);
  });

  it("passes the text through the one sanitiser", () => {
    expect(wrapMessage("a \u001b[2J b", 60)).toBe(terminalSafe("a \u001b[2J b"));
  });
});
