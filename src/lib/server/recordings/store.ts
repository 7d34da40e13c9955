// Recorded calls on disk: each spoken turn of the trainee is one 8 kHz µ-law WAV file in
// <RECORDINGS_DIR>/<callId>/, listed in call_recordings. The player gets one WAV of the whole call, assembled on the
// fly: the turns at their moments on the call's clock and silence between them (served by byte range, so a
// 30-minute call opens as fast as a short one). Limits, deletion and the retention clean-up live here too.
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, rmSync, statSync, existsSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { and, asc, eq, inArray, lt, sql } from 'drizzle-orm';
import { db, databasePath } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { calls } from '$lib/server/db/schema/calls';
import { callRecordings } from '$lib/server/db/schema/recordings';
import { ApiFailure } from '$lib/server/http';
import type { CallRow } from '$lib/server/calls/service';
import type { RecordingInfo } from '$lib/sim/result-view';
import { encodeMulaw8k, MULAW_HEADER_BYTES, MULAW_SILENCE, mulawWavHeader, RECORDING_RATE } from './mulaw';
import { m } from '$lib/paraglide/messages';
import { formatInteger } from '$lib/i18n/format';

const SAMPLES_PER_MS = RECORDING_RATE / 1000;
/** Uploads for a finished call are still taken this long after it ended (a turn in flight when the call ended). */
export const LATE_UPLOAD_MS = 10 * 60_000;
/** A turn may start this much after the call's clock says "now" (browser and server clocks differ a little). */
const CLOCK_SLACK_MS = 5_000;

const envNumber = (name: string, fallback: number) => {
	const raw = process.env[name];
	const n = raw === undefined || raw === '' ? fallback : Number(raw);
	return Number.isFinite(n) && n >= 0 ? n : fallback;
};

/** Settings (read when used, so tests and operators can change them): see docs/recordings.md. */
export const recordingSettings = () => ({
	dir: resolve(process.env.RECORDINGS_DIR ?? join(dirname(databasePath), 'recordings')),
	/** Days a recording is kept after its call started; 0 keeps recordings for ever. */
	retentionDays: envNumber('RECORDING_RETENTION_DAYS', 90),
	/** Most trainee audio kept per call, in minutes; an upload beyond it is refused with 413. */
	maxCallMinutes: envNumber('RECORDING_MAX_CALL_MINUTES', 60)
});

const callDir = (callId: string) => join(recordingSettings().dir, callId);

/** How long the call has run on its own clock (answer → hang-up, or → now while it is on). */
export function callClockMs(call: Pick<CallRow, 'startedAt' | 'endedAt'>, now = Date.now()): number {
	return call.startedAt ? Math.max(0, (call.endedAt?.getTime() ?? now) - call.startedAt.getTime()) : 0;
}

export interface RecordedSegment {
	id: number;
	t: number;
	samples: number;
	file: string;
}

/**
 * Keep one spoken turn (16 kHz samples from the speech upload format) of `call`, which starts `t` ms after the call
 * was answered. A retried upload (same clientId) is stored once. Throws ApiFailure 409/413/400 with a message.
 */
