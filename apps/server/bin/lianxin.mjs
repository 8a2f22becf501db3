#!/usr/bin/env node
// The `lianxin` command. The server is TypeScript run through tsx's loader, so the
// repository runs as checked out, with no build step for the server.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
await main(process.argv);
