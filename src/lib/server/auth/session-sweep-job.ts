// The sweep of expired sessions inside the app (sweepExpiredSessions): shortly after start and then every hour. A
// background job: with several app processes it runs in one.
import { startPeriodicJob } from '../periodic-job';
import { sweepExpiredSessions } from './session';

export function startSessionSweep(): void {
	startPeriodicJob('session sweep', 60 * 60_000, async () => {
		const n = await sweepExpiredSessions();
		if (n > 0) console.log(`session sweep: ${n} expired session(s) deleted`);
	});
}
