// POST /api/calls/:id/answer — pick up the ringing call; the clock starts and the caller may speak first.
import { json } from '@sveltejs/kit';
import { ownCall } from '$lib/server/calls/api';
import { answerCall } from '$lib/server/calls/service';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => json(answerCall(ownCall(event)));
