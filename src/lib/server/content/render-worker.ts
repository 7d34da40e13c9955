// Entry of a render worker thread (see render-pool.ts): renders Markdown off the request thread. Imports stay
// relative (no $lib) because this file also runs outside Vite, under tsx, in development and tests.
import { parentPort } from 'node:worker_threads';
import { renderMarkdown, type RenderedMarkdown } from './markdown';

const port = parentPort;
if (port) {
	port.on('message', ({ id, source }: { id: number; source: string }) => {
		let result: RenderedMarkdown;
		try {
			result = renderMarkdown(source);
		} catch {
			result = { segments: [], headings: [], error: { limit: 'markdownNesting', line: 1, message: 'This text cannot be rendered.' } };
		}
		port.postMessage({ id, result });
	});
	port.postMessage({ ready: true });
}
