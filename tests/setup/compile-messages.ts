// Vitest global setup: compile messages/*.json into src/lib/paraglide once before any test file loads.
import { execFileSync } from 'node:child_process';

export default function setup() {
	execFileSync(process.execPath, ['scripts/compile-messages.js'], { stdio: 'inherit' });
}
