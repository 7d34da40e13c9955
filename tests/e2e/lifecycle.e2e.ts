// The server's life cycle as an operator sees it: first start seeds once, a second start adds nothing,
// SIGTERM closes the database cleanly (WAL checkpointed and removed).
import { test, expect } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { startBuiltServer, stopServer } from './fixtures';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 9;

test('seeds the demo once, prints the logins, and closes the database cleanly on SIGTERM', async () => {
	test.setTimeout(180_000);
	const dbPath = join(mkdtempSync(join(tmpdir(), 'callcraft-life-')), 'life.db');

	const first = await startBuiltServer(PORT, dbPath);
	expect(first.output()).toContain('admin@callcraft.demo');
	expect(await stopServer(first.child), first.output()).toBe(0);
	expect(existsSync(dbPath + '-wal'), `the WAL file was left behind; the server printed:\n${first.output()}`).toBe(false);

	const second = await startBuiltServer(PORT, dbPath);
	expect(await stopServer(second.child)).toBe(0);

	const db = new Database(dbPath, { readonly: true });
	const users = db.prepare("select count(*) as n from users where email like '%@callcraft.demo'").get() as { n: number };
	const cohorts = db.prepare('select count(*) as n from cohorts').get() as { n: number };
	const check = db.prepare('pragma integrity_check').get() as { integrity_check: string };
	db.close();
	expect(users.n).toBe(9);
	expect(cohorts.n).toBe(2);
	expect(check.integrity_check).toBe('ok');
});
