// Speech state on Redis (REDIS_URL): audio streams and the per-user fair-use limits, with the same rules as the
// in-memory versions (streams.ts, fair-use.ts), so any app process can take any chunk and every process counts the
// same limits. Each operation is one Lua script, so concurrent requests cannot break a rule between two commands.
// Audio is kept as 16-bit PCM (what the browser sends; parseWav's floats convert back exactly).

import type { ContentLanguage } from '../../domain/languages';
import { randomBytes } from 'node:crypto';
import type { Redis } from 'ioredis';
import { JOB_TIMEOUT_MS } from './backend';
import { SpeechUnavailableError } from './errors';
import { budgetError, concurrencyError, FAIR_USE_WINDOW_MS, fairUseSettings, type Admission, type FairUseSettings, type SpeechShare } from './fair-use';
import { MAX_STREAMS, MAX_STREAMS_PER_USER, STREAM_IDLE_MS, StreamError, type StreamStore } from './streams';
import { MAX_WAV_SECONDS, SAMPLE_RATE } from './wav';

/** Float samples (from 16-bit PCM) back to 16-bit little-endian PCM bytes. */
export function toPcm16(samples: Float32Array): Buffer {
	const out = Buffer.alloc(samples.length * 2);
	for (let i = 0; i < samples.length; i++) out.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(samples[i] * 32768))), i * 2);
	return out;
}

export function fromPcm16(bytes: Buffer): Float32Array {
	const n = Math.floor(bytes.length / 2);
	const out = new Float32Array(n);
	for (let i = 0; i < n; i++) out[i] = bytes.readInt16LE(i * 2) / 32768;
	return out;
}

// Keys (P = prefix): P:stream:<id> hash {user, vocab, next, len}; P:stream:<id>:pcm the audio; P:streams zset and
// P:streams:user:<uid> zset of stream ids by last use. Scores are ms plus a tick fraction (P:streams:tick), so
// streams touched in the same millisecond still keep their order and the oldest is the one dropped.
const OPEN = `
local P, id, user, vocab, now, idle, perUser, total = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local all, mine = P .. ':streams', P .. ':streams:user:' .. user
local function stamp() return now + (redis.call('INCR', P .. ':streams:tick') % 1000) / 1000 end
local function drop(sid)
  local owner = redis.call('HGET', P .. ':stream:' .. sid, 'user')
  redis.call('ZREM', all, sid)
  if owner then redis.call('ZREM', P .. ':streams:user:' .. owner, sid) end
  redis.call('DEL', P .. ':stream:' .. sid, P .. ':stream:' .. sid .. ':pcm')
end
redis.call('ZREMRANGEBYSCORE', all, '-inf', now - idle)
redis.call('ZREMRANGEBYSCORE', mine, '-inf', now - idle)
while redis.call('ZCARD', mine) >= perUser do drop(redis.call('ZRANGE', mine, 0, 0)[1]) redis.call('ZREMRANGEBYRANK', mine, 0, 0) end
while redis.call('ZCARD', all) >= total do drop(redis.call('ZRANGE', all, 0, 0)[1]) redis.call('ZREMRANGEBYRANK', all, 0, 0) end
redis.call('HSET', P .. ':stream:' .. id, 'user', user, 'vocab', vocab, 'next', 0, 'len', 0)
redis.call('PEXPIRE', P .. ':stream:' .. id, idle)
local at = stamp()
redis.call('ZADD', all, at, id)
redis.call('ZADD', mine, at, id)
redis.call('PEXPIRE', mine, idle)
return 1`;

// returns {0, samples} | {-404} | {-409, expected} | {-413, wouldBe}
const APPEND = `
local P, id, user, seq, pcm, maxSamples, now, idle = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), ARGV[5], tonumber(ARGV[6]), tonumber(ARGV[7]), tonumber(ARGV[8])
local key, audio = P .. ':stream:' .. id, P .. ':stream:' .. id .. ':pcm'
local function stamp() return now + (redis.call('INCR', P .. ':streams:tick') % 1000) / 1000 end
local h = redis.call('HMGET', key, 'user', 'next', 'len')
if not h[1] or h[1] ~= user then return {-404} end
local nextSeq, len = tonumber(h[2]), tonumber(h[3])
redis.call('PEXPIRE', key, idle)
if redis.call('EXISTS', audio) == 1 then redis.call('PEXPIRE', audio, idle) end
local at = stamp()
redis.call('ZADD', P .. ':streams', at, id)
redis.call('ZADD', P .. ':streams:user:' .. user, at, id)
if seq < nextSeq then return {0, len} end
if seq > nextSeq then return {-409, nextSeq} end
local n = math.floor(#pcm / 2)
if len + n > maxSamples then return {-413, len + n} end
if n > 0 then redis.call('APPEND', audio, pcm) redis.call('PEXPIRE', audio, idle) end
redis.call('HSET', key, 'next', nextSeq + 1, 'len', len + n)
return {0, len + n}`;

