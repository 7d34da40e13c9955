import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { createUser } from '$lib/server/db/queries/users';
import { importContentScenarios } from '$lib/server/scenarios/versions';
import { ApiFailure } from '$lib/server/http';
import { db } from '$lib/server/db';
import { calls } from '$lib/server/db/schema/calls';
import { callRecordings } from '$lib/server/db/schema/recordings';
import { answerCall, startCall, type CallRow } from '$lib/server/calls/service';
import { parseWav } from '$lib/server/ml/wav';
import { encodeWav } from '$lib/audio/wav-encode';
import { MULAW_HEADER_BYTES, mulawDecode, RECORDING_RATE } from './mulaw';
import { deleteRecording, layoutRecording, recordingInfo, recordingSettings, saveTurnAudio, segmentsOf, sweepRecordings, wavBytes, wavSize } from './store';

const SLUG = 'angry-billing-dispute';
let userId: number;

beforeAll(async () => {
	importContentScenarios();
	userId = await createUser({ email: 'rec@test', name: 'Rec Trainee', password: 'x-password-1', roles: ['trainee'] });
});

const fresh = (id: string) => db.select().from(calls).where(eq(calls.id, id)).get()!;
function answeredCall(): CallRow {
	const call = startCall(userId, SLUG);
	answerCall(call);
	return fresh(call.id);
}
/** `sec` seconds of a 440 Hz tone at 16 kHz. */
const tone = (sec: number, amp = 0.4) => Float32Array.from({ length: Math.round(sec * 16000) }, (_, i) => amp * Math.sin((2 * Math.PI * 440 * i) / 16000));
async function failure(p: Promise<unknown>) {
	try {
		await p;
	} catch (e) {
		if (e instanceof ApiFailure) return { status: e.status, code: e.code };
		throw e;
	}
	throw new Error('expected an ApiFailure');
}
async function collect(gen: AsyncGenerator<Uint8Array>) {
	const parts: Uint8Array[] = [];
	for await (const p of gen) parts.push(p);
	return Buffer.concat(parts);
}

describe('keeping a spoken turn', () => {
	it('stores it as an 8 kHz µ-law WAV file under the call’s folder, ≤ 1 MB per recorded minute', async () => {
		const call = answeredCall();
		const saved = await saveTurnAudio(call, 'turn-1', 0, tone(3));
		expect(saved).toMatchObject({ samples: 3 * RECORDING_RATE, duplicate: false });
		const [segment] = segmentsOf(call.id);
		const file = join(recordingSettings().dir, call.id, segment.file);
		const bytes = readFileSync(file);
		expect(bytes.length).toBe(MULAW_HEADER_BYTES + 3 * RECORDING_RATE);
		expect(bytes.subarray(0, 4).toString()).toBe('RIFF');
		expect(bytes.readUInt16LE(20)).toBe(7); // WAVE_FORMAT_MULAW
		// 60 s of audio is 0.48 MB
		expect(MULAW_HEADER_BYTES + 60 * RECORDING_RATE).toBeLessThanOrEqual(1_000_000);
		// the tone survives the round trip at about its level
		const peak = Math.max(...[...bytes.subarray(MULAW_HEADER_BYTES + 1000, MULAW_HEADER_BYTES + 2000)].map((b) => Math.abs(mulawDecode(b))));
		expect(peak).toBeGreaterThan(0.3);
		expect(peak).toBeLessThan(0.5);
	});

	it('stores a retried upload (same turn id) once', async () => {
		const call = answeredCall();
		await saveTurnAudio(call, 'same', 100, tone(1));
		const again = await saveTurnAudio(call, 'same', 100, tone(1));
		expect(again.duplicate).toBe(true);
		expect(segmentsOf(call.id)).toHaveLength(1);
		expect(readdirSync(join(recordingSettings().dir, call.id))).toHaveLength(1);
	});

	it('refuses audio for a call that was not answered (409) and a turn after the call’s clock (400)', async () => {
		const ringing = startCall(userId, SLUG);
		expect(await failure(saveTurnAudio(ringing, 'x', 0, tone(1)))).toEqual({ status: 409, code: 'call_not_answered' });
		const call = answeredCall();
		expect(await failure(saveTurnAudio(call, 'x', 3_600_000, tone(1)))).toEqual({ status: 400, code: 'invalid_query' });
	});

	it('refuses a finished call’s audio once the late-upload window has passed (409)', async () => {
		const call = answeredCall();
		const ended = { ...call, state: 'completed' as const, endedAt: new Date(Date.now() - 11 * 60_000) };
		expect(await failure(saveTurnAudio(ended, 'late', 0, tone(1)))).toEqual({ status: 409, code: 'call_ended' });
	});

	it('refuses audio beyond the minutes a call may keep with 413', async () => {
		const call = answeredCall();
		process.env.RECORDING_MAX_CALL_MINUTES = String(2 / 60); // two seconds
		try {
			await saveTurnAudio(call, 'a', 0, tone(1.5));
			expect(await failure(saveTurnAudio(call, 'b', 2000, tone(1)))).toEqual({ status: 413, code: 'recording_full' });
			expect(segmentsOf(call.id)).toHaveLength(1);
		} finally {
			delete process.env.RECORDING_MAX_CALL_MINUTES;
		}
	});

	it('the speech WAV parser refuses a turn longer than 60 s or larger than 2 MB with 413', () => {
		expect(() => parseWav(encodeWav(tone(61, 0.1)))).toThrow(expect.objectContaining({ status: 413 }));
		expect(() => parseWav(new Uint8Array(2 * 1024 * 1024 + 1))).toThrow(expect.objectContaining({ status: 413 }));
	});
});

