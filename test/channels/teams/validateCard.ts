// Parses a card with the official `adaptivecards` library (its UMD build: the ESM build has extensionless
// imports Node cannot load) and returns every parse/validation event; also checks Teams' 28 KB budget.
import { createRequire } from 'node:module';
import type * as AdaptiveCards from 'adaptivecards';

const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

export interface CardCheck {
  events: string[];
  bytes: number;
  roundTrip: unknown;
}

export function checkCard(json: unknown): CardCheck {
  const card = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  context.targetVersion = AC.Versions.v1_5;
  card.parse(json, context);
  const events: string[] = [];
  for (let i = 0; i < context.eventCount; i++) events.push(context.getEventAt(i).message);
  for (const event of card.validateProperties().validationEvents) events.push(`validation: ${event.message}`);
  return { events, bytes: Buffer.byteLength(JSON.stringify(json), 'utf8'), roundTrip: card.toJSON() };
}
