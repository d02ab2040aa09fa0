#!/usr/bin/env node
// Committed entry for the `dbupgrade-mock` bin, so installs can link it before `dist/` is built.
await import("../dist/cli.js");
