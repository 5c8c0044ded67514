// botbuilder 4.23 serializes outgoing activities with @azure/core-client, which looks up the `Entity` model
// mapper for each element of `activity.entities`; that mapper declares only `type`, `text` and `mentioned`
// and no additional properties, so every other field of an entity is silently dropped on the wire
// (`streaminfo` loses its streamId/streamType/streamSequence, the schema.org Message its AI label and
// citations). The `Activity` mapper's own element declaration allows additional properties; this makes the
// shared `Entity` mapper say the same, once per process. Tests assert the entities the connector receives.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface CompositeMapper {
  type: { name: string; className?: string; additionalProperties?: unknown };
}

let done = false;

/** Lets outgoing activity entities keep all their properties (idempotent). */
export function keepEntityProperties(): void {
  if (done) return;
  const mappers = require('botframework-connector/lib/connectorApi/models/mappers') as { Entity?: CompositeMapper };
  const entity = mappers.Entity;
  if (entity && entity.type.name === 'Composite' && !entity.type.additionalProperties) {
    entity.type.additionalProperties = { type: { name: 'Object' } };
  }
  done = true;
}
