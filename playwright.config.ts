import { defineConfig, devices } from '@playwright/test';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Debian's Chromium when Playwright's own browser is not installed (this machine cannot download it).
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));
const executablePath = process.env.CHROMIUM_PATH ?? systemChromium;
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

export const chromiumArgs = [
	...(isRoot ? ['--no-sandbox'] : []),
	'--disable-gpu',
	'--disable-dev-shm-usage',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

const port = Number(process.env.E2E_PORT ?? 4173);
export const baseURL = `http://localhost:${port}`;
/** The e2e server's fresh database (tests that need fixture rows the app cannot create open it directly). */
export const databasePath = process.env.E2E_DATABASE_PATH ?? join(tmpdir(), `callcraft-e2e-${port}`, 'e2e.db');

export default defineConfig({
	testDir: 'tests/e2e',
	testMatch: /.*\.e2e\.ts/,
	outputDir: 'test-results',
	fullyParallel: false,
	workers: process.env.E2E_WORKERS ? Number(process.env.E2E_WORKERS) : 2,
	retries: 0,
	timeout: 90_000,
	expect: { timeout: 10_000 },
	reporter: process.env.PW_JSON_OUTPUT ? [['list'], ['json', { outputFile: process.env.PW_JSON_OUTPUT }]] : [['list']],
	use: {
		baseURL,
		trace: 'off',
		screenshot: 'only-on-failure',
		// adapter-node reads the client address from this header in tests (ADDRESS_HEADER), so the rate-limit
		// tests can act as distinct clients; all other tests share this one address.
		extraHTTPHeaders: { 'x-forwarded-for': '127.0.0.1' },
		launchOptions: { executablePath, args: chromiumArgs }
	},
	projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'], launchOptions: { executablePath, args: chromiumArgs } } }],
	webServer: {
		command: 'node scripts/e2e-server.js',
		url: `${baseURL}/healthz`,
		reuseExistingServer: false,
		timeout: 120_000,
		stdout: 'pipe',
		stderr: 'pipe',
		env: {
			PORT: String(port),
			ORIGIN: baseURL,
			DATABASE_PATH: databasePath,
			MODELS_DIR: process.env.MODELS_DIR ?? join(process.cwd(), '..', 'shared', 'models'),
			ADDRESS_HEADER: 'x-forwarded-for',
			XFF_DEPTH: '1',
			BODY_SIZE_LIMIT: '6M',
			// Lag-based shedding off for the shared test server: it shares two cores with Chromium and other suites,
			// where a stalled event loop is the test machine, not overload (tests/e2e/load-shed.e2e.ts covers shedding).
			SHED_LAG_MS: '0',
			NODE_ENV: 'production'
		}
	}
});
