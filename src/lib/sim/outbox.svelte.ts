// Browser outbox for simulator events: every typed utterance or CRM change waits here until the
// server accepted it, in order, retried with backoff while the network is down and kept in storage
// so a reload (or a crash) never loses what the trainee typed.
import { BUSY_RETRIES, busyBackoffMs, isBusyAnswer } from '$lib/busy';

export interface OutboxItem<P> {
	/** Client id, sent to the server so a retried event is stored once (idempotency key). */
	id: string;
	kind: string;
	payload: P;
	/** Client clock (ms since epoch) when the trainee produced the event. */
	at: number;
	/** Items with the same key replace each other while unsent (e.g. one CRM field being typed). */
	coalesceKey?: string;
	attempts: number;
}

export type DeliveryOutcome<R> =
	| { kind: 'delivered'; result: R }
	/** The server refused the event for good (4xx): retrying would not help. */
	| { kind: 'rejected'; status: number; message: string }
	/** Transient failure (network, 5xx, 429): try again later. */
	| { kind: 'retry'; message: string };

type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export interface OutboxOptions<P, R> {
	deliver(item: OutboxItem<P>): Promise<DeliveryOutcome<R>>;
	onDelivered?(item: OutboxItem<P>, result: R): void;
	onRejected?(item: OutboxItem<P>, status: number, message: string): void;
	/** Where unsent items survive a reload; null keeps them in memory only. */
	storage?: StorageLike | null;
	storageKey?: string;
	/** Wait before each retry; the last value repeats. */
	backoffMs?: readonly number[];
	/** Injected clock and timers, so tests can drive time. */
	now?: () => number;
	setTimer?: (fn: () => void, ms: number) => unknown;
	clearTimer?: (handle: unknown) => void;
	newId?: () => string;
}

export type OutboxStatus = 'saved' | 'saving' | 'offline';

export const DEFAULT_BACKOFF_MS = [500, 1000, 2000, 4000, 8000] as const;

