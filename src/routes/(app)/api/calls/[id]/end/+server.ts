// POST /api/calls/:id/end — the trainee hangs up; after-call work begins.
import { json } from '@sveltejs/kit';
import { ownCall } from '$lib/server/calls/api';
import { endCall } from '$lib/server/calls/service';
import { apiHandler } from '$lib/server/http';
import type { RequestEvent } from './$types';

export const POST = apiHandler(async (event: RequestEvent) => json(endCall(ownCall(event))));
