// The scheduled notification job: the web process starts it as a child process at a lower OS priority (NOTIFY_NICE,
// default 10), so making reminders and sending e-mail use the CPU that pages leave over instead of competing with
// them (docs/assignments-and-notifications.md#benchmark). Every app process may run one: reminders are made once
// (dedupe keys) and e-mails are claimed row by row (outbox.ts). The child exits with its parent (its IPC channel
// closes even when the parent is killed), is stopped on shutdown, and is started again if it dies.
import { fork, type ChildProcess } from 'node:child_process';
import { EventEmitter } from 'node:events';
import type { JobReport } from './job-process';

/** How often a pass runs (NOTIFY_INTERVAL_MS, default 60 s; 0 switches the job off). */
export function notifyIntervalMs(): number {
	const every = Number(process.env.NOTIFY_INTERVAL_MS ?? 60_000);
	return Number.isFinite(every) && every > 0 ? every : 0;
}

/** The job process's niceness (NOTIFY_NICE, 0–19, default 10): higher = more CPU left to pages, slower sending. */
export function notifyNice(): number {
	const raw = process.env.NOTIFY_NICE?.trim();
	const n = raw ? Number(raw) : 10;
	return Number.isInteger(n) && n >= 0 && n <= 19 ? n : 10;
}

/**
 * Node options for running the app's TypeScript server modules outside Vite (development and tests): tsx, and
 * `$app/environment` (which the database module reads) answered by a small module, as in a running server.
 */
export function typescriptExecArgv(): string[] {
	const environment = 'data:text/javascript,' + encodeURIComponent(`export const building = false, dev = true, browser = false, version = '';`);
	const hooks = `export async function resolve(s, c, next) { return s === '$app/environment' ? { url: ${JSON.stringify(environment)}, shortCircuit: true } : next(s, c); }`;
	const register = `import { register } from 'node:module'; register(${JSON.stringify('data:text/javascript,' + encodeURIComponent(hooks))});`;
	return ['--import', 'tsx', '--import', 'data:text/javascript,' + encodeURIComponent(register)];
}

/** Emits 'ready' when a child has lowered its priority, 'pass' (PassReport) after each pass, 'exit' (code, signal) when a child ends. */
export const notificationJobEvents = new EventEmitter();

const RESTART_MS = [1000, 5000, 30_000, 60_000];
const STABLE_MS = 60_000;

let child: ChildProcess | null = null;
let active = false;
let crashes = 0;
let restartTimer: NodeJS.Timeout | null = null;

async function spawnChild(): Promise<void> {
	const { JOB_MODULE_URL, CHILD_FLAG } = await import('./job-process');
	if (!active || child) return;
	const nice = notifyNice();
	const c = fork(new URL(JOB_MODULE_URL), [], {
		env: { ...process.env, [CHILD_FLAG]: '1', NOTIFY_INTERVAL_MS: String(notifyIntervalMs()), NOTIFY_NICE: String(nice) },
		execArgv: JOB_MODULE_URL.endsWith('.ts') ? typescriptExecArgv() : [],
		stdio: ['ignore', 'inherit', 'inherit', 'ipc']
	});
	child = c;
	c.unref(); // the job never keeps the web process alive
	c.channel?.unref();
	const startedAt = Date.now();
	c.on('message', (m: JobReport) => {
		if (m?.type === 'pass' || m?.type === 'ready') notificationJobEvents.emit(m.type, m);
	});
	c.on('error', (err) => console.error('notification job process:', err.message));
	c.on('exit', (code, signal) => {
		if (child === c) child = null;
		notificationJobEvents.emit('exit', code, signal);
		if (!active) return;
		crashes = Date.now() - startedAt > STABLE_MS ? 1 : crashes + 1;
		const wait = RESTART_MS[Math.min(crashes, RESTART_MS.length) - 1];
		console.error(`notification job process stopped (${signal ?? `exit code ${code}`}); starting it again in ${wait / 1000} s`);
		restartTimer = setTimeout(() => void spawnChild(), wait);
		restartTimer.unref();
	});
}

/** Starts the job's process (NOTIFY_INTERVAL_MS=0: none). */
export async function startNotificationJob(): Promise<void> {
	if (active || !notifyIntervalMs()) return;
	active = true;
	crashes = 0;
	await spawnChild();
}

/** The job process's id while it runs. */
export function notificationJobPid(): number | undefined {
	return child?.pid;
}

/** Synchronous stop for process shutdown: the child is told to stop (it exits at once). */
export function haltNotificationJob(): void {
	active = false;
	if (restartTimer) clearTimeout(restartTimer);
	restartTimer = null;
	child?.kill('SIGTERM');
}

/** Stops the job and waits until its process has exited; one that has not within killAfterMs is killed. */
export async function stopNotificationJob(killAfterMs?: number): Promise<void> {
	const c = child;
	const exited = c && c.exitCode === null && c.signalCode === null ? new Promise((resolve) => c.once('exit', resolve)) : null;
	haltNotificationJob();
	if (!exited) return;
	const kill = killAfterMs === undefined ? null : setTimeout(() => c?.kill('SIGKILL'), killAfterMs);
	await exited;
	if (kill) clearTimeout(kill);
}
