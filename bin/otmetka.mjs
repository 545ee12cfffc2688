#!/usr/bin/env node
// Entry of the `otmetka` command: runs the TypeScript sources through tsx (see docs/decisions/002).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/cli.ts');
await main(process.argv.slice(2));
