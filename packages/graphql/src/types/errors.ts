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
  // Each error type repeats `message` with this description: GraphQL does not inherit an interface field's.
  const message = { description: 'What went wrong, for people (in English).' };
  const DomainError = builder.interfaceRef<Error>('DomainError').implement({
    description:
      'An expected failure (业务错误) the client can act on. Unexpected failures are GraphQL errors, masked.',
    fields: (t) => ({
      message: t.exposeString('message', message),
    }),
  });

  const FieldError = builder.objectRef<FieldErrorShape>('FieldError').implement({
    description: 'A broken rule (校验规则) at one input field.',
    fields: (t) => ({
      field: t.exposeString('field', { description: 'Dotted path, e.g. enterprises.0.uscc.' }),
      rule: t.exposeString('rule', { description: 'Machine name of the rule, e.g. uscc.checkDigit.' }),
      message: t.exposeString('message', { description: 'The rule as broken here, for people (in English).' }),
      eventId: t.id({
        nullable: true,
        description: 'The event of a batch the field belongs to, for campaign event batches.',
        resolve: (f) => f.eventId ?? null,
      }),
    }),
  });

  builder.objectType(ValidationError, {
    name: 'ValidationError',
    description: 'The input broke one or more rules (校验失败); nothing was written.',
    interfaces: [DomainError],
    fields: (t) => ({
      message: t.exposeString('message', message),
      fieldErrors: t.field({
        type: [FieldError],
        description: 'Every broken rule, one per field and rule.',
        resolve: (e) => e.issues,
      }),
    }),
  });

  builder.objectType(VersionConflictError, {
    name: 'VersionConflict',
    description: 'The write expected another version of the ledger (版本冲突): read again and retry.',
    interfaces: [DomainError],
    fields: (t) => ({
      message: t.exposeString('message', message),
      expectedVersion: t.exposeInt('expectedVersion', {
        description: 'The ledger version (台账版本) the write was based on.',
      }),
      actualVersion: t.exposeInt('actualVersion', { description: 'The ledger version (台账版本) now stored.' }),
    }),
  });

  builder.objectType(InvalidTransitionError, {
    name: 'InvalidTransition',
    description:
      "The evaluation run's status does not allow this (finalising twice, objecting outside 公示期, ...); nothing changed.",
    interfaces: [DomainError],
    fields: (t) => ({
      message: t.exposeString('message', message),
      status: t.exposeString('status', { description: 'The run status when the transition was refused.' }),
      action: t.exposeString('action', {
        description: 'The action refused, e.g. publish, fileObjection or finalize.',
      }),
      rule: t.exposeString('rule', { description: 'Machine name of the rule, e.g. run.window.' }),
    }),
  });

  builder.objectType(NotAuthorisedError, {
    name: 'NotAuthorised',
    description: 'The token may not do this (无权限).',
    interfaces: [DomainError],
    fields: (t) => ({
      message: t.exposeString('message', message),
      requiredRole: t.exposeString('requiredRole', {
        nullable: true,
        description: 'A role that may do it, e.g. townOperator or cityAdmin; null when the refusal names none.',
      }),
      division: t.exposeString('division', {
        nullable: true,
        description: 'The town or city that was refused, when it is one.',
      }),
    }),
  });
}
