// Reading a call's stored timeline and its CRM working record.
import { and, asc, eq, gte, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { callCrmRecords, callEvents } from '$lib/server/db/schema/calls';
import type { TimelineEvent } from '$lib/domain/call';
import type { CrmRecord } from '$lib/domain/crm';
import type { StoredEvent } from '$lib/schemas/call-api';

export function loadEvents(callId: string): StoredEvent[] {
	return loadEventsFrom(callId, 0);
}

/** The stored events from `fromSeq` on (a range of call_events_seq_uq): what was appended since a reader's last look. */
export function loadEventsFrom(callId: string, fromSeq: number): StoredEvent[] {
	return eventsFrom()
		.all({ callId, fromSeq })
		.map((r) => ({ seq: r.seq, event: r.event as TimelineEvent, anger: r.anger }));
}

export function loadCrmRecord(callId: string): CrmRecord | null {
	const row = crmRecordOf().get({ callId });
	return (row?.record as CrmRecord | undefined) ?? null;
}

// Every call event reads these: prepared once.
const eventsFrom = lazy(() =>
	db
		.select({ seq: callEvents.seq, event: callEvents.payload, anger: callEvents.anger })
		.from(callEvents)
		.where(and(eq(callEvents.callId, sql.placeholder('callId')), gte(callEvents.seq, sql.placeholder('fromSeq'))))
		.orderBy(asc(callEvents.seq))
		.prepare()
);
const crmRecordOf = lazy(() =>
	db.select({ record: callCrmRecords.record }).from(callCrmRecords).where(eq(callCrmRecords.callId, sql.placeholder('callId'))).prepare()
);

