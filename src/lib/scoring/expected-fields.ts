// The perfect record as a list of fields, each with its label, expected value, weight and comparator.

import type { Vocabulary } from '../domain/call/text-match';
import { PHONE_REGION } from '../domain/languages';
import type { KeyFact, Scenario } from '../schemas/scenario';
import {
	compareDate,
	compareEmail,
	compareFacts,
	compareIdentifier,
	compareName,
	comparePhone,
	comparePicklist,
	compareTime,
	compareWords,
	type Comparison
} from './comparators';
import type { FieldResult } from './types';

export interface ExpectedField {
	section: FieldResult['section'];
	field: string;
	label: string;
	expected: string;
	/** free-text fields with several facts weigh more than one picklist */
	weight: number;
	compare: (entered: string) => Comparison;
}

const factsText = (facts: readonly KeyFact[]) => facts.map((f) => f.label).join('; ');

export function expectedFields(scenario: Scenario, vocabulary: Vocabulary): ExpectedField[] {
	const { truth } = scenario;
	const fields: ExpectedField[] = [];
	const add = (
		section: ExpectedField['section'],
		field: string,
		label: string,
		expected: string,
		compare: (entered: string) => Comparison,
		weight = 1
	) => fields.push({ section, field, label, expected, compare, weight });
	const facts = (list: readonly KeyFact[]) => (entered: string) => compareFacts(entered, list, vocabulary);
	const region = PHONE_REGION[scenario.language];

	const c = truth.customer;
	add('customer', 'accountId', 'Account', c.accountId, (v) => compareIdentifier(v, c.accountId));
	if (c.firstName) add('customer', 'firstName', 'First name', c.firstName, (v) => compareName(v, c.firstName!));
	if (c.surname) add('customer', 'surname', 'Surname', c.surname, (v) => compareName(v, c.surname!));
	if (c.phone) add('customer', 'phone', 'Phone', c.phone, (v) => comparePhone(v, c.phone!, region));
	if (c.email) add('customer', 'email', 'E-mail', c.email, (v) => compareEmail(v, c.email!));
	if (c.address) add('customer', 'address', 'Address', c.address, (v) => compareWords(v, c.address!), 2);

	const i = truth.interaction;
	add('interaction', 'channel', 'Channel', i.channel, (v) => comparePicklist(v, i.channel));
	add('interaction', 'category', 'Category', i.category, (v) => comparePicklist(v, i.category));
	add('interaction', 'status', 'Status', i.status, (v) => comparePicklist(v, i.status));
	// an outcome that needs no detailed report (a wrong number, no answer) expects no notes: the status is the report
	if (i.keyFacts.length > 0) add('interaction', 'notes', 'Notes', factsText(i.keyFacts), facts(i.keyFacts), 3);
	if (i.followUpDate) add('interaction', 'followUpDate', 'Follow-up date', i.followUpDate, (v) => compareDate(v, i.followUpDate!));
	if (i.followUpTime) add('interaction', 'followUpTime', 'Callback time', i.followUpTime, (v) => compareTime(v, i.followUpTime!));

	const t = truth.ticket;
	if (t) {
		add('ticket', 'subject', 'Subject', factsText(t.subjectFacts), facts(t.subjectFacts));
		add('ticket', 'priority', 'Priority', t.priority, (v) => comparePicklist(v, t.priority));
		add('ticket', 'description', 'Description', factsText(t.descriptionFacts), facts(t.descriptionFacts), 2);
		if (t.team) add('ticket', 'team', 'Assigned team', t.team, (v) => comparePicklist(v, t.team!));
	}

	const a = truth.appointment;
	if (a) {
		add('appointment', 'meetingDate', 'Meeting date', a.meetingDate, (v) => compareDate(v, a.meetingDate));
		add('appointment', 'meetingTime', 'Meeting time', a.meetingTime, (v) => compareTime(v, a.meetingTime));
		add('appointment', 'clientTitle', 'Client title', a.clientTitle, (v) => compareName(v, a.clientTitle));
		add('appointment', 'firstName', 'First name', a.firstName, (v) => compareName(v, a.firstName));
		add('appointment', 'surname', 'Surname', a.surname, (v) => compareName(v, a.surname));
		add('appointment', 'phone', 'Phone', a.phone, (v) => comparePhone(v, a.phone, region));
		add('appointment', 'email', 'E-mail', a.email, (v) => compareEmail(v, a.email));
		add('appointment', 'subject', 'Subject', factsText(a.subjectFacts), facts(a.subjectFacts));
		add('appointment', 'outcome', 'Outcome', a.outcome, (v) => comparePicklist(v, a.outcome));
	}

	const ack = truth.acknowledgement;
	if (ack) {
		add('acknowledgement', 'to', 'Recipient', ack.to, (v) => compareEmail(v, ack.to));
		add('acknowledgement', 'body', 'Content', factsText(ack.mustMention), facts(ack.mustMention), 2);
	}
	return fields;
}
