// Start-up work, in order, run once per server process from hooks.server.ts `init`:
// content imports first, then demo seeds (each idempotent). Features add their task here. Background tasks (timers
// and one-off passes over the organisation) run in one process only when several serve the app (scripts/serve.js
// sets CALLCRAFT_BACKGROUND_JOBS=0 in all but one).
import { seedDemoUsers, demoLoginsText } from './seed/demo-users';
import { importContentCourses } from './courses/catalogue';
import { importContentScenarios } from './scenarios/versions';
import { seedCourseGrants } from './courses/demo-seed';
import { seedScenarioGrants } from './scenarios/demo-seed';
import { speechService } from './ml/service';
import { seedDemoProgrammes } from './certification/seed';
import { seedCertificationDemoWork } from './certification/demo-work';
import { runSeedOnce } from './seed/run-once';
import { startNotificationJob } from './notifications/job';
import { startRecordingCleanup } from './recordings/cleanup-job';
import { startSessionSweep } from './auth/session-sweep-job';
import { backfillProgrammeProgress } from './certification/progress';
import { reevaluateInBackground, reevaluationPending } from './certification/auto-issue';

export interface StartupTask {
	name: string;
	/** Demo data: skipped when SEED_DEMO=false. */
	demo?: boolean;
	/** A background job or organisation-wide pass: skipped in the app processes without the jobs (WEB_CONCURRENCY > 1). */
	background?: boolean;
	run: () => unknown | Promise<unknown>;
}

export const STARTUP_TASKS: StartupTask[] = [
	{ name: 'course content import', run: () => importContentCourses() },
	{ name: 'scenario content import', run: () => importContentScenarios() },
	{ name: 'demo users and cohorts', demo: true, run: seedDemoUsers },
	{ name: 'demo course editing grants', demo: true, run: seedCourseGrants },
	{ name: 'demo scenario editing grants', demo: true, run: seedScenarioGrants },
	// Not awaited: the app serves pages while the speech worker loads Whisper and Silero (or, with REDIS_URL, while it
	// connects to Redis); GET /api/speech/status shows progress.
	{ name: 'notification job (reminders, e-mail outbox)', background: true, run: startNotificationJob },
	{ name: 'recording clean-up job (retention)', background: true, run: startRecordingCleanup },
	{ name: 'expired session sweep (hourly)', background: true, run: startSessionSweep },
	{ name: 'speech service (background)', run: () => void speechService() },
	{ name: 'demo certification programmes', demo: true, run: () => runSeedOnce('certification programmes', () => void seedDemoProgrammes()) },
	{ name: 'demo certification work (completed courses)', demo: true, run: () => seedCertificationDemoWork() },
	// A programme saved just before the app stopped: finish its re-evaluation (in the background, pages serve meanwhile).
	{ name: 'certification re-evaluation left over (background)', background: true, run: () => void (reevaluationPending() && reevaluateInBackground()) },
	// The code half of migration 0010: trainees without stored programme progress (or past its staleAt) get it now.
	{ name: 'stored programme progress backfill', background: true, run: () => backfillProgrammeProgress() }
];

/** Whether this process runs the background tasks: yes unless the cluster entry gave them to another process. */
export function backgroundJobsHere(): boolean {
	return process.env.CALLCRAFT_BACKGROUND_JOBS !== '0';
}

let started: Promise<void> | null = null;

export function runStartup(): Promise<void> {
	started ??= (async () => {
		const seedDemo = process.env.SEED_DEMO !== 'false';
		const background = backgroundJobsHere();
		for (const task of STARTUP_TASKS) {
			if (task.demo && !seedDemo) continue;
			if (task.background && !background) continue;
			await task.run();
		}
		const worker = process.env.CALLCRAFT_WORKER;
		if (worker && background) console.log(`app worker ${worker} (pid ${process.pid}): background jobs run in this process`);
		if (seedDemo && process.env.NODE_ENV !== 'test') console.log('\n' + demoLoginsText() + '\n');
	})();
	return started;
}
