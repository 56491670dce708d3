import { type FieldIssue, InvalidTransitionError } from '@mujun/core';
import type { MujunBuilder } from '../builder';
import { NotAuthorisedError, ValidationError, VersionConflictError } from '../errors';

/** One broken rule of one input field; `eventId` names the event of a batch it belongs to. */
export interface FieldErrorShape extends FieldIssue {
  readonly eventId?: string;
}

/**
 * Typed domain errors, members of mutation result unions. They share the
 * `DomainError` interface, so `... on DomainError { message }` reads any.
 */
export function addErrorTypes(builder: MujunBuilder) {
  const DomainError = builder.interfaceRef<Error>('DomainError').implement({
    description: 'An expected failure the client can act on. Unexpected failures are GraphQL errors, masked.',
    fields: (t) => ({
      message: t.exposeString('message'),
    }),
  });

  const FieldError = builder.objectRef<FieldErrorShape>('FieldError').implement({
    description: 'A broken rule at one input field.',
    fields: (t) => ({
      field: t.exposeString('field', { description: 'Dotted path, e.g. enterprises.0.uscc.' }),
      rule: t.exposeString('rule', { description: 'Machine name of the rule, e.g. uscc.checkDigit.' }),
      message: t.exposeString('message'),
      eventId: t.id({
        nullable: true,
        description: 'The event of a batch the field belongs to, for campaign event batches.',
        resolve: (f) => f.eventId ?? null,
      }),
    }),
  });

  builder.objectType(ValidationError, {
    name: 'ValidationError',
    description: 'The input broke one or more rules; nothing was written.',
    interfaces: [DomainError],
    fields: (t) => ({
      fieldErrors: t.field({ type: [FieldError], resolve: (e) => e.issues }),
    }),
  });

  builder.objectType(VersionConflictError, {
    name: 'VersionConflict',
    description: 'The write expected another version of the ledger: read again and retry.',
    interfaces: [DomainError],
    fields: (t) => ({
      expectedVersion: t.exposeInt('expectedVersion'),
      actualVersion: t.exposeInt('actualVersion'),
    }),
  });

  builder.objectType(InvalidTransitionError, {
    name: 'InvalidTransition',
    description:
      "The evaluation run's status does not allow this (finalising twice, objecting outside 公示期, ...); nothing changed.",
    interfaces: [DomainError],
    fields: (t) => ({
      status: t.exposeString('status', { description: 'The run status when the transition was refused.' }),
      action: t.exposeString('action'),
      rule: t.exposeString('rule', { description: 'Machine name of the rule, e.g. run.window.' }),
    }),
  });

  builder.objectType(NotAuthorisedError, {
    name: 'NotAuthorised',
    description: 'The token may not do this.',
    interfaces: [DomainError],
    fields: (t) => ({
      requiredRole: t.exposeString('requiredRole', { nullable: true }),
      division: t.exposeString('division', {
        nullable: true,
        description: 'The town or city that was refused, when it is one.',
      }),
    }),
  });
}
