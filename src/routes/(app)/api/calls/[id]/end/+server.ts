// POST /api/calls/:id/end — the trainee hangs up; after-call work begins.
import { json } from '@sveltejs/kit';
import { ownCall } from '$lib/server/calls/api';
import { endCall } from '$lib/server/calls/service';
import type { RequestHandler } from './$types';

export const POST: RequestHandler = async (event) => json(endCall(ownCall(event)));