// returns {len, vocab} or {-404}; touches the stream
const CLIP = `
local P, id, user, idle, now = ARGV[1], ARGV[2], ARGV[3], tonumber(ARGV[4]), tonumber(ARGV[5])
local key = P .. ':stream:' .. id
local function stamp() return now + (redis.call('INCR', P .. ':streams:tick') % 1000) / 1000 end
local h = redis.call('HMGET', key, 'user', 'len', 'vocab')
if not h[1] or h[1] ~= user then return {-404} end
redis.call('PEXPIRE', key, idle)
if redis.call('EXISTS', key .. ':pcm') == 1 then redis.call('PEXPIRE', key .. ':pcm', idle) end
local at = stamp()
redis.call('ZADD', P .. ':streams', at, id)
redis.call('ZADD', P .. ':streams:user:' .. user, at, id)
return {tonumber(h[2]), h[3]}`;

const CLOSE = `
local P, id, user = ARGV[1], ARGV[2], ARGV[3]
local key = P .. ':stream:' .. id
if redis.call('HGET', key, 'user') ~= user then return -404 end
redis.call('DEL', key, key .. ':pcm')
redis.call('ZREM', P .. ':streams', id)
redis.call('ZREM', P .. ':streams:user:' .. user, id)
return 1`;

/** A Redis command that failed (Redis unreachable): voice is off for now, the request gets 503 voice_unavailable. */
export function redisFailure(e: unknown): never {
	if (e instanceof StreamError || e instanceof SpeechUnavailableError) throw e;
	throw new SpeechUnavailableError('unavailable', `Voice mode is off: the speech queue (Redis) cannot be reached (${(e as Error).message.split('\n')[0]}). Typing still works; voice comes back when Redis does.`);
}

const notFound = () => new StreamError(404, 'stream_not_found', 'This audio stream does not exist or has expired; start a new one.');

export class RedisStreamStore implements StreamStore {
	constructor(
		private readonly redis: Redis,
		private readonly prefix: string
	) {}

	async open(userId: number, vocabulary: readonly string[], language: ContentLanguage = 'en'): Promise<string> {
		const id = randomBytes(16).toString('base64url');
		await this.redis.eval(OPEN, 0, this.prefix, id, String(userId), JSON.stringify({ vocabulary, language }), Date.now(), STREAM_IDLE_MS, MAX_STREAMS_PER_USER, MAX_STREAMS).catch(redisFailure);
		return id;
	}

	async append(id: string, userId: number, seq: number, samples: Float32Array): Promise<number> {
		const r = (await this.redis.eval(APPEND, 0, this.prefix, id, String(userId), seq, toPcm16(samples), MAX_WAV_SECONDS * SAMPLE_RATE, Date.now(), STREAM_IDLE_MS).catch(redisFailure)) as number[];
		if (r[0] === -404) throw notFound();
		if (r[0] === -409) throw new StreamError(409, 'out_of_order', `Chunk ${seq} arrived before chunk ${r[1]}; send chunk ${r[1]} next.`, r[1], { seq });
		if (r[0] === -413) {
			throw new StreamError(413, 'too_long', `The stream would be ${(r[1] / SAMPLE_RATE).toFixed(1)} s long; the limit is ${MAX_WAV_SECONDS} s.`, undefined, { seconds: r[1] / SAMPLE_RATE });
		}
		return r[1];
	}

	async clip(id: string, userId: number) {
		const r = (await this.redis.eval(CLIP, 0, this.prefix, id, String(userId), STREAM_IDLE_MS, Date.now()).catch(redisFailure)) as [number, string];
		if (r[0] === -404) throw notFound();
		const length = r[0];
		const context = JSON.parse(r[1]) as { vocabulary: string[]; language: ContentLanguage };
		return { audio: { redisKey: this.audioKey(id), length }, durationSec: length / SAMPLE_RATE, vocabulary: context.vocabulary, language: context.language };
	}