describe('the whole call on one clock', () => {
	it('places turns at their moments with silence between and to the end of the call', () => {
		const { pieces, samples } = layoutRecording(
			[
				{ t: 1000, samples: 8000, file: 'a' },
				{ t: 5000, samples: 4000, file: 'b' }
			],
			10_000
		);
		expect(samples).toBe(80_000);
		expect(pieces).toEqual([
			{ at: 0, length: 8000, file: null },
			{ at: 8000, length: 8000, file: 'a' },
			{ at: 16000, length: 24000, file: null },
			{ at: 40000, length: 4000, file: 'b' },
			{ at: 44000, length: 36000, file: null }
		]);
	});

	it('moves an overlapping turn to the end of the one before and never cuts audio at the call’s end', () => {
		const { pieces, samples } = layoutRecording(
			[
				{ t: 0, samples: 16000, file: 'a' },
				{ t: 1000, samples: 8000, file: 'b' }
			],
			1000
		);
		expect(pieces.map((p) => [p.at, p.file])).toEqual([
			[0, 'a'],
			[16000, 'b']
		]);
		expect(samples).toBe(24000);
	});

	it('serves any byte range of the whole-call WAV: header, silence and the turn’s bytes', async () => {
		const call = answeredCall();
		await saveTurnAudio(call, 'r1', 500, tone(1));
		const segments = segmentsOf(call.id);
		const layout = layoutRecording(segments, 3000);
		const size = wavSize(layout.samples);
		expect(size).toBe(MULAW_HEADER_BYTES + 24000);
		const whole = await collect(wavBytes(call.id, layout, 0, size - 1));
		expect(whole.length).toBe(size);
		expect(whole.readUInt32LE(54)).toBe(24000);
		expect(whole[MULAW_HEADER_BYTES + 10]).toBe(0xff); // silence before the turn
		const file = readFileSync(join(recordingSettings().dir, call.id, segments[0].file));
		expect(whole.subarray(MULAW_HEADER_BYTES + 4000, MULAW_HEADER_BYTES + 12000).equals(file.subarray(MULAW_HEADER_BYTES))).toBe(true);
		// a range in the middle equals the same bytes of the whole
		const part = await collect(wavBytes(call.id, layout, 3000, 9000));
		expect(part.equals(whole.subarray(3000, 9001))).toBe(true);
	});

	it('plays a missing turn file as silence and reports it missing', async () => {
		const call = answeredCall();
		await saveTurnAudio(call, 'm1', 0, tone(1));
		const [segment] = segmentsOf(call.id);
		rmSync(join(recordingSettings().dir, call.id, segment.file));
		expect(recordingInfo(call.id, 2000)).toEqual({ durationMs: 2000, turns: 1, missing: 1 });
		const layout = layoutRecording(segmentsOf(call.id), 2000);
		const bytes = await collect(wavBytes(call.id, layout, MULAW_HEADER_BYTES, MULAW_HEADER_BYTES + 99));
		expect([...bytes].every((b) => b === 0xff)).toBe(true);
	});

	it('a call without recorded turns has no recording', () => {
		expect(recordingInfo(answeredCall().id, 1000)).toBeNull();
	});
});