export async function saveTurnAudio(call: CallRow, clientId: string, t: number, samples16k: Float32Array, now = Date.now()): Promise<{ id: number; samples: number; bytes: number; duplicate: boolean }> {
	if (call.state === 'ringing' || !call.startedAt) throw new ApiFailure(409, 'call_not_answered', m.api_call_not_answered());
	if (call.state === 'completed' && call.endedAt && now - call.endedAt.getTime() > LATE_UPLOAD_MS) {
		throw new ApiFailure(409, 'call_ended', m.api_recording_too_late());
	}
	if (t > callClockMs(call, now) + CLOCK_SLACK_MS) throw new ApiFailure(400, 'invalid_query', m.api_recording_after_end(), 't');
	const existing = db
		.select({ id: callRecordings.id, samples: callRecordings.samples, bytes: callRecordings.bytes })
		.from(callRecordings)
		.where(and(eq(callRecordings.callId, call.id), eq(callRecordings.clientId, clientId)))
		.get();
	if (existing) return { ...existing, duplicate: true };
	const encoded = encodeMulaw8k(samples16k);
	if (encoded.length === 0) throw new ApiFailure(400, 'empty', m.api_audio_empty());
	const kept = db
		.select({ n: sql<number>`coalesce(sum(${callRecordings.samples}), 0)` })
		.from(callRecordings)
		.where(eq(callRecordings.callId, call.id))
		.get()!.n;
	const { maxCallMinutes } = recordingSettings();
	if (kept + encoded.length > maxCallMinutes * 60 * RECORDING_RATE) {
		throw new ApiFailure(413, 'recording_full', m.api_recording_full({ kept: formatInteger(Math.round(kept / RECORDING_RATE / 60)), max: formatInteger(maxCallMinutes) }));
	}
	const file = `${randomUUID()}.wav`;
	const dir = callDir(call.id);
	mkdirSync(dir, { recursive: true });
	const bytes = MULAW_HEADER_BYTES + encoded.length;
	await writeFile(join(dir, file), Buffer.concat([mulawWavHeader(encoded.length), encoded]));
	const row = db
		.insert(callRecordings)
		.values({ callId: call.id, clientId, t, samples: encoded.length, file, bytes, createdAt: new Date(now) })
		.onConflictDoNothing()
		.returning({ id: callRecordings.id })
		.get();
	if (!row) {
		// the same turn arrived twice at once: the other request stored it
		rmSync(join(dir, file), { force: true });
		const other = db.select().from(callRecordings).where(and(eq(callRecordings.callId, call.id), eq(callRecordings.clientId, clientId))).get()!;
		return { id: other.id, samples: other.samples, bytes: other.bytes, duplicate: true };
	}
	return { id: row.id, samples: encoded.length, bytes, duplicate: false };
}

export function segmentsOf(callId: string): RecordedSegment[] {
	return segmentsOfCall().all({ callId });
}
const segmentsOfCall = lazy(() =>
	db
		.select({ id: callRecordings.id, t: callRecordings.t, samples: callRecordings.samples, file: callRecordings.file })
		.from(callRecordings)
		.where(eq(callRecordings.callId, sql.placeholder('callId')))
		.orderBy(asc(callRecordings.t), asc(callRecordings.id))
		.prepare()
);

/** A run of the whole-call audio: a turn's file from `offset`, or silence (file null). In samples. */
export interface Piece {
	at: number;
	length: number;
	file: string | null;
}

/**
 * The whole call on one clock: each turn at its start (moved to the end of the previous turn if they overlap),
 * silence between, silence to the end of the call. Pure.
 */
export function layoutRecording(segments: readonly Pick<RecordedSegment, 't' | 'samples' | 'file'>[], callMs: number): { pieces: Piece[]; samples: number } {
	const pieces: Piece[] = [];
	let pos = 0;
	for (const s of [...segments].sort((a, b) => a.t - b.t)) {
		const at = Math.max(pos, Math.round(s.t * SAMPLES_PER_MS));
		if (at > pos) pieces.push({ at: pos, length: at - pos, file: null });
		pieces.push({ at, length: s.samples, file: s.file });
		pos = at + s.samples;
	}
	const total = Math.max(pos, Math.round(callMs * SAMPLES_PER_MS));
	if (total > pos) pieces.push({ at: pos, length: total - pos, file: null });
	return { pieces, samples: total };
}

/** The recording of a call (no file is read, only checked to exist), or null when it has none (typed call, or deleted by the retention clean-up). */
export function recordingInfo(callId: string, callMs: number): RecordingInfo | null {
	const segments = segmentsOf(callId);
	if (segments.length === 0) return null;
	const dir = callDir(callId);
	const missing = segments.filter((s) => !existsSync(join(dir, s.file))).length;
	const { samples } = layoutRecording(segments, callMs);
	return { durationMs: Math.round(samples / SAMPLES_PER_MS), turns: segments.length, missing };
}

