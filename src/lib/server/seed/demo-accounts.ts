// The demo organisation's accounts as plain data (also imported by the Playwright fixtures).
import type { Role } from '../../domain/roles';

export interface DemoUser {
	key: string;
	email: string;
	name: string;
	password: string;
	roles: Role[];
	cohort?: string;
}

const TRAINEE_PASSWORD = 'Trainee-demo-2026';
export const DEMO_COHORTS = [
	{ name: 'North team', trainer: 'priya' },
	{ name: 'South team', trainer: 'tom' }
] as const;

export const DEMO_USERS: DemoUser[] = [
	{ key: 'admin', email: 'admin@callcraft.demo', name: 'Morgan Admin', password: 'Admin-demo-2026', roles: ['admin'] },
	{ key: 'priya', email: 'priya@callcraft.demo', name: 'Priya Shah', password: 'Trainer-demo-2026', roles: ['trainer'] },
	{ key: 'tom', email: 'tom@callcraft.demo', name: 'Tom Okafor', password: 'Trainer-demo-2026', roles: ['trainer'] },
	{ key: 'alex', email: 'alex@callcraft.demo', name: 'Alex Rivera', password: TRAINEE_PASSWORD, roles: ['trainee'], cohort: 'North team' },
	{ key: 'bea', email: 'bea@callcraft.demo', name: 'Bea Lindqvist', password: TRAINEE_PASSWORD, roles: ['trainee'], cohort: 'North team' },
	{ key: 'chris', email: 'chris@callcraft.demo', name: 'Chris Nowak', password: TRAINEE_PASSWORD, roles: ['trainee'], cohort: 'North team' },
	{ key: 'dana', email: 'dana@callcraft.demo', name: 'Dana Moreau', password: TRAINEE_PASSWORD, roles: ['trainee'], cohort: 'South team' },
	{ key: 'eli', email: 'eli@callcraft.demo', name: 'Eli Haddad', password: TRAINEE_PASSWORD, roles: ['trainee'], cohort: 'South team' },
	{ key: 'fay', email: 'fay@callcraft.demo', name: 'Fay Campbell', password: TRAINEE_PASSWORD, roles: ['trainee'], cohort: 'South team' }
];

export function demoUser(key: string): DemoUser {
	const u = DEMO_USERS.find((d) => d.key === key);
	if (!u) throw new Error(`No demo user "${key}"`);
	return u;
}
