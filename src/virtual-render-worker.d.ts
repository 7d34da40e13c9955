// Provided by the render-worker plugin in vite.config.ts: starts a Markdown render worker thread.
declare module 'virtual:render-worker' {
	import type { Worker, WorkerOptions } from 'node:worker_threads';
	export function startRenderWorker(options: WorkerOptions): Worker;
}
