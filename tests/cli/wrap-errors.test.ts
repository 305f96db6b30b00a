import { afterEach, describe, expect, it, vi } from "vitest";
import { handleError } from "../../src/cli.js";
import { formatProblems, InputError, type Problem } from "../../src/errors.js";
import { displayWidth, say, wrapMessage } from "../../src/text.js";

// 59: a 60-column terminal, a column short of it as stderrWidth() gives.
const WIDTH = 59;
/** One problem as cli.ts prints it at that width. */
const wrapped = (p: Problem) => formatProblems([p], 0, undefined, WIDTH);

const problems: Problem[] = [
  { file: "answers/acme corp.yaml", line: 3, col: 3, message: "unknown question id 'negotiated-term'; did you mean 'negotiated-terms'?" },
  { file: "answers/acme corp.yaml", line: 7, col: 12, message: "'sometimes' is not an answer to 'auto-pay'; use one of: yes, no, unsure, n/a" },
  { file: "answers/acme corp.yaml", line: 9, col: 3, message: "unknown question id 'few-problems'" },
];

describe("messages on stderr wrapped at a terminal's width", () => {
  it.each([
    {
      what: "a FILE:LINE:COL problem list with 'and N more': each location whole at the start of its line, continuations indented",
      text: formatProblems(problems, 1199, 2, WIDTH),
      lines: [
        "answers/acme corp.yaml:3:3 unknown question id",
        "  'negotiated-term'; did you mean 'negotiated-terms'?",
        "answers/acme corp.yaml:7:12 'sometimes' is not an answer to",
        "  'auto-pay'; use one of: yes, no, unsure, n/a",
        "... and 1,200 more problems",
      ],
    },
    {
      what: "a usage error with a did-you-mean, as commander prints it",
      text: wrapMessage("error: unknown option '--front-mater' for the report command of this tool\n(Did you mean --front-matter?)\n", WIDTH, "  "),
      lines: ["error: unknown option '--front-mater' for the report", "  command of this tool", "(Did you mean --front-matter?)", ""],
    },
    {
      what: "an option error naming the choices",
      text: wrapped({ file: "", message: "option --format: 'pdf' is not one of: terminal, markdown, json, html" }),
      lines: ["option --format: 'pdf' is not one of: terminal, markdown,", "  json, html"],
    },
    {
      what: "a hint ending in a command that does not fit: the command whole on a line of its own",
      text: wrapped({ file: "", message: "unknown KPI id 'first-reply-tme'; did you mean 'first-reply-time'? Or list them all with: npx automation-fit kpis init --help" }),
      lines: ["unknown KPI id 'first-reply-tme'; did you mean", "  'first-reply-time'? Or list them all with:", "    npx automation-fit kpis init --help"],
    },
    {
      what: "a hint ending in a command that fits beside its words",
      text: wrapped({ file: "team/ops.yaml", message: "is an answers file, not a KPI log; start a log from it with: automation-fit kpis init team/ops.yaml" }),
      lines: ["team/ops.yaml is an answers file, not a KPI log; start a", "  log from it with: automation-fit kpis init team/ops.yaml"],
    },
    {
      what: "a quoted command inside a sentence: whole, the sentence going on after it",
      text: wrapped({
        file: "team/report.json",
        line: 1,
        col: 1,
        message: "is a team report with schemaVersion 1; make it again with 'automation-fit report TEAM --format json', or compare the team's files",
      }),
      lines: [
        "team/report.json:1:1 is a team report with schemaVersion 1;",
        "  make it again with",
        "    'automation-fit report TEAM --format json',",
        "  or compare the team's files",
      ],
    },
    {
      what: "lines that fit are kept as they are: a command's aligned columns stay aligned",
      text: wrapMessage("Either\n  continue it:              npm start -- --resume a.yaml\n  start over, replacing it: npm start -- --force", WIDTH, "  "),
      lines: ["Either", "  continue it:              npm start -- --resume a.yaml", "  start over, replacing it: npm start -- --force"],
    },
  ])("$what", ({ text, lines }) => {
    expect(text.split("\n")).toEqual(lines);
    for (const line of lines) expect(displayWidth(line), line).toBeLessThanOrEqual(WIDTH);
  });

  it("keeps a location longer than the line whole, and a command longer than the line uncut (the terminal folds it, no break of ours lands inside)", () => {
    const file = `${"very-long-folder-name/".repeat(3)}answers.yaml`;
    const command = `automation-fit report ${file} --kpis ${file}`;
    expect(wrapped({ file, line: 2, col: 3, message: `unknown question id 'x'; score the rest with: ${command}` }).split("\n")).toEqual([
      `${file}:2:3`,
      "  unknown question id 'x'; score the rest with:",
      `    ${command}`,
    ]);
  });

  it("leaves every message as it is made without a width (stderr not a terminal: pipes, files, CI)", () => {
    const error = new InputError(problems, 1199);
    expect(formatProblems(error.problems, error.uncounted)).toBe(error.message);
    expect(error.message.split("\n")).toHaveLength(4);
    expect(wrapMessage(error.message)).toBe(error.message);
  });
});

describe("cli.ts and say() on stderr", () => {
  const stderr = process.stderr as { isTTY?: boolean; columns?: number };
  const { isTTY, columns } = stderr;
  afterEach(() => {
    stderr.isTTY = isTTY;
    stderr.columns = columns as number;
    vi.restoreAllMocks();
  });

  function printed(terminal: { columns: number } | undefined, print = () => expect(handleError(new InputError(problems))).toBe(2)): string {
    stderr.isTTY = terminal !== undefined;
    stderr.columns = terminal?.columns as number;
    let text = "";
    vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
      text += String(chunk);
      return true;
    });
    print();
    return text;
  }

  it("wraps what it prints at stderr's width, a column short, when stderr is a terminal", () => {
    const shown = printed({ columns: 60 });
    expect(shown).toBe(`${formatProblems(problems, 0, undefined, 59)}\n`);
    expect(shown.split("\n").filter((line) => displayWidth(line) >= 60)).toEqual([]);
  });

  it("prints the message unchanged when stderr is not a terminal", () => {
    expect(printed(undefined)).toBe(`${new InputError(problems).message}\n`);
  });

  it("prints notes (say) the same way: wrapped on a terminal, as made off one", () => {
    const note = "note: the answers name 2 different clients (Pennywise Budgets; ClinicFlow); a team report is for people looking at one business";
    expect(printed({ columns: 60 }, () => say(note)).split("\n")).toEqual([
      "note: the answers name 2 different clients (Pennywise",
      "  Budgets; ClinicFlow); a team report is for people looking",
      "  at one business",
      "",
    ]);
    expect(printed(undefined, () => say(note))).toBe(`${note}\n`);
  });
});
