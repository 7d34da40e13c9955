// Memory back soon after a burst of load. Under load V8 lets the heap grow to about four times what is live (the
// rest is garbage) and gives it back only when its memory reducer runs, 60–80 s after the load ends; a box running
// several app processes, or short of memory, holds that garbage for a minute. Once the process has been busy and
// then quiet for a couple of seconds, one full collection returns it at once (7–40 ms, on a process with nothing to
// do). `IDLE_GC=0` turns it off.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

export interface IdleCollectorOptions {
	/** run a full garbage collection */
	collect: () => void;
	/** CPU time this process has used so far, ms */
	cpuMs: () => number;
	/** a sample that used more CPU than this counts as busy */
	busyMsPerSample?: number;
	/** busy samples since the last collection needed before one is worth it */
	busySamples?: number;
	/** quiet samples in a row before collecting */
	quietSamples?: number;
}

export class IdleCollector {
	#busy = 0;
	#quiet = 0;
	#lastCpu: number;
	readonly #busyMs: number;
	readonly #busyNeeded: number;
	readonly #quietNeeded: number;

	constructor(private readonly options: IdleCollectorOptions) {
		this.#lastCpu = options.cpuMs();
		this.#busyMs = options.busyMsPerSample ?? 100;
		this.#busyNeeded = options.busySamples ?? 2;
		this.#quietNeeded = options.quietSamples ?? 4;
	}

	/** One sample of the CPU used since the last; true when it collected. */
	sample(): boolean {
		const cpu = this.options.cpuMs();
		const used = cpu - this.#lastCpu;
		this.#lastCpu = cpu;
		if (used > this.#busyMs) {
			this.#busy++;
			this.#quiet = 0;
			return false;
		}
		this.#quiet++;
		if (this.#busy < this.#busyNeeded || this.#quiet < this.#quietNeeded) return false;
		this.#busy = 0;
		this.#quiet = 0;
		this.options.collect();
		// the collection's own CPU time is not load
		this.#lastCpu = this.options.cpuMs();
		return true;
	}
}

/** V8's full collection, made callable without starting Node with --expose-gc; null where that is not allowed. */
function fullCollection(): (() => void) | null {
	try {
		setFlagsFromString('--expose-gc');
		const gc: unknown = runInNewContext('gc');
		return typeof gc === 'function' ? (gc as () => void) : null;
	} catch {
		return null;
	}
}

/** Sample every `intervalMs` (500: busy is > 20 % of a core; quiet for 2 s after at least 1 s busy collects). */
export function startIdleCollector(env: NodeJS.ProcessEnv = process.env, intervalMs = 500): boolean {
	if (env.IDLE_GC === '0') return false;
	const collect = fullCollection();
	if (!collect) return false;
	const collector = new IdleCollector({
		collect,
		cpuMs: () => {
			const { user, system } = process.cpuUsage();
			return (user + system) / 1000;
		}
	});
	setInterval(() => collector.sample(), intervalMs).unref();
	return true;
}
