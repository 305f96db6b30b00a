// Bytes to text for every file reader: UTF-8 (with or without a byte-order mark), UTF-16 (with a byte-order mark, or
// told from its NUL bytes without one), and Windows-1252 for bytes that are not UTF-8. Anything but plain UTF-8 is said in a notice naming the encoding.
import { isUtf8 } from "node:buffer";
import { createReadStream, type Stats } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { type Loaded, type Problem, readFailure } from "../errors.js";
import { say, terminalSafe } from "../text.js";
import { noteInput } from "./write.js";

export type Encoding = "UTF-8" | "UTF-16LE" | "UTF-16BE" | "Windows-1252";

export interface Decoded {
  text: string;
  encoding: Encoding;
  /** Set when the encoding is not plain UTF-8: what was read and how, to be shown to the user. */
  notice?: string;
}

/** Decodes a file's bytes; `problem` instead when they are no text (NUL bytes that are not UTF-16's). */
export function decode(bytes: Uint8Array, file: string): Decoded | { problem: string } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, file, "UTF-16LE", 2);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, file, "UTF-16BE", 2);
  const start = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const body = bytes.subarray(start);
  if (body.includes(0)) {
    const order = start ? undefined : utf16WithoutBom(body);
    return order ? utf16(body, file, order, 0) : { problem: "is not a text file (it holds NUL bytes)" };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(body), encoding: "UTF-8" };
  } catch {
    // Not UTF-8: most likely a Western European file from Excel or Notepad. Every byte means something in Windows-1252.
    return {
      text: windows1252(body),
      encoding: "Windows-1252",
      notice: `${file} is not UTF-8; it was read as Windows-1252 (Western European). If any letters look wrong, save it as UTF-8`,
    };
  }
}

// Bytes 0x80-0x9F of Windows-1252 ("€", "‘", "’", "–"...); 0x81, 0x8D, 0x8F, 0x90, 0x9D are unassigned and stay as they are.
const CP1252_HIGH = "€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ";

// TextDecoder("windows-1252") in Node 20 decodes as ISO-8859-1 (0x80-0x9F become C1 controls, nodejs/node#56542): mend that range.
function windows1252(bytes: Uint8Array): string {
  return new TextDecoder("windows-1252").decode(bytes).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

/** UTF-16 text after a byte-order mark of `bom` bytes (2), or without one (0): the notice names the byte order either way. */
function utf16(bytes: Uint8Array, file: string, encoding: "UTF-16LE" | "UTF-16BE", bom: 0 | 2): Decoded | { problem: string } {
  const name = `${encoding.replace("LE", " little-endian").replace("BE", " big-endian")}${bom ? "" : " without a byte-order mark"}`;
  try {
    const text = new TextDecoder(DECODER_LABELS[encoding], { fatal: true, ignoreBOM: true }).decode(bytes.subarray(bom));
    if (text.includes("\u0000")) return { problem: `is not a text file (it holds NUL characters in ${encoding})` };
    return { text, encoding, notice: `${file} is ${name}; it was read as such (UTF-8 is preferred)` };
  } catch {
    return { problem: `looks like ${name} but is not valid ${encoding}; save it as UTF-8` };
  }
}

/**
 * The byte order of UTF-16 text without a byte-order mark, told from where its NUL bytes fall in the first 200 bytes
 * (the heuristic of Windows' IsTextUnicode and of file(1)): a character below U+0100, as Latin text is written, is a NUL
 * byte and its code, so NULs fill the high byte of every such pair (odd offsets: little-endian; even: big-endian). Text
 * files hold no NULs, and a binary file has them at both offsets; so NULs at one offset only, in a quarter of the bytes
 * at least, is UTF-16. Text mostly above U+00FF (CJK) is not told this way; it needs its byte-order mark.
 */
function utf16WithoutBom(bytes: Uint8Array): "UTF-16LE" | "UTF-16BE" | undefined {
  const n = Math.min(bytes.length, 200) & ~1;
  if (n < 4) return undefined;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i++) if (bytes[i] === 0) i % 2 ? odd++ : even++;
  if (Math.min(even, odd) > 0 || Math.max(even, odd) < n / 4) return undefined;
  return odd ? "UTF-16LE" : "UTF-16BE";
}

const said = new Set<string>();

/** Shows a decoding notice once per file, on stderr (stdout carries results). */
export function sayNotice(notice: string | undefined): void {
  if (!notice || said.has(notice)) return;
  said.add(notice);
  say(`note: ${terminalSafe(notice)}`);
}

