// A user's in-app notifications: the list, the unread count in the header, marking read, and e-mail opt-outs.
import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { db } from '$lib/server/db';
import { lazy } from '$lib/server/db/lazy';
import { emailOptOuts, notifications } from '$lib/server/db/schema/notifications';
import type { NotificationKind } from '$lib/domain/notifications/notifications';

// every signed-in page's layout shows it: prepared once
const unread = lazy(() =>
	db
		.select({ n: sql<number>`count(*)` })
		.from(notifications)
		.where(and(eq(notifications.userId, sql.placeholder('userId')), isNull(notifications.readAt)))
		.prepare()
);

export function unreadCount(userId: number): number {
	return unread().get({ userId })?.n ?? 0;
}

export function listNotifications(userId: number, limit = 100) {
	return db.select().from(notifications).where(eq(notifications.userId, userId)).orderBy(desc(notifications.createdAt), desc(notifications.id)).limit(limit).all();
}

/** Marks one of the user's notifications read; returns it (null when it is not theirs). */
export function markRead(userId: number, id: number, now = new Date()) {
	const row = db.select().from(notifications).where(and(eq(notifications.id, id), eq(notifications.userId, userId))).get();
	if (!row) return null;
	if (!row.readAt) db.update(notifications).set({ readAt: now }).where(eq(notifications.id, id)).run();
	return row;
}

export function markAllRead(userId: number, now = new Date()): void {
	db.update(notifications).set({ readAt: now }).where(and(eq(notifications.userId, userId), isNull(notifications.readAt))).run();
}

export function emailOptOutsOf(userId: number): NotificationKind[] {
	return db.select({ kind: emailOptOuts.kind }).from(emailOptOuts).where(eq(emailOptOuts.userId, userId)).all().map((r) => r.kind);
}

/** Replaces the user's opt-outs: e-mail for every kind not in `emailKinds` is switched off. */
export function setEmailKinds(userId: number, off: NotificationKind[]): void {
	db.transaction((tx) => {
		tx.delete(emailOptOuts).where(eq(emailOptOuts.userId, userId)).run();
		for (const kind of new Set(off)) tx.insert(emailOptOuts).values({ userId, kind }).run();
	});
}