function randomId(): string {
	return globalThis.crypto?.randomUUID?.() ?? `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export class Outbox<P, R = unknown> {
	items = $state<OutboxItem<P>[]>([]);
	/** True while a request for the head item is in flight. */
	sending = $state(false);
	/** Message of the last transient failure while a retry is scheduled; null once delivery works again. */
	lastError = $state<string | null>(null);
	readonly pending = $derived(this.items.length);
	readonly status: OutboxStatus = $derived(
		this.lastError !== null ? 'offline' : this.items.length > 0 ? 'saving' : 'saved'
	);

	#opts: OutboxOptions<P, R>;
	#backoff: readonly number[];
	#timer: unknown = null;
	#failures = 0;
	#inFlightId: string | null = null;
	#disposed = false;
	#idle: Array<() => void> = [];

	constructor(opts: OutboxOptions<P, R>) {
		this.#opts = opts;
		this.#backoff = opts.backoffMs?.length ? opts.backoffMs : DEFAULT_BACKOFF_MS;
		this.items = this.#load();
		if (this.items.length > 0) this.#pump();
	}

	/** Queue an event (`at`: when it happened, if not now); returns its client id. */
	enqueue(kind: string, payload: P, options: { coalesceKey?: string; at?: number } = {}): string {
		const item: OutboxItem<P> = {
			id: (this.#opts.newId ?? randomId)(),
			kind,
			payload,
			at: options.at ?? (this.#opts.now ?? Date.now)(),
			coalesceKey: options.coalesceKey,
			attempts: 0
		};
		let next = this.items;
		if (options.coalesceKey !== undefined) {
			// The in-flight item cannot be withdrawn; any other unsent edit of the same key is superseded.
			next = next.filter((it) => it.coalesceKey !== options.coalesceKey || it.id === this.#inFlightId);
		}
		this.items = [...next, item];
		this.#save();
		this.#pump();
		return item.id;
	}

	/** Try again at once (e.g. the browser reported it is online again). */
	retryNow(): void {
		if (this.#timer !== null) {
			(this.#opts.clearTimer ?? clearTimeout)(this.#timer as ReturnType<typeof setTimeout>);
			this.#timer = null;
		}
		this.#pump();
	}

	/** Resolves once everything queued so far has been delivered or rejected. */
	whenIdle(): Promise<void> {
		if (this.items.length === 0 && !this.sending) return Promise.resolve();
		return new Promise((resolve) => this.#idle.push(resolve));
	}

	/** Drop every unsent item (the call is over on the server) and forget the stored copy. */
	clear(): void {
		this.items = [];
		this.#save();
		this.#settle();
	}

	dispose(): void {
		this.#disposed = true;
		if (this.#timer !== null) (this.#opts.clearTimer ?? clearTimeout)(this.#timer as ReturnType<typeof setTimeout>);
		this.#timer = null;
	}

	#pump(): void {
		if (this.#disposed || this.sending || this.#timer !== null) return;
		const head = this.items[0];
		if (!head) return this.#settle();
		this.sending = true;
		this.#inFlightId = head.id;
		const attempt = { ...head, attempts: head.attempts + 1 };
		this.#replace(attempt);
		this.#opts
			.deliver(attempt)
			.catch((err: unknown): DeliveryOutcome<R> => ({
				kind: 'retry',
				message: err instanceof Error ? err.message : String(err)
			}))
			.then((outcome) => this.#handle(attempt, outcome));
	}

	#handle(item: OutboxItem<P>, outcome: DeliveryOutcome<R>): void {
		this.sending = false;
		this.#inFlightId = null;
		if (this.#disposed) return;
		if (outcome.kind === 'retry') {
			const wait = this.#backoff[Math.min(this.#failures, this.#backoff.length - 1)];
			this.#failures += 1;
			this.lastError = outcome.message;
			this.#timer = (this.#opts.setTimer ?? setTimeout)(() => {
				this.#timer = null;
				this.#pump();
			}, wait);
			return;
		}
		this.#failures = 0;
		this.lastError = null;
		this.items = this.items.filter((it) => it.id !== item.id);
		this.#save();
		if (outcome.kind === 'delivered') this.#opts.onDelivered?.(item, outcome.result);
		else this.#opts.onRejected?.(item, outcome.status, outcome.message);
		this.#pump();
	}

	#replace(item: OutboxItem<P>): void {
		this.items = this.items.map((it) => (it.id === item.id ? item : it));
		this.#save();
	}

	#settle(): void {
		if (this.items.length > 0 || this.sending) return;
		const waiting = this.#idle;
		this.#idle = [];
		for (const resolve of waiting) resolve();
	}

	#load(): OutboxItem<P>[] {
		const { storage, storageKey } = this.#opts;
		if (!storage || !storageKey) return [];
		try {
			const parsed: unknown = JSON.parse(storage.getItem(storageKey) ?? '[]');
			return Array.isArray(parsed) ? parsed.filter(isOutboxItem<P>) : [];
		} catch {
			return [];
		}
	}

	#save(): void {
		const { storage, storageKey } = this.#opts;
		if (!storage || !storageKey) return;
		try {
			if (this.items.length === 0) storage.removeItem(storageKey);
			else storage.setItem(storageKey, JSON.stringify(this.items));
		} catch {
			// Storage full or blocked (private mode): the in-memory queue still retries.
		}
	}
}

function isOutboxItem<P>(value: unknown): value is OutboxItem<P> {
	if (typeof value !== 'object' || value === null) return false;
	const v = value as Record<string, unknown>;
	return typeof v.id === 'string' && typeof v.kind === 'string' && typeof v.at === 'number' && typeof v.attempts === 'number';
}

/**
 * Status codes worth retrying: the request may succeed later without any change (401: the session lapsed;
 * the trainee signs in again in another tab and nothing typed is lost).
 */
export function isTransientStatus(status: number): boolean {
	return status === 401 || status === 408 || status === 425 || status === 429 || status >= 500;
}

export interface PostJsonOptions {
	/** Told before each wait after a busy answer (the server shedding load), so the page can say "busy, retrying". */
	onBusy?(attempt: number, waitMs: number): void;
	/** Busy answers retried here before the outcome goes back as `retry` (default BUSY_RETRIES). */
	busyRetries?: number;
	sleep?(ms: number): Promise<void>;
	random?(): number;
}

/**
 * POST an item as JSON and classify the answer for the outbox. The server's JSON error message
 * (`{ error: { message } }`) is passed on so the page can show why an event was refused. A busy answer (503 from
 * load shedding) is retried here with back-off from its Retry-After before it is reported.
 */
export async function postJson<R>(
	url: string,
	body: unknown,
	fetchFn: typeof fetch = fetch,
	options: PostJsonOptions = {}
): Promise<DeliveryOutcome<R>> {
	const { onBusy, busyRetries = BUSY_RETRIES, sleep = (ms) => new Promise((r) => setTimeout(r, ms)), random = Math.random } = options;
	for (let attempt = 0; ; attempt++) {
		let res: Response;
		try {
			res = await fetchFn(url, {
				method: 'POST',
				headers: { 'content-type': 'application/json', accept: 'application/json' },
				body: JSON.stringify(body)
			});
		} catch (err) {
			return { kind: 'retry', message: err instanceof Error ? err.message : 'Network error' };
		}
		let data: unknown = null;
		try {
			data = await res.json();
		} catch {
			data = null;
		}
		if (res.ok) return { kind: 'delivered', result: data as R };
		const message =
			(data as { error?: { message?: string } } | null)?.error?.message ?? `${res.status} ${res.statusText}`.trim();
		if (isBusyAnswer(res.status, data) && attempt < busyRetries) {
			const wait = busyBackoffMs(attempt, res.headers.get('retry-after'), random());
			onBusy?.(attempt, wait);
			await sleep(wait);
			continue;
		}
		if (isTransientStatus(res.status)) return { kind: 'retry', message };
		return { kind: 'rejected', status: res.status, message };
	}
}
