// Load shedding that runs before SvelteKit: the settings, the event-loop lag monitor, the paths never shed, and the
// front door of `scripts/server.js`, which answers a request the server cannot do in time with a ready-made 503 +
// Retry-After straight from Node's request event (no Request object, no routing, no hooks: a few microseconds),
// so that under overload the event loop spends its time on the requests it admits. Plain JavaScript: the custom
// server runs it without a build step; `load-shed.ts` (the SvelteKit hook's gate) re-exports it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { busyAnswer } from '../busy-answer.js';

/**
 * @typedef {object} ShedSettings
 * @property {number} limit Requests worked on at once (the hook's gate).
 * @property {number} queue Requests allowed to wait for a slot; more are refused at once.
 * @property {number} waitMs Longest wait before a request is refused: in the gate's queue, and from the front door's
 *   admission to the gate (a request admitted while the loop was busy, that SvelteKit got to only later).
 * @property {number} retryAfterS Seconds a refused client is told to wait (Retry-After).
 * @property {number} lagMs Event-loop lag above which new requests are shed (0: off).
 * @property {boolean} [oneRequestPerTurn] The front door hands admitted requests to the app one per turn of the event
 *   loop (SHED_ONE_PER_TURN, default on), so that new connections keep being accepted while the app is busy.
 */

/**
 * @param {string} name
 * @param {number} fallback
 * @param {number} min
 * @param {Record<string, string | undefined>} env
 */
export function intFromEnv(name, fallback, min, env = process.env) {
	const raw = env[name];
	if (raw === undefined || raw.trim() === '') return fallback;
	const n = Number(raw);
	if (!Number.isInteger(n) || n < min) throw new Error(`${name} must be a whole number ≥ ${min} (got "${raw}")`);
	return n;
}

/**
 * Settings from SHED_CONCURRENCY, SHED_QUEUE, SHED_QUEUE_MS, SHED_RETRY_AFTER, SHED_LAG_MS (README settings table).
 * @returns {ShedSettings}
 */
export function shedSettingsFromEnv(env = process.env) {
	return {
		limit: intFromEnv('SHED_CONCURRENCY', 16, 1, env),
		queue: intFromEnv('SHED_QUEUE', 16, 0, env),
		waitMs: intFromEnv('SHED_QUEUE_MS', 250, 0, env),
		retryAfterS: intFromEnv('SHED_RETRY_AFTER', 1, 1, env),
		lagMs: intFromEnv('SHED_LAG_MS', 100, 0, env),
		oneRequestPerTurn: intFromEnv('SHED_ONE_PER_TURN', 1, 0, env) !== 0
	};
}

/**
 * Event-loop lag, sampled by a timer every `intervalMs`: `lagMs` is how late the latest tick ran. Shedding counts a
 * lone late tick at half its lateness, and otherwise the smaller lag of the last two ticks: one request that ran
 * 150 ms (a large export, a cold page) does not get the next request, of the same user or anyone, refused on a box
 * that is not overloaded, while a saturated loop (every tick late) or a long block (requests waited unseen for
 * twice the limit) still sheds.
 */
export class LagMonitor {
	lagMs = 0;
	/** How late the tick before the latest ran. */
	previousLagMs = 0;
	/** @type {ReturnType<typeof setInterval> | null} */
	#timer = null;
	#last = 0;
	#now;

	constructor(intervalMs = 50, now = () => performance.now()) {
		this.intervalMs = intervalMs;
		this.#now = now;
	}

