// A render worker thread (see render-pool.ts): renders Markdown off the request thread. The pool starts a worker on
// this very module (its URL is exported below, so the pool finds it in the server build, where chunk names are
// hashed); the module answers render jobs only when it is such a worker. Imports stay relative (no $lib) because in
// development and tests it runs under tsx, outside Vite.
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { renderMarkdown, type RenderedMarkdown } from './markdown';
import { violation } from './limits';

export const WORKER_MODULE_URL = import.meta.url;
export const WORKER_DATA = { callcraftRenderWorker: true } as const;

function serveRenders() {
	const port = parentPort;
	if (!port) return;
	port.on('message', ({ id, source }: { id: number; source: string }) => {
		let result: RenderedMarkdown;
		try {
			result = renderMarkdown(source);
		} catch {
			result = { segments: [], headings: [], error: violation('markdownNesting', 1, { reason: 'failed' }) };
		}
		port.postMessage({ id, result });
	});
	port.postMessage({ ready: true });
}

if (!isMainThread && (workerData as typeof WORKER_DATA | undefined)?.callcraftRenderWorker) serveRenders();
