import { describe, expect, it } from "vitest";
import { teamProgress } from "../../src/ui/progress.js";

const fakeStream = (isTTY: boolean) => {
  const written: string[] = [];
  return { written, stream: { isTTY, write: (s: string) => written.push(s) } as unknown as NodeJS.WriteStream };
};

describe("teamProgress", () => {
  it("shows nothing in the first second, then the count in place, and clears it at the end", () => {
    let now = 0;
    const { written, stream } = fakeStream(true);
    const progress = teamProgress(stream, () => now);
    progress.tick(1024);
    expect(written).toEqual([]);
    now = 1500;
    progress.tick(2048);
    progress.tick(3072); // within 200 ms of the last: not rewritten
    now = 1800;
    progress.tick(4096);
    expect(written).toEqual(["\r\u001b[2Kread 2,048 respondents", "\r\u001b[2Kread 4,096 respondents"]);
    progress.done();
    expect(written.at(-1)).toBe("\r\u001b[2K");
  });

  it("writes nothing when stderr is not a terminal, nor for a run under a second", () => {
    let now = 0;
    const pipe = fakeStream(false);
    const piped = teamProgress(pipe.stream, () => now);
    now = 5000;
    piped.tick(1024);
    piped.done();
    expect(pipe.written).toEqual([]);
    const quick = fakeStream(true);
    now = 0;
    const fast = teamProgress(quick.stream, () => now);
    fast.tick(1024);
    fast.done();
    expect(quick.written).toEqual([]);
  });
});
