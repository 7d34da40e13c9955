// Reading a call's stored timeline and its CRM working record.
import { and, asc, eq, gte } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { callCrmRecords, callEvents } from '$lib/server/db/schema/calls';
import type { TimelineEvent } from '$lib/domain/call';
import type { CrmRecord } from '$lib/domain/crm';
import type { StoredEvent } from '$lib/schemas/call-api';

export function loadEvents(callId: string): StoredEvent[] {
	return loadEventsFrom(callId, 0);
}

/** The stored events from `fromSeq` on (a range of call_events_seq_uq): what was appended since a reader's last look. */
export function loadEventsFrom(callId: string, fromSeq: number): StoredEvent[] {
	return db
		.select({ seq: callEvents.seq, event: callEvents.payload, anger: callEvents.anger })
		.from(callEvents)
		.where(fromSeq > 0 ? and(eq(callEvents.callId, callId), gte(callEvents.seq, fromSeq)) : eq(callEvents.callId, callId))
		.orderBy(asc(callEvents.seq))
		.all()
		.map((r) => ({ seq: r.seq, event: r.event as TimelineEvent, anger: r.anger }));
}

export function loadCrmRecord(callId: string): CrmRecord | null {
	const row = db.select({ record: callCrmRecords.record }).from(callCrmRecords).where(eq(callCrmRecords.callId, callId)).get();
	return (row?.record as CrmRecord | undefined) ?? null;
}

