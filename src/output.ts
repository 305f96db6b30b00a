import { InputError } from "./errors.js";
import { failure, writeOutput } from "./io/write.js";
import { say } from "./text.js";

/** Sends a result to --out (through the one write helper), or to stdout; a result in pieces (a team's JSON) as it is made. */
export async function emit(text: string | Iterable<string>, out: string | undefined, force: boolean): Promise<void> {
  if (out) {
    await writeOutput(out, typeof text === "string" ? text : batched(text), { force });
    say(`wrote ${out}`);
  } else if (typeof text === "string") {
    await writeStdout(text);
  } else {
    for (const batch of batched(text)) await writeStdout(batch);
  }
}

const BATCH = 64 * 1024;

/** Pieces joined into writes of about 64 KB: one write per respondent would cost more than making the text. */
function* batched(pieces: Iterable<string>): Generator<string> {
  let batch = "";
  for (const piece of pieces) {
    batch += piece;
    if (batch.length >= BATCH) {
      yield batch;
      batch = "";
    }
  }
  if (batch) yield batch;
}

/**
 * Writes to stdout and waits until it is written: a failed write (a full disk behind `> file`, an I/O error) is an error
 * the user must see, not a silent exit 0. A closed pipe (EPIPE: `| head`) is no error; cli.ts ends the run quietly then.
 */
export function writeStdout(text: string): Promise<void> {
  return new Promise((done, fail) => {
    process.stdout.write(text, (error) => {
      if (!error || (error as NodeJS.ErrnoException).code === "EPIPE") done();
      else fail(new InputError(`could not write the output to stdout: ${failure(error, "its file")}; the output is incomplete`));
    });
  });
}
