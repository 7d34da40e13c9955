// The simulator page's live call: transcript, caller mood, hold state and the CRM working record,
// rebuilt from the stored timeline on load (so a reload resumes the call) and kept in step with the
// server through the outbox. Every trainee action becomes one timeline event.
import { m } from '$lib/paraglide/messages';
import { Outbox, postJson, type DeliveryOutcome, type OutboxItem, type OutboxStatus } from './outbox.svelte';
import type { PostEventResponse, StoredEvent, UntimedClientEvent } from '$lib/schemas/call-api';
import type { TimelineEvent } from '$lib/domain/call/events';
import { speakingTimeMs } from '$lib/domain/call/engine';
import { acceptsEvent, type CallState } from '$lib/domain/call-lifecycle';
import { emptyCrmRecord, type CrmRecord, type CrmSection } from '$lib/domain/crm';
import type { Coaching } from '$lib/scoring/coaching';

export interface TranscriptLine {
	key: string;
	speaker: 'customer' | 'trainee' | 'system';
	text: string;
	t: number;
	/** Trainee lines waiting for the server. */
	pending?: boolean;
	/** Estimated anger of a trainee line (0–1), when known. */
	toneAnger?: number;
}

export interface MoodPoint {
	t: number;
	anger: number;
}

export interface CallSessionInit {
	callId: string;
	state: CallState;
	/** ms since the call was answered, on the server, when the page was rendered. */
	elapsedMs: number;
	anger: number;
	events: StoredEvent[];
	crm: CrmRecord | null;
	/** Practice calls: the live coaching when the page was rendered. */
	coaching?: Coaching | null;
	storage?: Storage | null;
	fetchFn?: typeof fetch;
	/** Called with each new customer line (the page speaks it). */
	oncustomerline?: (text: string) => void;
	/** Called once when the call ends while the page is open (hang-up by either side). */
	onended?: () => void;
}

/** How long a CRM field must be still before its edit is queued (each keystroke still updates the screen). */
export const CRM_EDIT_DEBOUNCE_MS = 400;

const SYSTEM_TEXT: Partial<Record<TimelineEvent['type'], (e: TimelineEvent) => string>> = {
	hold_start: () => m.call_note_hold_start(),
	hold_end: () => m.call_note_hold_end(),
	transfer: (e) => (e.type === 'transfer' ? m.call_note_transfer({ to: e.to }) : ''),
	identity_verified: () => m.call_note_identity_verified(),
	call_ended: (e) => (e.type === 'call_ended' && e.by === 'customer' ? m.call_note_customer_hung_up() : m.call_note_ended())
};

export class CallSession {
	readonly callId: string;
	state = $state<CallState>('ringing');
	transcript = $state<TranscriptLine[]>([]);
	anger = $state(0);
	mood = $state<MoodPoint[]>([]);
	onHold = $state(false);
	/** Call time when the current hold began (null when not on hold). */
	holdStartedT = $state<number | null>(null);
	/** Who hung up, once the call has ended. */
	endedBy = $state<'trainee' | 'customer' | null>(null);
	crm = $state<CrmRecord>(emptyCrmRecord());
	/** Time of the last explicit save per CRM section (ms since answer). */
	savedAt = $state<Partial<Record<CrmSection, number>>>({});
	openedAccountId = $state<string | null>(null);
	verifiedAccountId = $state<string | null>(null);
	/** Practice calls: the latest live coaching from the server (null on assessment calls). */
	coaching = $state<Coaching | null>(null);
	/** Call time of the trainee's last CRM keystroke: typing is activity, not dead air. */
	lastEditT = $state(0);
	/** Messages of events the server refused (shown to the trainee). */
	refusals = $state<string[]>([]);
	/** Clock: page time (performance.now) at which the call was answered. */
	#answeredAt = 0;
	#debounce = new Map<string, ReturnType<typeof setTimeout>>();
	/** CRM fields typed into but not yet queued (waiting for the typing pause). */
	editsWaiting = $state(0);
	#oncustomerline?: (text: string) => void;
	#onended?: () => void;
	readonly outbox: Outbox<UntimedClientEvent, PostEventResponse>;

	constructor(init: CallSessionInit) {
		this.callId = init.callId;
		this.state = init.state;
		this.anger = init.anger;
		this.#answeredAt = performance.now() - init.elapsedMs;
		this.#oncustomerline = init.oncustomerline;
		this.#onended = init.onended;
		if (init.crm) this.crm = init.crm;
		this.coaching = init.coaching ?? null;
		for (const stored of init.events) this.#apply(stored, false);
		if (this.mood.length === 0) this.mood = [{ t: 0, anger: init.anger }];
		const fetchFn = init.fetchFn ?? fetch;
		this.outbox = new Outbox<UntimedClientEvent, PostEventResponse>({
			storage: init.storage ?? null,
			storageKey: `callcraft:outbox:${init.callId}`,
			deliver: (item) => this.#deliver(item, fetchFn),
			onDelivered: (item, res) => this.#delivered(item, res),
			onRejected: (item, status, message) => this.#rejected(item, status, message)
		});
		// Unsent work restored from storage is shown again: trainee lines as pending, CRM edits in their fields.
		for (const item of this.outbox.items) {
			const p = item.payload;
			if (p.type === 'trainee_utterance') this.#addPendingLine(item.id, p.text, p.tone?.anger);
			else if (p.type === 'crm_change') (this.crm[p.section] as Record<string, string>)[p.field] = p.value;
		}
	}

