// The CRM record as the trainee left it, rebuilt from the timeline (edits and saves, in order).

import { CRM_FIELDS, emptyCrmRecord, type AcknowledgementEmail, type CrmRecord, type CrmSection } from '../crm';
import type { TimelineEvent } from './events';
import { EventFold } from './event-fold';

export interface RecordState {
	record: CrmRecord;
	/** per section and field: index of the event that last set it (evidence for the scorer) */
	lastEdit: { [S in CrmSection]: Record<string, number> };
	/** index of the last save per section, if saved */
	lastSave: Partial<Record<CrmSection, number>>;
	acknowledgement: AcknowledgementEmail | null;
	acwSavedIndex: number | null;
}

export function recordFromTimeline(events: readonly TimelineEvent[]): RecordState {
	return new RecordFold().extend(events).state;
}

/** The same fold kept over a growing timeline (live coaching): `extend` applies only the events added since. */
export class RecordFold extends EventFold {
	readonly state: RecordState = {
		record: emptyCrmRecord(),
		lastEdit: { customer: {}, interaction: {}, ticket: {}, appointment: {} },
		lastSave: {},
		acknowledgement: null,
		acwSavedIndex: null
	};

	protected take(event: TimelineEvent, index: number): void {
		applyEvent(this.state, event, index);
	}
}

/**
 * The record after more events, from the record as it was (the stored working record): the same fold as
 * recordFromTimeline, so appending to a long call costs only the new events. `firstIndex` is the new events' seq.
 */
export function applyToRecord(record: CrmRecord, events: readonly TimelineEvent[], firstIndex: number): CrmRecord {
	const state: RecordState = {
		record: structuredClone(record),
		lastEdit: { customer: {}, interaction: {}, ticket: {}, appointment: {} },
		lastSave: {},
		acknowledgement: null,
		acwSavedIndex: null
	};
	events.forEach((event, i) => applyEvent(state, event, firstIndex + i));
	return state.record;
}

function applyEvent(state: RecordState, event: TimelineEvent, index: number): void {
	if (event.type === 'crm_change') {
		if (!isField(event.section, event.field)) return;
		setField(state, event.section, event.field, event.value, index);
	} else if (event.type === 'crm_save') {
		for (const [field, value] of Object.entries(event.record)) {
			if (isField(event.section, field)) setField(state, event.section, field, value, index);
		}
		state.lastSave[event.section] = index;
	} else if (event.type === 'customer_opened') {
		setField(state, 'customer', 'accountId', event.accountId, index);
	} else if (event.type === 'acw_saved') {
		state.acknowledgement = event.email;
		state.acwSavedIndex = index;
	}
}

function isField(section: CrmSection, field: string): boolean {
	return (CRM_FIELDS[section] as readonly string[]).includes(field);
}

function setField(state: RecordState, section: CrmSection, field: string, value: string, index: number) {
	const fields = state.record[section] as Record<string, string>;
	if (fields[field] === value) return;
	fields[field] = value;
	state.lastEdit[section][field] = index;
}
