// The YAML a new scenario starts from: small, valid, and showing each part an author fills in.
import { findPlaceholderText, type PlaceholderHit } from '$lib/domain/placeholder-text';

/** Starter lines an author is meant to replace: publishing a version that still has one asks for confirmation. */
export const SCENARIO_STARTER_TEXTS = [
	'One or two sentences saying what the trainee has to do on this call.',
	'What the trainee should learn',
	'What the notes must say',
	'1 Example Street'
] as const;

/** Starter or placeholder text left in a scenario version (`<slug>.yaml:line`). */
export function scenarioPlaceholderText(slug: string, yaml: string): PlaceholderHit[] {
	return findPlaceholderText({ [`${slug}.yaml`]: yaml }, SCENARIO_STARTER_TEXTS);
}

export function starterScenarioYaml(slug: string, title: string, callDate: string): string {
	return `title: ${JSON.stringify(title)}
slug: ${slug}
difficulty: easy
summary: One or two sentences saying what the trainee has to do on this call.
company: Meridian Energy
learningGoals:
  - What the trainee should learn
callDate: ${callDate}
queue:
  ivrChoice: "2 – Bills and payments"
  reasonCode: BILL-QUERY
caller:
  firstName: Sam
  surname: Example
  phone: "07700 900000"
  email: sam.example@example.com
  address: 1 Example Street, Leeds LS1 1AA
  account:
    id: MER-00001
    product: Electricity only
    since: 2020-01-01
  history: []
identity:
  required: false
truth:
  customer:
    accountId: MER-00001
  interaction:
    channel: phone
    category: general
    status: Resolved
    keyFacts:
      - label: What the notes must say
        phrases: ["question answered"]
etiquette: [greeting, deadAir, summary, furtherHelp, politeClose]
afterCallWork:
  timeLimitSeconds: 120
  expected:
    - Interaction log, status Resolved
anger:
  start: 0.1
dialogue:
  start: ringing
  states:
    ringing:
      on:
        - intent: greeting
          to: question
    question:
      say:
        - "Hello, I've got a quick question about my account."
      on:
        - intent: offer_help
          to: goodbye
      fallback:
        - "Sorry, could you say that again?"
    goodbye:
      say:
        - "No, that's all, thank you."
      end: true
`;
}
