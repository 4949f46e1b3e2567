#!/usr/bin/env node
// The CLI is written in TypeScript and run by Node's built-in type stripping (Node >= 24).
import './require-node24.js';

await import('../src/cli/main.ts');
