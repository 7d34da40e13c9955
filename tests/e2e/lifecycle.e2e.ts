// The server's life cycle as an operator sees it: first start seeds once, a second start adds nothing,
// SIGTERM closes the database cleanly (WAL checkpointed and removed).
import { test, expect } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 9;

async function startServer(dbPath: string) {
	const child = spawn(process.execPath, [join(process.env.CALLCRAFT_BUILD_DIR || 'build', 'index.js')], {
		env: { ...process.env, PORT: String(PORT), ORIGIN: `http://localhost:${PORT}`, DATABASE_PATH: dbPath, NODE_ENV: 'production' },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	let output = '';
	child.stdout.on('data', (d) => (output += d));
	child.stderr.on('data', (d) => (output += d));
	const deadline = Date.now() + 60_000;
	while (Date.now() < deadline) {
		try {
			const res = await fetch(`http://localhost:${PORT}/healthz`);
			if (res.ok) return { child, output: () => output };
		} catch {
			/* not up yet */
		}
		await new Promise((r) => setTimeout(r, 250));
	}
	child.kill('SIGKILL');
	throw new Error(`server did not start:\n${output}`);
}

function stop(child: ReturnType<typeof spawn>): Promise<number | null> {
	return new Promise((resolve) => {
		child.once('exit', (code) => resolve(code));
		child.kill('SIGTERM');
	});
}

test('seeds the demo once, prints the logins, and closes the database cleanly on SIGTERM', async () => {
	test.setTimeout(180_000);
	const dbPath = join(mkdtempSync(join(tmpdir(), 'callcraft-life-')), 'life.db');

	const first = await startServer(dbPath);
	expect(first.output()).toContain('admin@callcraft.demo');
	expect(await stop(first.child)).toBe(0);
	expect(existsSync(dbPath + '-wal')).toBe(false);

	const second = await startServer(dbPath);
	expect(await stop(second.child)).toBe(0);

	const db = new Database(dbPath, { readonly: true });
	const users = db.prepare("select count(*) as n from users where email like '%@callcraft.demo'").get() as { n: number };
	const cohorts = db.prepare('select count(*) as n from cohorts').get() as { n: number };
	const check = db.prepare('pragma integrity_check').get() as { integrity_check: string };
	db.close();
	expect(users.n).toBe(9);
	expect(cohorts.n).toBe(2);
	expect(check.integrity_check).toBe('ok');
});
