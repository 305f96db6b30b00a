// The one write helper every output uses (--out, the interview's save file, init, the saved report).
// Our own rather than write-file-atomic: its ^7 (the last for Node 20) appends a long number to the temp name (a valid
// 249-character name then fails with ENAMETOOLONG), and it follows a symlink onto a FIFO or device and replaces that;
// the checks below (regular file or absent, not an input of this run) would be ours either way, and what is left is a few lines.
import type { Stats } from "node:fs";
import { realpathSync, statSync } from "node:fs";
import { access, constants, lstat, open, readlink, rename, rm, stat } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { InputError } from "../errors.js";

/** Why a file must not be replaced by an output of this run. */
type Role = "input" | "save";

/** Per role, the keys (keysOf) of the files marked with it: a key is a short string, as a team folder may hold 100,000 inputs. */
const roles: Record<Role, Set<string>> = { input: new Set(), save: new Set() };

/** A file's identities: its canonical path and, when it exists, its device and inode (the same file under another name). */
function keysOf(file: string, info: Stats | undefined = statOrUndefined(file)): string[] {
  const keys = [`path:${canonical(file)}`];
  if (info) keys.push(`ino:${info.dev}:${info.ino}`);
  return keys;
}

function statOrUndefined(file: string): Stats | undefined {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

/** The absolute path with the folder's symlinks resolved (the file itself may not exist yet). */
function canonical(file: string): string {
  const absolute = resolve(file);
  try {
    return realpathSync(absolute);
  } catch {
    try {
      return join(realpathSync(dirname(absolute)), basename(absolute));
    } catch {
      return absolute;
    }
  }
}

function mark(file: string, role: Role, info?: Stats): void {
  for (const key of keysOf(file, info)) roles[role].add(key);
}

/** Records a file this run reads: no output of the run may replace it. `info` is its stat (it identifies hard links too). */
export function noteInput(file: string, info?: Stats): void {
  // With its stat, the file's identity is enough (an output can only replace a file that exists, and is stat'ed): no
  // realpath, an lstat per folder of the path, for each of 100,000 answers files, and one key each, not two.
  if (!info) mark(file, "input");
  else {
    roles.input.add(`ino:${info.dev}:${info.ino}`);
  }
}

/**
 * Records the interview's save file: only the save itself may write it. A file resumed from is both read and saved to:
 * `resumed` lifts its input mark, since saving to it is the point.
 */
export function noteSaveFile(file: string, { resumed = false }: { resumed?: boolean } = {}): void {
  if (resumed) for (const key of keysOf(file)) roles.input.delete(key);
  mark(file, "save");
}

/** Forgets every mark (tests run several commands in one process). */
export function forgetMarks(): void {
  roles.input.clear();
  roles.save.clear();
}

function rolesOf(file: string, info?: Stats): Set<Role> {
  const found = new Set<Role>();
  for (const key of keysOf(file, info)) for (const role of ["input", "save"] as const) if (roles[role].has(key)) found.add(role);
  return found;
}

export interface WriteOptions {
  /** Replace an existing file. */
  force?: boolean;
  /** This write is the interview's save: the save file may be written, nothing else protected. */
  save?: boolean;
}

/** Where a write lands: the file itself, or the file a symlink points to (written through, the link kept). */
export interface Target {
  path: string;
  /** The file being replaced, if there is one. */
  existing?: Stats;
}

const MAX_LINKS = 40;

/** Follows symlinks, also to a target that does not exist yet. */
async function followLinks(file: string): Promise<string> {
  let path = resolve(file);
  for (let i = 0; i < MAX_LINKS; i++) {
    const info = await lstat(path).catch(() => undefined);
    if (!info?.isSymbolicLink()) return path;
    path = resolve(dirname(path), await readlink(path));
  }
  throw new InputError([{ file, message: "could not be written: too many levels of symbolic links" }]);
}

const refuse = (file: string, message: string) => new InputError([{ file, message: `${message}; nothing was changed` }]);

/**
 * Checks that `file` may be written, before any work is done (an interview checks its outputs before the first question):
 * a regular file or absent, not a folder, device, FIFO or socket (nor a link to one), not an input of this run, replaced only
 * with `force`, in a folder that exists and is writable.
 */
export async function checkTarget(file: string, options: WriteOptions = {}): Promise<Target> {
  const path = await followLinks(file);
  const via = path === resolve(file) ? "" : ` (a link to ${path})`;
  let existing: Stats | undefined;
  try {
    existing = await stat(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== "ENOENT") throw refuse(file, `could not be written${via}: ${failure(error, path)}`);
  }
  if (existing?.isDirectory()) throw refuse(file, `is a folder${via}; name a file to write`);
  if (existing && !existing.isFile()) throw refuse(file, `is not a regular file${via} (a device, FIFO or socket) and is never replaced; name a regular file`);
  const found = rolesOf(path, existing);
  if (found.has("input")) throw refuse(file, `is an input of this run${via}; an output never replaces an input: choose another file`);
  if (found.has("save") && !options.save) throw refuse(file, `is the interview's save file${via}; choose another file for this output`);
  if (existing && !options.force && !options.save) throw new InputError([{ file, message: `already exists${via}; add --force to replace it, or choose another file` }]);
  const folder = dirname(path);
  const folderInfo = await stat(folder).catch((error: unknown) => {
    throw refuse(file, `could not be written: ${failure(error, folder)}`);
  });
  if (!folderInfo.isDirectory()) throw refuse(file, `could not be written: ${folder} is not a folder`);
  await access(folder, constants.W_OK).catch((error: unknown) => {
    throw refuse(file, `could not be written: ${failure(error, folder)}`);
  });
  return { path, ...(existing ? { existing } : {}) };
}

/** Writes `text` (or its pieces, in order) to `file` atomically: a short-named temp file beside the target, the replaced file's mode and owner, fsync, rename. */
export async function writeOutput(file: string, text: string | Iterable<string>, options: WriteOptions = {}): Promise<void> {
  const { path, existing } = await checkTarget(file, options);
  const folder = dirname(path);
  // Short on purpose: a name at the 255-byte limit must still have room for its temp file beside it.
  const temp = join(folder, `.af${process.pid.toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`);
  let made = false;
  try {
    const handle = await open(temp, "wx", existing ? 0o600 : 0o666);
    made = true;
    try {
      if (existing) {
        await handle.chmod(existing.mode & 0o7777);
        if (existing.uid !== process.getuid?.() || existing.gid !== process.getgid?.()) {
          // Only root may give a file away; anyone else writes it as their own, as any editor would.
          await handle.chown(existing.uid, existing.gid).catch(() => {});
          await handle.chmod(existing.mode & 0o7777);
        }
      }
      // writeFile at the handle's position: each piece after the last
      for (const piece of typeof text === "string" ? [text] : text) await handle.writeFile(piece, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    if (made) await rm(temp, { force: true }).catch(() => {});
    throw refuse(file, `could not be written: ${failure(error, folder)}`);
  }
  // The rename is durable once the folder is synced; not every file system allows it, and the data is safe either way.
  await open(folder, "r")
    .then(async (dir) => {
      await dir.sync().catch(() => {});
      await dir.close();
    })
    .catch(() => {});
}

/** What really failed, in words; `folder` is where the file goes. */
export function failure(error: unknown, folder: string): string {
  const code = (error as NodeJS.ErrnoException).code;
  switch (code) {
    case "ENOENT":
      return `its folder does not exist (${folder})`;
    case "ENOTDIR":
      return "a part of the path is a file, not a folder";
    case "EACCES":
    case "EPERM":
      return `permission denied: the folder ${folder} is not writable`;
    case "EROFS":
      return `${folder} is on a read-only file system`;
    case "ENOSPC":
      return "the disk is full (no space left on the device)";
    case "EDQUOT":
      return "the disk quota is used up";
    case "ENAMETOOLONG":
      return "the name is too long for the file system";
    case "EISDIR":
      return "it is a folder";
    case "ELOOP":
      return "too many levels of symbolic links";
    case "EIO":
      return "an input/output error on the device";
    default:
      return (error as Error).message ?? String(error);
  }
}

/** Whether anything is at `path` (a dangling symlink counts). */
export async function exists(path: string): Promise<boolean> {
  return lstat(path).then(
    () => true,
    () => false,
  );
}
