#!/usr/bin/env node
// CommonJS on purpose: it skips Node's ESM loader, a tenth of `--help`'s start-up.
require("../dist/cli.cjs");
