/** How long a team run goes before it shows progress, and how often it updates it. */
const AFTER_MS = 1000;
const EVERY_MS = 200;

/**
 * Progress of a long team run on stderr, when stderr is a terminal: "read 120,000 respondents", shown once the run has
 * taken a second, then rewritten in place; `done()` clears it. Cheap to call per respondent (the clock is read every 1,024).
 */
export function teamProgress(stream: NodeJS.WriteStream = process.stderr, now: () => number = Date.now) {
  const start = now();
  let shown = false;
  let last = 0;
  return {
    tick(count: number): void {
      if (!stream.isTTY || (count & 1023) !== 0) return;
      const t = now();
      if (t - start < AFTER_MS || t - last < EVERY_MS) return;
      last = t;
      shown = true;
      stream.write(`\r\u001b[2Kread ${count.toLocaleString("en-US")} respondents`);
    },
    done(): void {
      if (shown) stream.write("\r\u001b[2K");
    },
  };
}
