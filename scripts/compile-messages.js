// Compiles messages/*.json into src/lib/paraglide (generated, not committed): run by `npm install`
// (postinstall), `npm run check` and `npm test` before svelte-check. Vite's paraglide plugin does the same for
// dev, build and vitest. Fails loudly when the message-format plugin did not load (Paraglide itself only warns,
// and would emit a runtime with no messages).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compile } from '@inlang/paraglide-js';
import { paraglideOptions } from '../paraglide.config.js';

await compile({ ...paraglideOptions, emitReadme: false });

const keys = Object.keys(JSON.parse(readFileSync('messages/en.json', 'utf8'))).filter((k) => k !== '$schema');
const index = join(paraglideOptions.outdir, 'messages', '_index.js');
const emitted = existsSync(index) ? readFileSync(index, 'utf8') : '';
const missing = keys.filter((k) => !emitted.includes(`'./${k}.js'`) && !emitted.includes(`"./${k}.js"`));
if (keys.length === 0 || missing.length > 0) {
	console.error(`compile-messages: ${missing.length || 'no'} messages were not compiled (e.g. ${missing.slice(0, 3).join(', ')})`);
	process.exit(1);
}
