// Two app processes on one port (scripts/serve.js, WEB_CONCURRENCY=2) and one database: the sign-in limit counts the
// failures both processes saw (it lives in SQLite), and the background jobs run in exactly one live process, also
// after that process dies and is replaced. Every request goes on a fresh connection, so the primary hands them to
// the workers in turn; the request id (`w1-…`, `w2-…`) says which one answered.
import { expect, test } from '@playwright/test';
import http from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startBuiltServer, stopServer } from './fixtures';

const PORT = Number(process.env.E2E_PORT ?? 4173) + 3;
const base = `http://localhost:${PORT}`;

interface Answer {
	status: number;
	worker: string;
	retryAfter: string | undefined;
	body: string;
}

/** One request on its own connection (no keep-alive: the next one may go to the other process). */
function send(method: 'GET' | 'POST', path: string, body = '', headers: Record<string, string> = {}): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const req = http.request(
			`${base}${path}`,
			{ method, agent: false, headers: { accept: 'text/html', ...(body ? { origin: base, 'content-type': 'application/x-www-form-urlencoded' } : {}), ...headers } },
			(res) => {
				let text = '';
				res.on('data', (d) => (text += d));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						worker: /^(w\d+)-/.exec(String(res.headers['x-request-id'] ?? ''))?.[1] ?? '',
						retryAfter: res.headers['retry-after'] as string | undefined,
						body: text
					})
				);
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

/** Health checks until both workers have answered (worker 2 starts once worker 1 listens). */
async function bothWorkersUp() {
	await expect
		.poll(async () => {
			const seen = new Set<string>();
			for (let i = 0; i < 6; i++) seen.add((await send('GET', '/healthz')).worker);
			return [...seen].sort().join(',');
		}, { timeout: 60_000 })
		.toBe('w1,w2');
}

const jobLines = (output: string) => [...output.matchAll(/app worker (\d+) \(pid (\d+)\): background jobs run in this process/g)].map((m) => ({ worker: m[1], pid: Number(m[2]) }));

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

test('two app processes share the sign-in limit and run the background jobs in exactly one process', async () => {
	test.setTimeout(180_000);
	const dbPath = join(mkdtempSync(join(tmpdir(), 'callcraft-cluster-')), 'cluster.db');
	const server = await startBuiltServer(
		PORT,
		dbPath,
		// Shedding off as for the shared test server (lag, and time spent waiting for the app: on a busy test box a
		// request can wait past the default 250 ms and would be refused 503 where this test expects exact statuses).
		{ WEB_CONCURRENCY: '2', SEED_DEMO: 'false', SPEECH_DISABLED: '1', SHED_LAG_MS: '0', SHED_QUEUE_MS: '60000', ADDRESS_HEADER: 'x-forwarded-for', XFF_DEPTH: '1' },
		'serve.js'
	);
	try {
		await bothWorkersUp();

		// Five failed sign-ins from one address, answered by both processes in turn; the sixth is refused (429) by
		// whichever process gets it, even with other credentials.
		const address = { 'x-forwarded-for': '198.51.100.23' };
		const failures: Answer[] = [];
		for (let i = 0; i < 5; i++) failures.push(await send('POST', '/login', `email=nobody%40cluster.test&password=wrong-password-${i}`, address));
		expect(failures.map((a) => a.status)).toEqual([400, 400, 400, 400, 400]);
		expect(new Set(failures.map((a) => a.worker)), 'both processes counted failures').toEqual(new Set(['w1', 'w2']));
		const refused = [await send('POST', '/login', 'email=someone-else%40cluster.test&password=another-password', address)];
		refused.push(await send('POST', '/login', 'email=someone-else%40cluster.test&password=another-password', address));
		expect(refused.map((a) => a.status)).toEqual([429, 429]);
		expect(new Set(refused.map((a) => a.worker))).toEqual(new Set(['w1', 'w2']));
		for (const a of refused) {
			expect(Number(a.retryAfter)).toBeGreaterThan(0);
			expect(a.body).toContain('Too many failed sign-in attempts');
		}
		// Another address is not affected.
		expect((await send('POST', '/login', 'email=nobody%40cluster.test&password=wrong-password-x', { 'x-forwarded-for': '198.51.100.24' })).status).toBe(400);

		// Background jobs: one process of the two.
		const [jobs, ...others] = jobLines(server.output());
		expect(others).toEqual([]);
		expect(jobs.worker).toBe('1');
		expect(alive(jobs.pid)).toBe(true);

		// That process dies: its replacement takes the jobs over; the other process never ran them.
		process.kill(jobs.pid, 'SIGKILL');
		await expect.poll(() => jobLines(server.output()).length, { timeout: 60_000 }).toBe(2);
		const replacement = jobLines(server.output())[1];
		expect(replacement.worker).toBe('1');
		expect(replacement.pid).not.toBe(jobs.pid);
		expect(alive(jobs.pid)).toBe(false);
		expect(alive(replacement.pid)).toBe(true);
		await bothWorkersUp();
		// The limit is in the database, so the new process refuses the address too.
		const again = [await send('POST', '/login', 'email=nobody%40cluster.test&password=x-password-1', address)];
		again.push(await send('POST', '/login', 'email=nobody%40cluster.test&password=x-password-1', address));
		expect(again.map((a) => a.status)).toEqual([429, 429]);
		expect(server.output()).not.toMatch(/Error:|SQLITE_BUSY/);
	} finally {
		expect(await stopServer(server.child)).toBe(0);
	}
});
