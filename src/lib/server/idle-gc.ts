// Memory back soon after a burst of load, and less of it taken during one.
// - During load: V8 lets the old generation grow to up to four times what survived its last full collection before
//   it collects again, so a burst took the app from ~200 to ~430–510 MB, most of it garbage. `limitHeapGrowth` fixes
//   the growing factor at HEAP_GROWTH_PERCENT (default 25 %): V8 collects sooner and the heap stays near what is
//   live (docs/scale.md, session 14: +40 MB instead of +210 after two trainee mixes, same throughput).
// - After load: V8 gives garbage back only when its memory reducer runs, 60–80 s after the load ends. Once the process
//   has been busy and then quiet for a couple of seconds, one full collection returns it at once (7–40 ms, on a
//   process with nothing to do). `IDLE_GC=0` turns it off.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** Chosen by measurement, docs/scale.md (session 14). */
export const DEFAULT_HEAP_GROWTH_PERCENT = 25;

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

/** V8's heap-growing factor as a percentage, from HEAP_GROWTH_PERCENT (whole number 0–400; 0 leaves V8's own). */
export function heapGrowthPercent(env: NodeJS.ProcessEnv = process.env, fallback = DEFAULT_HEAP_GROWTH_PERCENT): number {
	const raw = env.HEAP_GROWTH_PERCENT;
	if (raw === undefined || raw === '') return fallback;
	const n = Number(raw);
	if (Number.isInteger(n) && n >= 0 && n <= 400) return n;
	console.warn(`HEAP_GROWTH_PERCENT must be a whole number from 0 to 400 (got "${raw}"); using ${fallback}`);
	return fallback;
}

/**
 * Under load V8 lets the old generation grow to up to four times what survived the last full collection before it
 * collects again (its factor depends on how fast collections are); the app's live heap is 50–80 MB, so a burst of
 * requests took the process from ~200 to ~430 MB. A fixed, small growing factor makes V8 collect sooner instead.
 * Returns the percentage set, or 0 when V8's own factor is kept.
 */
export function limitHeapGrowth(env: NodeJS.ProcessEnv = process.env): number {
	const percent = heapGrowthPercent(env);
	if (percent > 0) setFlagsFromString(`--heap-growing-percent=${percent}`);
	return percent;
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
