// The scheduled recording clean-up inside the app: shortly after start and then every hour it deletes recordings past
// RECORDING_RETENTION_DAYS and folders whose call is gone (sweepRecordings). The timer does not keep the process alive.
import { sweepRecordings } from './store';

const EVERY_MS = 60 * 60_000;
let timer: NodeJS.Timeout | null = null;

function tick() {
	try {
		const { expired, orphans } = sweepRecordings();
		if (expired || orphans) console.log(`recording clean-up: ${expired} expired recording(s), ${orphans} orphaned folder(s) deleted`);
	} catch (err) {
		console.error('recording clean-up failed', err);
	}
}

export function startRecordingCleanup(): void {
	if (timer) return;
	timer = setInterval(tick, EVERY_MS);
	timer.unref();
	setTimeout(tick, 5_000).unref();
}