	async close(id: string, userId: number): Promise<void> {
		if ((await this.redis.eval(CLOSE, 0, this.prefix, id, String(userId)).catch(redisFailure)) === -404) throw notFound();
	}

	audioKey(id: string) {
		return `${this.prefix}:stream:${id}:pcm`;
	}
}

// P:req:<uid> zset of request times; P:jobs:<uid> jobs in progress; P:audio:<uid> zset "t:rand:sec" by time.
const TAKE_REQUEST = `
local key, now, window, limit, member = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), ARGV[4]
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - window)
if redis.call('ZCARD', key) >= limit then
  return tonumber(redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2]) + window - now
end
redis.call('ZADD', key, now, member)
redis.call('PEXPIRE', key, window)
return 0`;

// returns {0} admitted | {-1} too many jobs | {-2, retryMs} over the audio budget
const ACQUIRE = `
local jobs, audio = KEYS[1], KEYS[2]
local now, window, maxJobs, budget, sec, member, jobTtl = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3]), tonumber(ARGV[4]), tonumber(ARGV[5]), ARGV[6], tonumber(ARGV[7])
if tonumber(redis.call('GET', jobs) or '0') >= maxJobs then return {-1} end
if sec > 0 then
  redis.call('ZREMRANGEBYSCORE', audio, '-inf', now - window)
  local recent = redis.call('ZRANGE', audio, 0, -1, 'WITHSCORES')
  local used = 0
  for i = 1, #recent, 2 do used = used + tonumber(string.match(recent[i], '([^:]+)$')) end
  if used + sec > budget then
    local freed, at = used + sec - budget, now
    for i = 1, #recent, 2 do
      at = tonumber(recent[i + 1])
      freed = freed - tonumber(string.match(recent[i], '([^:]+)$'))
      if freed <= 0 then break end
    end
    return {-2, at + window - now}
  end
  redis.call('ZADD', audio, now, member)
  redis.call('PEXPIRE', audio, window)
end
redis.call('INCR', jobs)
redis.call('PEXPIRE', jobs, jobTtl)
return {0}`;

const RELEASE = `
local n = tonumber(redis.call('GET', KEYS[1]) or '0')
if n > 1 then return redis.call('DECR', KEYS[1]) end
redis.call('DEL', KEYS[1])
return 0`;

export class RedisSpeechShare implements SpeechShare {
	constructor(
		private readonly redis: Redis,
		private readonly prefix: string,
		readonly settings: FairUseSettings = fairUseSettings()
	) {}

	async takeRequest(userId: number): Promise<Admission> {
		const now = Date.now();
		const wait = (await this.redis.eval(TAKE_REQUEST, 1, `${this.prefix}:req:${userId}`, now, FAIR_USE_WINDOW_MS, this.settings.requestsPerMin, `${now}:${randomBytes(4).toString('hex')}`).catch(redisFailure)) as number;
		return wait > 0 ? { allowed: false, retryAfterSec: Math.max(1, Math.ceil(wait / 1000)) } : { allowed: true, retryAfterSec: 0 };
	}

	async acquire(userId: number, budgetSec: number): Promise<() => void> {
		const now = Date.now();
		const jobs = `${this.prefix}:jobs:${userId}`;
		const member = `${now}:${randomBytes(4).toString('hex')}:${budgetSec}`;
		const s = this.settings;
		// the job counter outlives a crashed app process by at most twice the job timeout
		const r = (await this.redis.eval(ACQUIRE, 2, jobs, `${this.prefix}:audio:${userId}`, now, FAIR_USE_WINDOW_MS, s.jobs, s.audioSecPerMin, budgetSec, member, 2 * JOB_TIMEOUT_MS).catch(redisFailure)) as number[];
		if (r[0] === -1) throw concurrencyError(s);
		if (r[0] === -2) throw budgetError(s, Math.max(1, Math.ceil(r[1] / 1000)));
		let released = false;
		return () => {
			if (released) return;
			released = true;
			this.redis.eval(RELEASE, 1, jobs).catch(() => {});
		};
	}
}
