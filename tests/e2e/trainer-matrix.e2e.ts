// The trainer home's cohort matrix a page of trainees at a time: a cohort of 25 on a server of its own, the trainer
// pages through it with the matrix's own links, which open at the cohort and keep the other cohort's page.
import { expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { loginAs, startBuiltServer, stopServer } from './fixtures';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 11;
const ORIGIN = `http://localhost:${PORT}`;

test('a trainer pages through a large cohort’s matrix, 20 trainees at a time by name', async ({ page }) => {
	test.setTimeout(120_000);
	const dbPath = join(mkdtempSync(join(tmpdir(), 'callcraft-matrix-')), 'matrix.db');
	const server = await startBuiltServer(PORT, dbPath, { SPEECH_DISABLED: '1' });
	try {
		// 20 more trainees in priya's North team (3 already): 23, two pages. Names sort after the demo trainees'.
		const db = new Database(dbPath);
		db.pragma('busy_timeout = 5000');
		const { id: north } = db.prepare("select id from cohorts where name = 'North team'").get() as { id: number };
		const hash = (db.prepare("select password_hash as h from users where email = 'alex@callcraft.demo'").get() as { h: string }).h;
		const addUser = db.prepare('insert into users (email, name, password_hash, cohort_id, created_at) values (?, ?, ?, ?, ?)');
		const addRole = db.prepare("insert into user_roles (user_id, role) values (?, 'trainee')");
		db.transaction(() => {
			for (let i = 1; i <= 20; i++) {
				const { lastInsertRowid } = addUser.run(`zed${i}@matrix.test`, `Zed Member ${String(i).padStart(2, '0')}`, hash, north, Date.now());
				addRole.run(lastInsertRowid);
			}
		})();
		db.close();

		await loginAs(page, 'priya', '/', ORIGIN);

		const section = page.locator('section', { has: page.getByRole('heading', { name: 'North team: progress matrix' }) });
		const names = () => section.locator('table.matrix tbody th[scope="row"]').allTextContents();
		await expect(section.getByTestId('matrix-rows-shown')).toHaveText('Trainees 1–20 of 23, by name');
		const first = await names();
		expect(first).toHaveLength(20);
		expect(first).toEqual([...first].sort((a, b) => a.localeCompare(b)));

		const pager = section.getByRole('navigation', { name: 'Pages of North team’s trainees' });
		await pager.getByRole('link', { name: 'Next' }).click();
		await expect(page).toHaveURL(/[?&]rows\d+=2#cohort-\d+$/);
		await expect(section.getByTestId('matrix-rows-shown')).toHaveText('Trainees 21–23 of 23, by name');
		const second = await names();
		expect(second).toEqual(['Zed Member 18', 'Zed Member 19', 'Zed Member 20']);
		expect(first).not.toContain(second[0]);
		// The KPI table lists the same page of trainees; the other cohort's section is unchanged by this page.
		await expect(section.locator('table.small tbody tr')).toHaveCount(3);
		await page.screenshot({ path: 'test-results/trainer-matrix/page-2-1280.png', fullPage: true });

		await pager.getByRole('link', { name: 'Previous' }).click();
		await expect(section.getByTestId('matrix-rows-shown')).toHaveText('Trainees 1–20 of 23, by name');
		expect(await names()).toEqual(first);
	} finally {
		await stopServer(server.child);
	}
});