/** Size in bytes of the whole-call WAV of `samples` samples. */
export const wavSize = (samples: number) => MULAW_HEADER_BYTES + samples;

const CHUNK = 64 * 1024;

/**
 * Bytes `start`…`end` (inclusive) of the whole-call WAV, in chunks of at most 64 kB. A turn whose file is missing or
 * short plays as silence rather than failing the response half-way.
 */
export async function* wavBytes(callId: string, layout: { pieces: Piece[]; samples: number }, start: number, end: number): AsyncGenerator<Uint8Array> {
	const header = mulawWavHeader(layout.samples);
	if (start < MULAW_HEADER_BYTES) yield header.subarray(start, Math.min(MULAW_HEADER_BYTES, end + 1));
	let d = Math.max(0, start - MULAW_HEADER_BYTES);
	const last = end - MULAW_HEADER_BYTES; // last data byte wanted (inclusive)
	const dir = callDir(callId);
	for (const p of layout.pieces) {
		if (d > last) break;
		if (p.at + p.length <= d) continue;
		const to = Math.min(p.at + p.length - 1, last);
		if (p.file === null) {
			for (let i = d; i <= to; i += CHUNK) yield new Uint8Array(Math.min(CHUNK, to - i + 1)).fill(MULAW_SILENCE);
		} else {
			const handle = await open(join(dir, p.file), 'r').catch(() => null);
			try {
				for (let i = d; i <= to; i += CHUNK) {
					const buf = new Uint8Array(Math.min(CHUNK, to - i + 1)).fill(MULAW_SILENCE);
					if (handle) await handle.read(buf, 0, buf.length, MULAW_HEADER_BYTES + (i - p.at));
					yield buf;
				}
			} finally {
				await handle?.close();
			}
		}
		d = to + 1;
	}
}

/** Delete a call's recording: its files and rows. */
export function deleteRecording(callId: string): void {
	rmSync(callDir(callId), { recursive: true, force: true });
	db.delete(callRecordings).where(eq(callRecordings.callId, callId)).run();
}

/** A folder in the recordings directory this young may belong to an upload whose row is being written. */
const ORPHAN_GRACE_MS = 60 * 60_000;

/**
 * The retention clean-up: recordings of calls that started more than RECORDING_RETENTION_DAYS ago are deleted, and so
 * are folders whose call no longer exists (a call or user deleted in the database). Returns what it removed.
 */
export function sweepRecordings(now = Date.now()): { expired: number; orphans: number } {
	const { retentionDays, dir } = recordingSettings();
	let expired = 0;
	if (retentionDays > 0) {
		const cutoff = new Date(now - retentionDays * 86_400_000);
		const old = db
			.selectDistinct({ callId: callRecordings.callId })
			.from(callRecordings)
			.innerJoin(calls, eq(calls.id, callRecordings.callId))
			.where(lt(calls.createdAt, cutoff))
			.all();
		for (const { callId } of old) deleteRecording(callId);
		expired = old.length;
	}
	let orphans = 0;
	const folders = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name) : [];
	for (let i = 0; i < folders.length; i += 500) {
		const batch = folders.slice(i, i + 500);
		const kept = new Set(
			db.selectDistinct({ callId: callRecordings.callId }).from(callRecordings).where(inArray(callRecordings.callId, batch)).all().map((r) => r.callId)
		);
		for (const name of batch) {
			if (kept.has(name)) continue;
			const path = join(dir, name);
			if (now - statSync(path).mtimeMs < ORPHAN_GRACE_MS) continue;
			rmSync(path, { recursive: true, force: true });
			orphans++;
		}
	}
	return { expired, orphans };
}
