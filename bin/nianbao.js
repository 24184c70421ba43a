#!/usr/bin/env node
// The command line entry point; the code is compiled from src/cli into lib/ by `npm run build:cli`
// (run automatically by `npm ci` / `npm install` through the prepare script).
"use strict";
let cli;
try {
  cli = require("../lib/cli/index.js");
} catch (e) {
  if (e && e.code === "MODULE_NOT_FOUND") {
    process.stderr.write("nianbao: 命令行尚未编译，请先运行 npm run build:cli（not built yet: run npm run build:cli）\n");
    process.exit(2);
  }
  throw e;
}
cli.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`nianbao: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 2;
  }
);
