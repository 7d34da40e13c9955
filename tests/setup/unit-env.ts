// Each unit-test file gets its own fresh SQLite file (migrated on first import of the db module).
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

if (!process.env.CALLCRAFT_KEEP_DB) {
	process.env.DATABASE_PATH = join(mkdtempSync(join(tmpdir(), 'callcraft-unit-')), 'test.db');
}
process.env.MODELS_DIR ??= join(process.cwd(), '..', 'shared', 'models');
