// Before the tests: make sure the machine has a Chromium for Playwright, espeak-ng/sox for the speech fixtures and
// redis-server for the scale-out speech tests (each starts its own Redis on a free port), poppler-utils and
// pango1.0-tools for the Bengali PDF shaping test.
// Playwright cannot download its own browser here, so on Debian (as root) we install the distribution's packages.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';

const has = (cmd) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;

function playwrightBrowserInstalled() {
	try {
		const { chromium } = createRequire(import.meta.url)('playwright-core');
		return existsSync(chromium.executablePath());
	} catch {
		return false;
	}
}

export function missingTestTools() {
	const missing = [];
	const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].some((p) => existsSync(p)) || !!process.env.CHROMIUM_PATH;
	if (!chromium && !playwrightBrowserInstalled()) missing.push('chromium');
	if (!has('espeak-ng')) missing.push('espeak-ng');
	if (!has('sox')) missing.push('sox');
	if (!has('redis-server')) missing.push('redis-server');
	// The Bengali PDF test rasterises PDFs (poppler) and sets the reference text with Pango.
	if (!has('pdftoppm') || !has('pdftotext')) missing.push('poppler-utils');
	if (!has('pango-view')) missing.push('pango1.0-tools');
	return missing;
}

export function ensureTestTools() {
	const missing = missingTestTools();
	if (!missing.length) return true;
	const root = typeof process.getuid === 'function' && process.getuid() === 0;
	if (root && has('apt-get')) {
		console.log(`Installing test tools with apt-get: ${missing.join(' ')}`);
		const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
		const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
		const install = update.status === 0 && spawnSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
		if (install && install.status === 0) return true;
	}
	console.error(`Missing test tools: ${missing.join(', ')}. Install them (Debian: apt-get install ${missing.join(' ')}) and run npm test again.`);
	return false;
}
