// A job the app runs on a timer: shortly after start, then every `everyMs`. A failure is logged and the next run
// comes as planned, and a run still going when the next is due is not overlapped; the timers do not keep the process
// alive. Starting a job that already runs does nothing.
const running = new Set<string>();

export function startPeriodicJob(name: string, everyMs: number, run: () => void | Promise<void>, firstAfterMs = 5_000): void {
	if (running.has(name)) return;
	running.add(name);
	let busy = false;
	const tick = async () => {
		if (busy) return; // the previous run has not finished
		busy = true;
		try {
			await run();
		} catch (err) {
			console.error(`${name} failed`, err);
		} finally {
			busy = false;
		}
	};
	setInterval(tick, everyMs).unref();
	setTimeout(tick, firstAfterMs).unref();
}
