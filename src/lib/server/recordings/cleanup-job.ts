// The scheduled recording clean-up inside the app: shortly after start and then every hour it deletes recordings past
// RECORDING_RETENTION_DAYS and folders whose call is gone (sweepRecordings).
import { startPeriodicJob } from '../periodic-job';
import { sweepRecordings } from './store';

export function startRecordingCleanup(): void {
	startPeriodicJob('recording clean-up', 60 * 60_000, () => {
		const { expired, orphans } = sweepRecordings();
		if (expired || orphans) console.log(`recording clean-up: ${expired} expired recording(s), ${orphans} orphaned folder(s) deleted`);
	});
}
