// A lock file beside a file one process at a time may write (the interview's save file).
// Our own rather than proper-lockfile: that records neither pid nor host (so it cannot say who holds the lock), throws ENOENT
// for a file not made yet unless `realpath: false`, and keeps a dead process's lock for about 10 s; this is O_EXCL and a read.
import { readFileSync, rmSync } from "node:fs";
import { open, readFile, rm, stat } from "node:fs/promises";
import { hostname } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../errors.js";

export interface Lock {
  file: string;
  release(): Promise<void>;
}

interface Holder {
  pid: number;
  host: string;
  since?: string;
}

export const lockFileOf = (file: string) => join(dirname(resolve(file)), `.${basename(file)}.lock`);

const held = new Set<string>();

// A lock is gone with its process: on any exit (not only the ones that reach release) the file is removed.
process.on("exit", () => {
  for (const file of held) rmSync(file, { force: true });
});

export interface LockOptions {
  /** What the holder is doing with the file, for the message when it is busy; default "saving answers to it". */
  doing?: string;
  /** What else the user may do, for that message; default ", or save to another file (--save OTHER.yaml)". */
  instead?: string;
  /** How long to keep trying while a live process holds the lock (a short edit, like a KPI reading); default 0. */
  waitMs?: number;
  /** Called once when the lock is busy and the wait begins, with who holds it. */
  onWait?: (holder: string) => void;
}

/** Takes the lock on `file`, or says plainly who holds it. A lock of a process gone (on this host) is taken over. */
export async function lock(file: string, options: LockOptions = {}): Promise<Lock> {
  const lockFile = lockFileOf(file);
  const me: Holder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  const until = Date.now() + (options.waitMs ?? 0);
  let waiting = false;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const handle = await open(lockFile, "wx");
      await handle.writeFile(`${JSON.stringify(me)}\n`);
      await handle.close();
      held.add(lockFile);
      return {
        file: lockFile,
        release: async () => {
          held.delete(lockFile);
          if (ownsLock(lockFile)) await rm(lockFile, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") {
        throw new InputError([{ file, message: `cannot be locked for this assessment (${lockFile}): ${(error as Error).message}` }]);
      }
    }
    const holder = await readHolder(lockFile);
    const unreadableAndOld = !holder && Date.now() - ((await stat(lockFile).catch(() => undefined))?.mtimeMs ?? 0) > 5000;
    if ((holder && holder.host === me.host && !alive(holder.pid)) || unreadableAndOld) {
      // the holder is gone (or died before writing its name): the lock is stale; remove it and try again (another taker may win)
      await rm(lockFile, { force: true });
      continue;
    }
    if (Date.now() < until) {
      // busy for now: try again shortly, without counting it as a stale lock's takeover
      if (!waiting) options.onWait?.(holder ? `process ${holder.pid}` : "another process");
      waiting = true;
      await new Promise((done) => setTimeout(done, 50));
      attempt--;
      continue;
    }
    const who = holder
      ? `process ${holder.pid} on ${holder.host === me.host ? "this computer" : `host ${holder.host}`}${holder.since ? ` since ${holder.since}` : ""}`
      : "another process (its lock file could not be read)";
    throw new InputError([
      {
        file,
        message: `is in use by ${who}: another automation-fit is ${options.doing ?? "saving answers to it"}. Finish or stop that one first${options.instead ?? ", or save to another file (--save OTHER.yaml)"}. If no such process runs, remove ${lockFile}`,
      },
    ]);
  }
  throw new InputError([{ file, message: `cannot be locked: ${lockFile} keeps coming back; another process is taking it` }]);
}

function ownsLock(lockFile: string): boolean {
  try {
    return (JSON.parse(readFileSync(lockFile, "utf8")) as Holder).pid === process.pid;
  } catch {
    return false;
  }
}

async function readHolder(lockFile: string): Promise<Holder | undefined> {
  try {
    const data = JSON.parse(await readFile(lockFile, "utf8")) as Partial<Holder>;
    return typeof data.pid === "number" && typeof data.host === "string" ? (data as Holder) : undefined;
  } catch {
    return undefined;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, owned by someone else
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