export interface ReadOptions {
  maxBytes: number;
  /** What the file should be, for messages: "a YAML or JSON file", "a CSV file". */
  kind: string;
}

/**
 * Reads a text file for the loaders: a regular file (not a folder, device or FIFO) under the size cap, decoded and marked
 * as an input of this run (no output may replace it). Problems come back, never thrown; a decoding notice is shown.
 */
export async function readText(file: string, { maxBytes, kind }: ReadOptions): Promise<{ text?: string; problems: Problem[]; info?: Stats }> {
  let bytes: Uint8Array;
  let info: Stats;
  try {
    info = await stat(file);
    if (info.isDirectory()) return { problems: [{ file, message: `is a folder; name ${kind}` }] };
    if (!info.isFile()) return { problems: [{ file, message: `is not a regular file (a device, pipe or socket); name ${kind}` }] };
    if (info.size > maxBytes) {
      return { problems: [{ file, message: `is ${(info.size / 1024 / 1024).toFixed(1)} MB; files over ${maxBytes / 1024 / 1024} MB are refused` }] };
    }
    bytes = await readFile(file);
  } catch (error) {
    return { problems: [{ file, message: readFailure(error) }] };
  }
  noteInput(file, info);
  const decoded = decode(bytes, file);
  if ("problem" in decoded) return { problems: [{ file, message: `${decoded.problem}; name ${kind}` }], info };
  sayNotice(decoded.notice);
  return { text: decoded.text, problems: [], info };
}

/**
 * A file's encoding for a streamed read (a survey export of a million rows is never held whole): a byte-order mark,
 * else UTF-16 told by its NUL bytes (utf16WithoutBom), else UTF-8 when the whole file is (checked a chunk at a time), else Windows-1252, as decode() tells them.
 */
export async function fileEncoding(file: string): Promise<{ encoding: Encoding; bom: boolean } | { problem: string }> {
  let carried: Buffer = Buffer.alloc(0);
  let first = true;
  for await (const read of createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
    if (first) {
      first = false;
      if (read[0] === 0xff && read[1] === 0xfe) return { encoding: "UTF-16LE", bom: true };
      if (read[0] === 0xfe && read[1] === 0xff) return { encoding: "UTF-16BE", bom: true };
      if (read.includes(0)) {
        const order = utf16WithoutBom(read);
        return order ? { encoding: order, bom: false } : { problem: "is not a text file (it holds NUL bytes)" };
      }
    } else if (read.includes(0)) return { problem: "is not a text file (it holds NUL bytes)" };
    const chunk = carried.length ? Buffer.concat([carried, read]) : read;
    const whole = chunk.length - incompleteTail(chunk);
    if (!isUtf8(chunk.subarray(0, whole))) return { encoding: "Windows-1252", bom: false };
    carried = chunk.subarray(whole);
  }
  return carried.length ? { encoding: "Windows-1252", bom: false } : { encoding: "UTF-8", bom: false };
}

/** How many bytes at the end begin a UTF-8 sequence that the next chunk completes. */
function incompleteTail(bytes: Uint8Array): number {
  for (let back = 1; back <= Math.min(3, bytes.length); back++) {
    const byte = bytes[bytes.length - back]!;
    if (byte < 0x80) return 0;
    if (byte >= 0xc0) return (byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : 2) > back ? back : 0;
  }
  return 0;
}

const DECODER_LABELS: Record<Encoding, string> = { "UTF-8": "utf-8", "UTF-16LE": "utf-16le", "UTF-16BE": "utf-16be", "Windows-1252": "windows-1252" };

/** A file's text a chunk at a time (its byte-order mark dropped); at most one chunk of bytes in memory. */
export async function* decodedChunks(file: string, encoding: Encoding): AsyncGenerator<string> {
  const decoder = new TextDecoder(DECODER_LABELS[encoding]);
  const mend = (text: string) => (encoding === "Windows-1252" ? text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!) : text);
  // 64 KB, not 1 MB: a 1M-row survey then peaks at about 120 MB, not 200 (shorter strings die young, in V8's young generation)
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 16 }) as AsyncIterable<Buffer>) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield mend(text);
  }
  const rest = decoder.decode();
  if (rest) yield mend(rest);
}

/** The names in a folder; a folder that cannot be read (permission denied) is bad input, exit 2, not an unexpected error (F6). */
export async function listFolder(folder: string): Promise<Loaded<string[]>> {
  try {
    return { value: await readdir(folder), problems: [] };
  } catch (error) {
    return { problems: [{ file: folder, message: `${readFailure(error)} (a folder)` }] };
  }
}
