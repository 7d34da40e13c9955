// `npm test`: unit tests (vitest), a production build, then browser tests (Playwright in real Chromium).
// Ends with one line "N passed, N failed" summing all suites; exits non-zero if anything failed or did not run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ensureTestTools } from './ensure-test-tools.js';

const out = 'tests/.artifacts';
// Build where a running `npm start` (which serves build/) is not hurt.
process.env.CALLCRAFT_BUILD_DIR = join(out, 'build');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const node = process.execPath;
const run = (args, env = {}) => spawnSync(node, args, { stdio: 'inherit', env: { ...process.env, ...env } }).status ?? 1;

if (!ensureTestTools()) {
	console.log('0 passed, 1 failed');
	process.exit(1);
}

let passed = 0;
let failed = 0;
const problems = [];

// 0. Type and Svelte checks (counted as one test: zero errors and zero warnings), on freshly compiled messages
const messages = run(['scripts/compile-messages.js']);
if (messages !== 0) problems.push('messages/*.json did not compile');
const sync = run(['node_modules/@sveltejs/kit/svelte-kit.js', 'sync']);
const check = spawnSync(node, ['node_modules/svelte-check/bin/svelte-check', '--tsconfig', './tsconfig.json', '--threshold', 'warning', '--output', 'human'], { encoding: 'utf8' });
const checkOut = (check.stdout ?? '') + (check.stderr ?? '');
process.stdout.write(checkOut.split('\n').filter((l) => !/^Loading|^Getting/.test(l)).join('\n') + '\n');
if (messages === 0 && sync === 0 && check.status === 0) passed += 1;
else {
	failed += 1;
	problems.push('svelte-check found errors or warnings');
}

// 1. Unit tests
const vitestJson = join(out, 'vitest.json');
const unitStatus = run(['node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]);
if (existsSync(vitestJson)) {
	const r = JSON.parse(readFileSync(vitestJson, 'utf8'));
	passed += r.numPassedTests;
	failed += r.numFailedTests;
	// A test file that fails to load has no tests in the counts: count it as one failure.
	failed += (r.testResults ?? []).filter((f) => f.status === "failed" && (f.assertionResults ?? []).length === 0).length;
	if (r.numTotalTests === 0) problems.push('vitest ran no tests');
	// Name every failure at the end, where a CI log that keeps only its tail still shows it.
	for (const file of r.testResults ?? []) {
		const where = relative(process.cwd(), file.name ?? '');
		const failedTests = (file.assertionResults ?? []).filter((t) => t.status === 'failed');
		if (file.status === 'failed' && failedTests.length === 0) problems.push(`unit file failed to run: ${where}: ${firstLine(file.message)}`);
		for (const t of failedTests) problems.push(`unit test failed: ${where} › ${t.fullName}: ${firstLine(t.failureMessages?.[0])}`);
	}
} else problems.push('vitest wrote no report');
if (unitStatus !== 0) problems.push(`vitest exited ${unitStatus}`);

// 2. Build, 3. browser tests
const buildStatus = run(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { NODE_ENV: 'production' });
if (buildStatus !== 0) {
	problems.push('build failed');
	failed += 1;
} else {
	const pwJson = join(out, 'playwright.json');
	const e2eStatus = run(['node_modules/@playwright/test/cli.js', 'test'], { PW_JSON_OUTPUT: pwJson });
	if (existsSync(pwJson)) {
		const s = JSON.parse(readFileSync(pwJson, 'utf8')).stats ?? {};
		passed += (s.expected ?? 0) + (s.flaky ?? 0);
		failed += (s.unexpected ?? 0);
		if ((s.skipped ?? 0) > 0) problems.push(`${s.skipped} browser tests were skipped`);
		if ((s.expected ?? 0) + (s.unexpected ?? 0) + (s.flaky ?? 0) === 0) problems.push('playwright ran no tests');
		for (const t of playwrightTests(JSON.parse(readFileSync(pwJson, 'utf8'))))
			if (t.outcome === 'unexpected' || t.outcome === 'flaky') problems.push(`browser test ${t.outcome === 'flaky' ? 'passed on retry' : 'failed'}: ${t.title}`);
	} else problems.push('playwright wrote no report');
	if (e2eStatus !== 0) problems.push(`playwright exited ${e2eStatus}`);
}

/** The first line of a failure message, without colour codes, kept short. */
function firstLine(text) {
	const line = String(text ?? '').replace(/\x1b\[[0-9;]*m/g, '').split('\n').find((l) => l.trim()) ?? '';
	return line.trim().slice(0, 300);
}

/** Every test of a Playwright JSON report with its outcome and a "file:line › title" name. */
function* playwrightTests(report) {
	const walk = function* (suite, titles) {
		for (const spec of suite.specs ?? [])
			for (const test of spec.tests ?? [])
				yield { outcome: test.status, title: `${spec.file}:${spec.line} › ${[...titles, spec.title].join(' › ')}` };
		for (const child of suite.suites ?? []) yield* walk(child, suite.file === child.file && child.title !== child.file ? [...titles, child.title] : titles);
	};
	for (const suite of report.suites ?? []) yield* walk(suite, []);
}

for (const p of problems) console.log(`! ${p}`);
const summary = `${passed} passed, ${failed} failed`;
writeFileSync(join(out, 'summary.txt'), summary + '\n');
console.log(summary);
process.exit(failed > 0 || problems.length ? 1 : 0);
