// Warm-up before the server takes requests (hooks.server.ts `init`, which runs before scripts/server.js and
// adapter-node listen): SvelteKit loads a route's modules on its first request, and on a fresh process (a restart
// after a crash, a deploy) that first request compiled hundreds of kB of JavaScript on the event loop: 0.6–1.3 s per
// route on a quiet 2-core box, several seconds under load, while every request that arrived meanwhile waited
// unseen in the socket buffers. Here every route's modules are loaded, the Markdown render workers and the tone
// model's sentence encoder started and every published course and scenario parsed into its process-level cache, so
// that no request is accepted cold (docs/load-shedding.md#warm-up).
import { renderUntrusted } from '$lib/server/content/render-pool';
import { loadEvidenceCatalogue } from '$lib/server/certification/evidence';
import { sentenceEncoderAvailable } from '$lib/server/ml/sentence-encoder';

export type WarmUp = { modules: number; renderer: boolean; courses: number; scenarios: number; toneEncoder: boolean; ms: number };

/** Every route's page, layout and endpoint modules, as SvelteKit's own build imports them (the same chunks). */
const ROUTE_MODULES = import.meta.glob([
	'/src/routes/**/+page.svelte',
	'/src/routes/**/+layout.svelte',
	'/src/routes/**/+error.svelte',
	'/src/routes/**/+page.server.ts',
	'/src/routes/**/+layout.server.ts',
	'/src/routes/**/+server.ts'
]);

let done: WarmUp | null = null;

/** Loads every route module and starts the render workers (once per process); what it did and how long it took. */
export async function warmUp(): Promise<WarmUp> {
	if (done) return done;
	const t0 = performance.now();
	await Promise.all(Object.values(ROUTE_MODULES).map((load) => load()));
	// The first render starts the worker pool and waits for its workers to load the Markdown stack.
	const rendered = await renderUntrusted('# Warm-up\n\nA *short* text.');
	// The published catalogue (every live course's files and scenario's YAML, parsed once per version and cached):
	// the first signed-in home page of a process parsed it all, 0.3 s on a quiet box and 1.7 s at load 8, with the
	// event loop blocked, so that even the front door's 503s waited behind it (the soak's slow 503s after a restart).
	const catalogue = loadEvidenceCatalogue();
	// The tone model's sentence encoder: its worker builds the graph and starts its session (~0.5 s), which the first
	// typed line of a call would otherwise wait for.
	const toneEncoder = sentenceEncoderAvailable();
	done = {
		modules: Object.keys(ROUTE_MODULES).length,
		renderer: !rendered.error,
		courses: catalogue.courses.length,
		scenarios: catalogue.scenarios.length,
		toneEncoder,
		ms: Math.round(performance.now() - t0)
	};
	return done;
}

/** The warm-up of this process, or null before it ran (dev server, unit tests). */
export function warmedUp(): WarmUp | null {
	return done;
}
