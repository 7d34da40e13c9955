import { fileURLToPath, pathToFileURL } from 'node:url';
import { sveltekit } from '@sveltejs/kit/vite';
import { paraglideVitePlugin } from '@inlang/paraglide-js';
import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import { paraglideOptions } from './paraglide.config.js';

/**
 * The Markdown render worker (src/lib/server/content/render-pool.ts) runs in a worker thread, which needs a file of
 * its own: the server build emits it as `render-worker.js` next to the server's chunks, and `virtual:render-worker`
 * tells the pool where it is. In development and tests the TypeScript source runs under tsx.
 */
function renderWorker(): Plugin {
	const entry = fileURLToPath(new URL('./src/lib/server/content/render-worker.ts', import.meta.url));
	const id = '\0virtual:render-worker';
	const tsxApi = new URL('./node_modules/tsx/dist/esm/api/index.mjs', import.meta.url).href;
	let build = false;
	let ref: string | undefined;
	return {
		name: 'callcraft-render-worker',
		configResolved(config) {
			build = config.command === 'build';
		},
		buildStart() {
			ref = undefined;
			if (build && this.environment?.config.consumer === 'server') {
				ref = this.emitFile({ type: 'chunk', id: entry, fileName: 'render-worker.js' });
			}
		},
		resolveId(source) {
			return source === 'virtual:render-worker' ? id : undefined;
		},
		load(source) {
			if (source !== id) return;
			const head = `import { Worker } from 'node:worker_threads';\n`;
			if (ref) {
				return `${head}export function startRenderWorker(options) {\n\treturn new Worker(new URL(import.meta.ROLLUP_FILE_URL_${ref}), options);\n}\n`;
			}
			// tsx's loader is registered inside the worker (execArgv --import does not reach a worker's entry on Node 20)
			const boot = `import(${JSON.stringify(tsxApi)}).then((m) => { m.register(); return import(${JSON.stringify(pathToFileURL(entry).href)}); }).catch((e) => { console.error(e); process.exit(1); });`;
			return `${head}export function startRenderWorker(options) {\n\treturn new Worker(${JSON.stringify(boot)}, { ...options, eval: true });\n}\n`;
		}
	};
}

export default defineConfig({
	plugins: [sveltekit(), paraglideVitePlugin({ ...paraglideOptions, emitReadme: false }), renderWorker()],
	test: {
		expect: { requireAssertions: true },
		include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
		setupFiles: ['tests/setup/unit-env.ts'],
		environment: 'node',
		testTimeout: 60_000,
		hookTimeout: 120_000,
		pool: 'forks'
	}
});
