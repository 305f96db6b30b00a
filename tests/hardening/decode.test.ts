import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decode } from "../../src/io/decode.js";
import { fixture, tempDir, runInProcess } from "../cli/run.js";

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));

describe("bytes to text, the encoding said (F12, F13)", () => {
  it("reads UTF-8 with and without a byte-order mark, and says nothing", async () => {
    expect(decode(bytes("Café"), "f")).toEqual({ text: "Café", encoding: "UTF-8" });
    expect(decode(bytes([0xef, 0xbb, 0xbf], "Café"), "f")).toEqual({ text: "Café", encoding: "UTF-8" });
  });

  it("reads Windows-1252 (and Latin-1) where the bytes are not UTF-8, and says so", async () => {
    const read = decode(bytes("Caf", [0xe9, 0x20, 0x80]), "f.yaml");
    expect(read).toMatchObject({ text: "Café €", encoding: "Windows-1252" });
    expect((read as { notice: string }).notice).toContain("f.yaml is not UTF-8; it was read as Windows-1252");
  });

  it("reads UTF-16 with a byte-order mark, both byte orders, and says so", async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("Café: 1\n", "utf16le")]);
    const be = Buffer.from(le).swap16();
    expect(decode(le, "f")).toMatchObject({ text: "Café: 1\n", encoding: "UTF-16LE", notice: "f is UTF-16 little-endian; it was read as such (UTF-8 is preferred)" });
    expect(decode(be, "f")).toMatchObject({ text: "Café: 1\n", encoding: "UTF-16BE" });
  });

  it("reads UTF-16 without a byte-order mark, its byte order told by where the NUL bytes fall, and says so", () => {
    // "Name<TAB>Zoë<CR><LF>" as a BOM-less little-endian save writes it: each character, then its high byte (0)
    const le = bytes([0x4e, 0, 0x61, 0, 0x6d, 0, 0x65, 0, 0x09, 0, 0x5a, 0, 0x6f, 0, 0xeb, 0, 0x0d, 0, 0x0a, 0]);
    expect(decode(le, "f.txt")).toEqual({
      text: "Name\tZoë\r\n",
      encoding: "UTF-16LE",
      notice: "f.txt is UTF-16 little-endian without a byte-order mark; it was read as such (UTF-8 is preferred)",
    });
    expect(decode(Buffer.from(le).swap16(), "f.txt")).toMatchObject({ text: "Name\tZoë\r\n", encoding: "UTF-16BE", notice: expect.stringContaining("big-endian without") });
    // a character past U+00FF (the euro sign, 0x20AC) has no NUL byte: the rest still tells
    expect(decode(Buffer.from("answers: {}\n€ 5\n", "utf16le"), "f")).toMatchObject({ text: "answers: {}\n€ 5\n", encoding: "UTF-16LE" });
  });

  it("refuses binary: NUL bytes at both offsets, too few of them, or a U+0000 character", () => {
    expect(decode(bytes([1, 0, 0, 0, 7, 200, 0, 3]), "f")).toEqual({ problem: "is not a text file (it holds NUL bytes)" });
    expect(decode(bytes("a long line of text with one NUL", [0], "in it"), "f")).toEqual({ problem: "is not a text file (it holds NUL bytes)" });
    expect(decode(bytes([0x41, 0, 0x42, 0, 0x43, 0, 0, 0]), "f")).toEqual({ problem: "is not a text file (it holds NUL bytes)" });
    // half a surrogate pair (0xD801) at the end
    expect(decode(bytes([0x41, 0, 0x42, 0, 0x43, 0, 0x44, 0, 0x01, 0xd8]), "f")).toEqual({
      problem: "looks like UTF-16 little-endian without a byte-order mark but is not valid UTF-16LE; save it as UTF-8",
    });
  });

  it("a Windows-1252 answers file gets its accents and a notice, through the CLI", async () => {
    const file = join(tempDir(), "cafe.yaml");
    writeFileSync(file, bytes("client: Caf", [0xe9], "\nanswers:\n  auto-pay: yes\n"));
    const r = await runInProcess(["report", file, "--questions", fixture("mini"), "--format", "json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).client).toBe("Café");
    expect(r.stderr).toBe(`note: ${file} is not UTF-8; it was read as Windows-1252 (Western European). If any letters look wrong, save it as UTF-8\n`);
  });

  it("a UTF-16 answers file and CSV are read, through the CLI", async () => {
    const dir = tempDir();
    const yaml = join(dir, "a.yaml");
    writeFileSync(yaml, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("client: Café\nanswers:\n  auto-pay: yes\n", "utf16le")]));
    const r = await runInProcess(["report", yaml, "--questions", fixture("mini"), "--format", "json"]);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).client).toBe("Café");
    expect(r.stderr).toContain("is UTF-16 little-endian");
    const csv = join(dir, "survey.csv");
    writeFileSync(csv, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from("respondent,auto-pay\nAnn,yes\nBob,no\n", "utf16le")]));
    const team = await runInProcess(["report", csv, "--questions", fixture("mini"), "--format", "json"]);
    expect(team.status).toBe(0);
    expect(team.stderr).toMatch(/note: .*survey\.csv: UTF-16 LE/);
  });
});