	start() {
		if (this.#timer) return;
		this.#last = this.#now();
		this.#timer = setInterval(() => this.sample(), this.intervalMs);
		this.#timer.unref?.();
	}

	/** One tick: the lag is how much later than `intervalMs` after the previous one it ran. */
	sample() {
		const t = this.#now();
		this.previousLagMs = this.lagMs;
		this.lagMs = Math.max(0, t - this.#last - this.intervalMs);
		this.#last = t;
	}

	/**
	 * The lag now: the lag of the last two samples (the smaller), half the latest one, or how long the loop has gone
	 * without a tick, whichever is more. A backlog of requests handled in one long turn of the loop shows here before
	 * the timer can sample it.
	 */
	currentLagMs() {
		const sampled = Math.max(Math.min(this.lagMs, this.previousLagMs), this.lagMs / 2);
		return Math.max(sampled, this.#now() - this.#last - this.intervalMs);
	}

	stop() {
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
	}
}

/**
 * Where the front door notes on a Node request when it admitted it (performance.now()). adapter-node hands the Node
 * request to the app as `platform.req`, so the app's gate (hooks.server.ts) knows how long an admitted request
 * waited on a busy event loop before SvelteKit got to it, and refuses it once that passed SHED_QUEUE_MS.
 */
export const ADMITTED_AT = Symbol.for('callcraft.admittedAt');

/**
 * When the front door admitted this Node request, or undefined (not through the front door, e.g. build/index.js).
 * @param {unknown} req
 * @returns {number | undefined}
 */
export function admittedAt(req) {
	const at = req && typeof req === 'object' ? /** @type {Record<symbol, unknown>} */ (req)[ADMITTED_AT] : undefined;
	return typeof at === 'number' ? at : undefined;
}

/**
 * Paths that are never shed: the health check, sign-out, and speech (bounded by its own model queues).
 * @param {string} pathname
 */
export function isNeverShed(pathname) {
	return pathname === '/healthz' || pathname === '/logout' || pathname.startsWith('/api/speech/');
}

/**
 * The URL paths of the files the server serves as they are (adapter-node's `client` folder of the build: the
 * `/_app/immutable/` scripts, styles and fonts, the favicon), without their precompressed `.br`/`.gz` twins. The
 * front door never sheds these: they cost a file read, not a render, and a page that was admitted but whose styles and
 * scripts were refused is a broken page (seen right after start, while the speech models loaded and the loop ran
 * late). A path not in the set, such as a made-up name under `/_app/immutable/`, goes to SvelteKit and is shed as any
 * page is. A missing folder gives an empty set.
 * @param {string} dir
 * @returns {Set<string>}
 */
export function staticFilePaths(dir) {
	/** @type {Set<string>} */
	const paths = new Set();
	/** @param {string} folder @param {string} prefix */
	const walk = (folder, prefix) => {
		/** @type {import('node:fs').Dirent[]} */
		let entries;
		try {
			entries = readdirSync(folder, { withFileTypes: true });
		} catch {
			return;
		}
		for (const entry of entries) {
			if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
			else if (!/\.(br|gz)$/.test(entry.name)) paths.add(prefix + entry.name);
		}
	};
	walk(dir, '/');
	return paths;
}

/**
 * The front door: refuses a request at once while the event loop runs later than `lagMs` (the CPU is saturated and
 * requests are waiting unseen in socket buffers, so whatever is admitted now would answer late) or while
 * `limit + queue` requests are already inside (the hook's gate would refuse it anyway, at more cost).
 */
export class FrontDoor {
	inFlight = 0;
	/** Requests refused at the door since start. */
	refused = 0;
	/** @type {'lag' | 'full' | null} Why the latest request was refused. */
	reason = null;

	/**
	 * @param {ShedSettings} settings
	 * @param {{ currentLagMs(): number }} lag
	 * @param {ReadonlySet<string>} [staticPaths] Files served as they are, never shed (`staticFilePaths`).
	 */
	constructor(settings, lag, staticPaths = new Set()) {
		this.settings = settings;
		this.lag = lag;
		this.staticPaths = staticPaths;
	}

	/**
	 * Whether a request for `pathname` goes in ('admit': call `leave` once it is answered, 'never': a path never
	 * shed or a static file, not counted) or is refused ('refuse').
	 * @param {string} pathname
	 * @returns {'admit' | 'never' | 'refuse'}
	 */
	enter(pathname) {
		if (isNeverShed(pathname) || this.staticPaths.has(pathname)) return 'never';
		const { lagMs, limit, queue } = this.settings;
		if (lagMs > 0 && this.lag.currentLagMs() > lagMs) this.reason = 'lag';
		else if (this.inFlight >= limit + queue) this.reason = 'full';
		else this.reason = null;
		if (this.reason) {
			this.refused++;
			return 'refuse';
		}
		this.inFlight++;
		return 'admit';
	}

	leave() {
		if (this.inFlight > 0) this.inFlight--;
	}

	/**
	 * Admitted requests not yet handed to the app (oneRequestPerTurn). Node (libuv ≥ 1.45) accepts one new connection
	 * per turn of the event loop, so a turn that runs many page renders back to back leaves new connections waiting
	 * in the kernel's accept queue: under 2× overload a 503 the door answers in microseconds was seen to wait 2–3 s
	 * there (docs/load-shedding.md#one-request-per-turn). Handing the app one request per turn (setImmediate: the
	 * check phase, then the next turn's poll accepts and reads again) keeps a turn to one request's work.
	 * @type {{ req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, next: (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void }[]}
	 */
	#waiting = [];
	#pumping = false;
	#pump = () => {
		const item = this.#waiting.shift();
		// A client that went away while its request waited: its 'close' already gave the slot back.
		if (item && !item.req.socket?.destroyed) item.next(item.req, item.res);
		if (this.#waiting.length > 0) setImmediate(this.#pump);
		else this.#pumping = false;
	};

	/** Requests admitted and waiting for their turn. */
	get waiting() {
		return this.#waiting.length;
	}

	/**
	 * A Node request listener in front of `next` (the app): refuses with the busy answer, or passes the request on.
	 * @param {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void} next
	 * @returns {(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse) => void}
	 */
	listener(next) {
		return (req, res) => {
			const url = req.url ?? '/';
			const q = url.indexOf('?');
			const pathname = q < 0 ? url : url.slice(0, q);
			const verdict = this.enter(pathname);
			if (verdict === 'refuse') {
				const answer = busyAnswer({ method: req.method ?? 'GET', pathname, accept: req.headers.accept, retryAfterS: this.settings.retryAfterS, reason: this.reason ?? undefined });
				// The body is not read: Node discards what is left of it once the answer is sent, and keeps the connection.
				res.writeHead(answer.status, answer.headers);
				res.end(req.method === 'HEAD' ? undefined : answer.body);
				return;
			}
			if (verdict === 'admit') {
				/** @type {Record<symbol, unknown>} */ (/** @type {unknown} */ (req))[ADMITTED_AT] = performance.now();
				res.once('close', () => this.leave());
				if (this.settings.oneRequestPerTurn) {
					this.#waiting.push({ req, res, next });
					if (!this.#pumping) {
						this.#pumping = true;
						setImmediate(this.#pump);
					}
					return;
				}
			}
			next(req, res);
		};
	}
}
