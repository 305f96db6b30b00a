import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { shellQuote } from "../../src/text.js";
import { tempDir, userEnv } from "./run.js";

export const hasTmux = spawnSync("tmux", ["-V"]).status === 0;

/**
 * Real terminals for tests: a tmux server on a socket of its own, in a temp folder, with no user config, so a test neither
 * sees nor touches the user's sessions. `close()` ends the server.
 */
export function tmuxServer() {
  const socketDir = tempDir();
  const TMUX = ["-S", join(socketDir, "tmux.sock"), "-f", "/dev/null"];

  function tmux(...args: string[]): string {
    const r = spawnSync("tmux", [...TMUX, ...args], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(`tmux ${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
  }

  /**
   * Starts `shellCommand` in a fresh terminal (100x40 unless told); the shell then records the exit code in `exitFile`, runs
   * `after` (a shell command to look at the terminal with, like `stty -a > stty.txt;`) and stays open for capture.
   */
  function start(session: string, dir: string, shellCommand: string, exitFile: string, { after = "", columns = 100, rows = 40 } = {}): void {
    const env = userEnv();
    const line = `cd ${shellQuote(dir)} && ${shellCommand}; echo EXIT=$? > ${exitFile}; ${after} sleep 120`;
    const r = spawnSync("tmux", [...TMUX, "new-session", "-d", "-x", String(columns), "-y", String(rows), "-s", session, line], {
      encoding: "utf8",
      env: { ...env, TERM: "xterm-256color", LANG: "C.UTF-8" },
    });
    if (r.status !== 0) throw new Error(`tmux new-session: ${r.stderr}`);
  }

  /** The terminal's text, scrollback included, wrapped lines joined. */
  const screen = (session: string) => tmux("capture-pane", "-p", "-J", "-S", "-300", "-t", session);
  /** The terminal's text as shown, lines the terminal wrapped left apart. */
  const raw = (session: string) => tmux("capture-pane", "-p", "-S", "-300", "-t", session);
  const keys = (session: string, ...k: string[]) => tmux("send-keys", "-t", session, ...k);
  const type = (session: string, text: string) => tmux("send-keys", "-t", session, "-l", text);

  async function until<T>(what: string, probe: () => T | undefined | false, session: string, ms = 15_000): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const found = probe();
      if (found) return found;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${screen(session)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Waits until the open prompt (the last line starting "? ", and what follows) shows `text`; returns the whole screen, whitespace runs as one space. */
  const prompt = (session: string, text: string) =>
    until(
      `a prompt with "${text}"`,
      () => {
        const s = screen(session);
        const open = s.slice(Math.max(0, s.lastIndexOf("\n? ") + 1));
        return open.startsWith("? ") && open.includes(text) && s.replace(/\s+/g, " ");
      },
      session,
    );

  const exited = (session: string, dir: string, exitFile: string) =>
    until(`${exitFile}`, () => existsSync(join(dir, exitFile)) && readFileSync(join(dir, exitFile), "utf8").trim(), session);

  const close = () => {
    spawnSync("tmux", [...TMUX, "kill-server"]);
    rmSync(socketDir, { recursive: true, force: true });
  };

  return { tmux, start, screen, raw, keys, type, until, prompt, exited, close };
}
