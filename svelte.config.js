import adapter from '@sveltejs/adapter-node';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	kit: {
		// `npm test` builds into its own folder (CALLCRAFT_BUILD_DIR) so a running `npm start` on build/ is not hurt.
		adapter: adapter({ out: process.env.CALLCRAFT_BUILD_DIR || 'build' }),
		// CSRF origin check stays on (SvelteKit default). CSP: no inline scripts; Kit adds nonces/hashes for its own.
		csp: {
			mode: 'auto',
			directives: {
				'default-src': ['self'],
				'script-src': ['self', 'wasm-unsafe-eval'],
				'style-src': ['self', 'unsafe-inline'],
				'img-src': ['self', 'data:', 'blob:'],
				'media-src': ['self', 'blob:'],
				'connect-src': ['self'],
				'worker-src': ['self', 'blob:'],
				'font-src': ['self'],
				'object-src': ['none'],
				'base-uri': ['self'],
				'form-action': ['self'],
				'frame-ancestors': ['none']
			}
		}
	}
};

export default config;
