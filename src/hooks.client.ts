// Browser start-up. zod compiles object schemas with `new Function` unless told not to, and probes for it on the
// first schema it builds: under our CSP (no 'unsafe-eval') that probe is reported as a violation on every page that
// validates in the browser (the editors). Jitless parsing needs no eval; the server keeps zod's compiled parsers.
// The strategy import registers the browser side of Paraglide's 'custom-account' strategy before anything renders,
// so the hydrated page reads the language the server chose (src/lib/i18n/strategy.ts).
import { z } from 'zod';
import '$lib/i18n/strategy';

z.config({ jitless: true });