	/** 'saved' only when nothing typed is waiting anywhere (debounced edits included). */
	get syncStatus(): OutboxStatus {
		return this.outbox.status === 'saved' && this.editsWaiting > 0 ? 'saving' : this.outbox.status;
	}

	/** ms since the call was answered, by this page's clock. */
	now(): number {
		return this.state === 'ringing' ? 0 : Math.max(0, Math.round(performance.now() - this.#answeredAt));
	}

	/** ms since the call was answered at epoch time `epochMs`, by this page's clock (the timeline's `t`). */
	tAt(epochMs: number): number {
		return Math.max(0, Math.round(epochMs - (performance.timeOrigin + this.#answeredAt)));
	}

	markAnswered(events: StoredEvent[], anger: number, coaching?: Coaching): void {
		this.#answeredAt = performance.now();
		this.state = 'active';
		this.anger = anger;
		this.applyCoaching(coaching);
		for (const e of events) this.#apply(e, true);
	}

	get canAct(): boolean {
		return this.state === 'active';
	}

	/** A trainee line, typed now or spoken from `startedAt` (epoch ms, voice input). */
	say(
		text: string,
		extra: Pick<Extract<UntimedClientEvent, { type: 'trainee_utterance' }>, 'tone' | 'prosody' | 'interrupted'> = {},
		startedAt?: number
	): void {
		const clean = text.trim();
		if (!clean || !this.canAct) return;
		const id = this.#send({ type: 'trainee_utterance', text: clean, ...extra }, undefined, startedAt);
		this.#addPendingLine(id, clean, extra.tone?.anger);
	}

	/** A keystroke in a CRM field: shown at once, queued once typing pauses. */
	editField(section: CrmSection, field: string, value: string): void {
		(this.crm[section] as Record<string, string>)[field] = value;
		this.lastEditT = this.now();
		if (!acceptsEvent(this.state, 'crm_change')) return;
		const key = `${section}.${field}`;
		clearTimeout(this.#debounce.get(key));
		this.#debounce.set(
			key,
			setTimeout(() => {
				this.#debounce.delete(key);
				this.editsWaiting = this.#debounce.size;
				this.#send({ type: 'crm_change', section, field, value }, key);
			}, CRM_EDIT_DEBOUNCE_MS)
		);
		this.editsWaiting = this.#debounce.size;
	}

	/** Queue every edit still waiting for its debounce (before a save, the end of the call or page hide). */
	flushEdits(): void {
		for (const [key, timer] of this.#debounce) {
			clearTimeout(timer);
			const [section, field] = key.split('.') as [CrmSection, string];
			const value = (this.crm[section] as Record<string, string>)[field] ?? '';
			this.#send({ type: 'crm_change', section, field, value }, key);
		}
		this.#debounce.clear();
		this.editsWaiting = 0;
	}

	/** The section's explicit save; `shown` adds values the screen shows without the trainee typing them. */
	saveSection(section: CrmSection, shown: Record<string, string | undefined> = {}): void {
		this.flushEdits();
		const record = Object.fromEntries(
			Object.entries({ ...shown, ...(this.crm[section] as Record<string, string | undefined>) }).filter(
				(entry): entry is [string, string] => typeof entry[1] === 'string'
			)
		);
		this.#send({ type: 'crm_save', section, record });
		this.savedAt = { ...this.savedAt, [section]: this.now() };
	}

	openCustomer(accountId: string): void {
		this.openedAccountId = accountId;
		this.#send({ type: 'customer_opened', accountId });
	}

	verifyIdentity(accountId: string): void {
		this.verifiedAccountId = accountId;
		this.#send({ type: 'identity_verified', accountId });
	}

	lookupKb(query: string, articleId?: string): void {
		this.#send({ type: 'kb_lookup', query: query.slice(0, 200), articleId });
	}

	hold(): void {
		if (this.onHold) return;
		this.onHold = true;
		this.holdStartedT = this.now();
		this.#send({ type: 'hold_start' });
	}

	resume(): void {
		if (!this.onHold) return;
		this.onHold = false;
		this.holdStartedT = null;
		this.#send({ type: 'hold_end' });
	}

	transfer(to: string, reasonCode?: string): void {
		this.#send({ type: 'transfer', to, reasonCode });
	}

	/** Resolves once every queued event reached the server (before ending the call). */
	async settle(): Promise<void> {
		this.flushEdits();
		await this.outbox.whenIdle();
	}

	dispose(): void {
		for (const timer of this.#debounce.values()) clearTimeout(timer);
		this.outbox.dispose();
	}

	#send(event: UntimedClientEvent, coalesceKey?: string, at?: number): string {
		if (!acceptsEvent(this.state, event.type)) return '';
		return this.outbox.enqueue(event.type, event, { coalesceKey, at });
	}

	#deliver(item: OutboxItem<UntimedClientEvent>, fetchFn: typeof fetch): Promise<DeliveryOutcome<PostEventResponse>> {
		const t = this.tAt(item.at);
		return postJson<PostEventResponse>(
			`/api/calls/${this.callId}/events`,
			{ clientId: item.id, event: { ...item.payload, t: Number.isFinite(t) ? t : this.now() } },
			fetchFn
		);
	}

	#delivered(item: OutboxItem<UntimedClientEvent>, res: PostEventResponse): void {
		if (item.payload.type === 'trainee_utterance') {
			const { seq, event } = res.event;
			this.transcript = this.transcript.map((l) => (l.key === item.id ? { ...l, pending: false, t: event.t, key: `e${seq}` } : l));
		}
		this.#pushMood(res.event.event.t, res.event.anger);
		this.#addSystemLine(res.event);
		for (const stored of res.added) this.#apply(stored, true);
		this.anger = res.anger;
		this.applyCoaching(res.coaching);
		this.#setState(res.state);
	}

	/** New coaching from a server answer (answers without it, such as retries, keep the last). */
	applyCoaching(coaching: Coaching | undefined): void {
		if (coaching) this.coaching = coaching;
	}

	#rejected(item: OutboxItem<UntimedClientEvent>, status: number, message: string): void {
		if (item.payload.type === 'trainee_utterance') {
			this.transcript = this.transcript.filter((l) => l.key !== item.id);
		}
		if (status === 409 && this.state === 'active') this.#setState('acw');
		this.refusals = [...this.refusals, message];
	}

	/** Move to a new state; `notify` tells the page when a live call just ended. */
	#setState(next: CallState, notify = true): void {
		const ended = this.state === 'active' && next === 'acw';
		this.state = next;
		if (ended) {
			this.onHold = false;
			if (notify) this.#onended?.();
		}
	}

	/** Events the server added on its own (the caller speaking up after dead air). */
	applyServerEvents(res: PostEventResponse): void {
		for (const stored of [res.event, ...res.added]) this.#apply(stored, true);
		this.anger = res.anger;
		this.applyCoaching(res.coaching);
		this.#setState(res.state);
	}

	/**
	 * Call time when the last line anyone said ended (the start of the call if none), timed like the call engine
	 * times it: the server counts dead air from there, so asking earlier only gets "not yet".
	 */
	get lastSpeechEndT(): number {
		for (let i = this.transcript.length - 1; i >= 0; i--) {
			const line = this.transcript[i];
			if (line.speaker !== 'system') return line.t + speakingTimeMs(line.text);
		}
		return 0;
	}

	/** The trainee hung up (the page called POST /end). */
	markEnded(): void {
		this.endedBy = 'trainee';
		this.#setState('acw');
	}

	#pushMood(t: number, anger: number): void {
		if (this.mood.at(-1)?.anger !== anger) this.mood = [...this.mood, { t, anger }];
	}

