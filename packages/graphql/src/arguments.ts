import type { FieldIssue } from '@mujun/core';
import { type DocumentNode, GraphQLError, Kind, type ValueNode, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { gatewayMessages } from './messages';

/*
 * Control characters in arguments (控制字符): one rule at the argument
 * boundary, for every argument of every operation, read or write. A C0
 * control character (U+0000–U+001F) or DEL in any string an argument carries
 * — written inline in the document or sent as a variable, at any depth of an
 * input object or list — refuses the whole operation before any resolver
 * runs, with a ValidationError (`INVALID_INPUT`, rule `text.control`) naming
 * the argument and the path inside it (`input.enterprises.0.uscc`).
 *
 * Tab, line feed and carriage return are whitespace, not controls: a
 * multi-line reason or a pretty-printed JSON document passes here (the core
 * refuses them where a field is single-line, and every id refuses whitespace).
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what this pattern finds
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Whether `s` holds a control character the argument rule refuses. */
export function hasControlCharacter(s: string): boolean {
  return CONTROL.test(s);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Issues for every string under `value` (a variable's value) holding a control character. */
function valueIssues(value: unknown, field: string, issues: FieldIssue[]): void {
  if (typeof value === 'string') {
    if (hasControlCharacter(value)) issues.push({ field, rule: 'text.control', message: gatewayMessages.control });
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      valueIssues(v, `${field}.${i}`, issues);
    });
  } else if (isPlainObject(value)) {
    for (const [k, v] of Object.entries(value)) valueIssues(v, `${field}.${k}`, issues);
  }
}

/** Issues for control characters in an inline argument value; `variables` hears which argument each variable fills. */
function literalIssues(node: ValueNode, field: string, issues: FieldIssue[], variables: Map<string, string>): void {
  switch (node.kind) {
    case Kind.STRING:
      if (hasControlCharacter(node.value))
        issues.push({ field, rule: 'text.control', message: gatewayMessages.control });
      return;
    case Kind.LIST:
      node.values.forEach((v, i) => {
        literalIssues(v, `${field}.${i}`, issues, variables);
      });
      return;
    case Kind.OBJECT:
      for (const f of node.fields) literalIssues(f.value, `${field}.${f.name.value}`, issues, variables);
      return;
    case Kind.VARIABLE:
      if (!variables.has(node.name.value)) variables.set(node.name.value, field);
      return;
    default:
      return;
  }
}

/**
 * The control-character issues of an operation: its inline arguments, and
 * its variables named by the argument they fill (`$input` in
 * `saveEnterprises(input: $input)` is reported as `input…`).
 */
export function controlCharacterIssues(
  document: DocumentNode,
  variableValues: Readonly<Record<string, unknown>> | null | undefined,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const variables = new Map<string, string>();
  visit(document, {
    Argument(node) {
      literalIssues(node.value, node.name.value, issues, variables);
    },
  });
  for (const [name, value] of Object.entries(variableValues ?? {})) {
    valueIssues(value, variables.get(name) ?? `$${name}`, issues);
  }
  return issues;
}

/** The yoga plugin applying the rule to every operation (see the module comment). */
export function noControlCharacters(): Plugin {
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      const issues = controlCharacterIssues(args.document, args.variableValues);
      const first = issues[0];
      if (first === undefined) return;
      setResultAndStopExecution({
        errors: [
          new GraphQLError(`[mujun] ${first.field}: ${first.message} (${first.rule})`, {
            extensions: { code: 'INVALID_INPUT', fieldErrors: issues },
          }),
        ],
      });
    },
  };
}
