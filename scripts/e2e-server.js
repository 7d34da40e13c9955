// Server for Playwright: a fresh temp database per run, then the built app.
import { rmSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const dbPath = process.env.DATABASE_PATH;
if (!dbPath) throw new Error('DATABASE_PATH must be set for the e2e server');
mkdirSync(dirname(dbPath), { recursive: true });
for (const suffix of ['', '-wal', '-shm']) rmSync(dbPath + suffix, { force: true });
// The build under test: `npm test` builds into its own folder (CALLCRAFT_BUILD_DIR), not the build/ of `npm start`.
await import(pathToFileURL(resolve(process.env.CALLCRAFT_BUILD_DIR || 'build', 'index.js')).href);