	#addPendingLine(id: string, text: string, toneAnger?: number): void {
		this.transcript = [...this.transcript, { key: id, speaker: 'trainee', text, t: this.now(), pending: true, toneAnger }];
	}

	#apply({ seq, event, anger }: StoredEvent, live: boolean): void {
		const key = `e${seq}`;
		if (this.transcript.some((l) => l.key === key)) return;
		this.#pushMood(event.t, anger);
		switch (event.type) {
			case 'customer_utterance':
				this.transcript = [...this.transcript, { key, speaker: 'customer', text: event.text, t: event.t }];
				if (live) this.#oncustomerline?.(event.text);
				break;
			case 'trainee_utterance':
				this.transcript = [...this.transcript, { key, speaker: 'trainee', text: event.text, t: event.t, toneAnger: event.tone?.anger }];
				break;
			case 'crm_change':
				(this.crm[event.section] as Record<string, string>)[event.field] = event.value;
				break;
			case 'crm_save':
				this.savedAt = { ...this.savedAt, [event.section]: event.t };
				break;
			case 'customer_opened':
				this.openedAccountId = event.accountId;
				break;
			case 'identity_verified':
				this.verifiedAccountId = event.accountId;
				break;
			case 'hold_start':
				this.onHold = true;
				this.holdStartedT = event.t;
				break;
			case 'hold_end':
				this.onHold = false;
				this.holdStartedT = null;
				break;
			case 'call_ended':
				this.onHold = false;
				this.endedBy = event.by;
				if (this.state === 'active') this.#setState('acw', live);
				break;
		}
		this.#addSystemLine({ seq, event, anger });
	}

	#addSystemLine({ seq, event }: StoredEvent): void {
		const system = SYSTEM_TEXT[event.type];
		const key = `s${seq}`;
		if (system && !this.transcript.some((l) => l.key === key)) {
			this.transcript = [...this.transcript, { key, speaker: 'system', text: system(event), t: event.t }];
		}
	}
}
