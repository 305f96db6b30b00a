import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { orThrow } from "../../src/errors.js";
import { interview } from "../../src/interview/interview.js";
import { AnswersSaver } from "../../src/interview/save-answers.js";
import { loadAnswers } from "../../src/load/answers.js";
import { loadQuestionSet } from "../../src/load/question-set.js";
import type { Answers } from "../../src/model/answers.js";
import { fixture, tempDir } from "../cli/run.js";
import { ENTER, FakePrompter } from "../interview/fake-prompter.js";

const set = await loadQuestionSet(fixture("mini")).then(orThrow);
const EMPTY: Answers = { answers: {}, notes: {} };

// F30's other branch: the save file's folder is gone mid-interview (a USB stick pulled out), and the founder saves
// elsewhere. The real interview and save file, real files; only the keyboard is scripted.
describe("a failed save in the interview, saved to another file (F30)", () => {
  it("asks for the file again on a bad folder and on a file not to replace, then saves every answer there and keeps saving there", async () => {
    const [stick, home] = [tempDir(), tempDir()];
    const first = join(stick, "ans.yaml");
    const taken = join(home, "taken.yaml");
    writeFileSync(taken, "keep me\n");
    const chosen = join(home, "answers.yaml");
    const nowhere = join(home, "no-such-folder", "answers.yaml");
    const prompter = new FakePrompter([
      "Acme",
      "Dana",
      "Yes", // saved to the stick
      "No", // the stick is gone: this save fails
      "Save to another file",
      nowhere,
      taken,
      false, // do not replace it
      chosen,
      "Partly",
      "Not sure",
      ENTER, // the review: done
    ]);
    const saver = new AnswersSaver(first, set, () => prompter, { file: undefined, count: 0 });
    await saver.open();
    expect(existsSync(join(stick, ".ans.yaml.lock"))).toBe(true);
    let saves = 0;
    const save = async (a: Answers) => {
      // the opening's save, then the first answer's; before the second answer's the stick is pulled out
      if (++saves === 3) rmSync(stick, { recursive: true });
      await saver.save(a);
    };
    try {
      const answers = await interview(set, EMPTY, prompter, save, { saveFile: first, today: "2026-11-28" });
      expect(prompter.left).toBe(0);
      expect(answers.answers).toEqual({ "auto-pay": "yes", "negotiated-terms": "no", "few-problems": "partly", "specific-problems": "unsure" });

      const t = prompter.transcript;
      const failed = t.findIndex((line) => line.startsWith("\nYour answers could not be saved."));
      expect(t[failed]).toContain(`${first} could not be written`);
      expect(t[failed + 1]).toBe(`${first} still holds 1 of them; the rest are kept here, in memory, for now.`);
      expect(t.slice(failed + 2)).toEqual([
        "? What now?",
        "? Save the answers to which file?",
        expect.stringMatching(new RegExp(`^${nowhere.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} could not be written`)),
        "? Save the answers to which file?",
        `? ${taken} already exists. Replace it?`,
        "? Save the answers to which file?",
        `Saved: all 2 answers are now in ${chosen}.`,
        ...t.slice(failed + 9),
      ]);
      expect(t.slice(failed + 9).filter((line) => line.startsWith("? ["))).toEqual([
        "? [3/4] Are problems few and the same each time?",
        "? [4/4] Are problems specific to each customer?",
      ]);
      expect(prompter.shown.find((s) => s.message === "Save the answers to which file?")?.default).toBe("automation-fit-answers-2.yaml");

      // what the interview ends with (or a stop's resume line) names the new file: every answer is there
      expect(saver.kept).toEqual({ file: chosen, count: 4, unsaved: 0 });
      expect(saver.saveFile).toBe(chosen);
      const saved = await loadAnswers(chosen, set).then(orThrow);
      expect(saved).toMatchObject({ client: "Acme", assessor: "Dana", date: "2026-11-28", answers: answers.answers });
      expect(readFileSync(taken, "utf8")).toBe("keep me\n");
      expect(existsSync(nowhere)).toBe(false);
      // the lock moved with the save file
      expect(existsSync(join(home, ".answers.yaml.lock"))).toBe(true);
    } finally {
      await saver.close();
    }
    expect(existsSync(join(home, ".answers.yaml.lock"))).toBe(false);
  });

  it("replaces an existing file when the founder says so, and a later failure there offers the same way out", async () => {
    const [stick, home] = [tempDir(), tempDir()];
    mkdirSync(join(stick, "answers"));
    const first = join(stick, "answers", "ans.yaml");
    const old = join(home, "old.yaml");
    writeFileSync(old, "answers: {}\n");
    const prompter = new FakePrompter(["Acme", "", "Yes", "No", "Save to another file", old, true, "Partly", "Go on answering", "Not sure", ENTER]);
    const saver = new AnswersSaver(first, set, () => prompter, { file: undefined, count: 0 });
    await saver.open();
    let saves = 0;
    const save = async (a: Answers) => {
      saves++;
      if (saves === 3) rmSync(join(stick, "answers"), { recursive: true });
      // the new file's folder goes too, once the answers are there: the next save fails again, and the founder goes on
      if (saves === 4) rmSync(home, { recursive: true });
      if (saves === 5) mkdirSync(home);
      await saver.save(a);
    };
    try {
      const answers = await interview(set, EMPTY, prompter, save, { saveFile: first, today: "2026-11-28" });
      expect(prompter.left).toBe(0);
      expect(prompter.transcript).toContain(`? ${old} already exists. Replace it?`);
      expect(prompter.transcript).toContain(`${first} still holds 1 of them; the rest are kept here, in memory, for now.`);
      expect(prompter.transcript).toContain(`Saved: all 2 answers are now in ${old}.`);
      expect(prompter.transcript).toContain(`${old} still holds 2 of them; the rest are kept here, in memory, for now.`);
      expect(prompter.transcript).toContain(`Saved: all 4 answers are now in ${old}.`);
      expect(saver.kept).toEqual({ file: old, count: 4, unsaved: 0 });
      expect((await loadAnswers(old, set).then(orThrow)).answers).toEqual(answers.answers);
    } finally {
      await saver.close();
    }
  });
});