describe('deletion and retention', () => {
	it('deletes a call’s files and rows together', async () => {
		const call = answeredCall();
		await saveTurnAudio(call, 'd1', 0, tone(0.5));
		deleteRecording(call.id);
		expect(existsSync(join(recordingSettings().dir, call.id))).toBe(false);
		expect(segmentsOf(call.id)).toEqual([]);
	});

	it('the clean-up deletes recordings past the retention days and keeps newer ones', async () => {
		const old = answeredCall();
		const recent = answeredCall();
		await saveTurnAudio(old, 'o', 0, tone(0.5));
		await saveTurnAudio(recent, 'n', 0, tone(0.5));
		db.update(calls).set({ createdAt: new Date(Date.now() - 100 * 86_400_000) }).where(eq(calls.id, old.id)).run();
		process.env.RECORDING_RETENTION_DAYS = '90';
		try {
			const swept = sweepRecordings();
			expect(swept.expired).toBeGreaterThanOrEqual(1);
			expect(segmentsOf(old.id)).toEqual([]);
			expect(existsSync(join(recordingSettings().dir, old.id))).toBe(false);
			expect(segmentsOf(recent.id)).toHaveLength(1);
		} finally {
			delete process.env.RECORDING_RETENTION_DAYS;
		}
	});

	it('RECORDING_RETENTION_DAYS=0 keeps recordings for ever', async () => {
		const old = answeredCall();
		await saveTurnAudio(old, 'k', 0, tone(0.5));
		db.update(calls).set({ createdAt: new Date(Date.now() - 3000 * 86_400_000) }).where(eq(calls.id, old.id)).run();
		process.env.RECORDING_RETENTION_DAYS = '0';
		try {
			sweepRecordings();
			expect(segmentsOf(old.id)).toHaveLength(1);
		} finally {
			delete process.env.RECORDING_RETENTION_DAYS;
		}
	});

	it('deleting a call deletes its recording rows, and the clean-up then removes its files', async () => {
		const call = answeredCall();
		await saveTurnAudio(call, 'c', 0, tone(0.5));
		const dir = join(recordingSettings().dir, call.id);
		db.delete(calls).where(eq(calls.id, call.id)).run();
		expect(db.select().from(callRecordings).where(eq(callRecordings.callId, call.id)).all()).toEqual([]);
		// a folder written in the last hour may belong to an upload still being saved: kept until it is older
		expect(sweepRecordings().orphans).toBe(0);
		expect(existsSync(dir)).toBe(true);
		const longAgo = new Date(Date.now() - 2 * 3600_000);
		utimesSync(dir, longAgo, longAgo);
		expect(sweepRecordings().orphans).toBe(1);
		expect(existsSync(dir)).toBe(false);
	});

	it('the clean-up leaves a recordings directory that does not exist alone', () => {
		const dir = recordingSettings().dir;
		rmSync(dir, { recursive: true, force: true });
		expect(sweepRecordings()).toEqual({ expired: 0, orphans: 0 });
		mkdirSync(dir, { recursive: true });
	});
});
