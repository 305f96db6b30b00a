// Preloaded (node --import) into the CLI by the full-disk tests: while the file named by AUTOMATION_FIT_TEST_DISK_FULL
// exists, every file write but a lock file's fails with ENOSPC, as on a full disk. Deleting the file frees the "disk".
import { existsSync } from "node:fs";
import { open } from "node:fs/promises";

const marker = process.env.AUTOMATION_FIT_TEST_DISK_FULL;
if (!marker) throw new Error("full-disk.mjs: set AUTOMATION_FIT_TEST_DISK_FULL");
const probe = await open(new URL(import.meta.url), "r");
const FileHandle = Object.getPrototypeOf(probe);
await probe.close();
const writeFile = FileHandle.writeFile;
FileHandle.writeFile = function (data, ...rest) {
  if (existsSync(marker) && !String(data).startsWith('{"pid"')) {
    const error = new Error("ENOSPC: no space left on device, write");
    error.code = "ENOSPC";
    error.errno = -28;
    error.syscall = "write";
    return Promise.reject(error);
  }
  return writeFile.call(this, data, ...rest);
};
