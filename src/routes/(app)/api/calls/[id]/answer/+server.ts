// POST /api/calls/:id/answer — pick up the ringing call; the clock starts and the caller may speak first.
import { json } from '@sveltejs/kit';
import { ownCall } from '$lib/server/calls/api';
import { answerCall } from '$lib/server/calls/service';
import { apiHandler } from '$lib/server/http';
import type { RequestEvent } from './$types';

export const POST = apiHandler(async (event: RequestEvent) => json(answerCall(ownCall(event))));
