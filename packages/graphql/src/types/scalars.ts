import { isIsoDate, Rational } from '@mujun/core';
import { isMujunDecimal } from '@mujun/core/internal';
import { GraphQLError, Kind } from 'graphql';
import type { MujunBuilder } from '../builder';
import { gatewayMessages } from '../messages';

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** A decimal string as it arrived, checked for form (no exponent, no float). */
export function parseDecimalString(value: string): string {
  const s = value.trim();
  if (!DECIMAL.test(s)) throw new GraphQLError(gatewayMessages.decimalFormat(value));
  return s;
}

function parseDecimalValue(value: unknown): string {
  if (typeof value === 'string') return parseDecimalString(value);
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new GraphQLError(gatewayMessages.decimalNumber(value));
    return String(value);
  }
  throw new GraphQLError(gatewayMessages.decimalType(typeof value));
}

function serializeDecimal(value: unknown): string {
  if (typeof value === 'string') return parseDecimalString(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number' && Number.isSafeInteger(value)) return String(value);
  if (isMujunDecimal(value)) return value.toFixed();
  if (value instanceof Rational) return value.toDecimal().toFixed();
  throw new GraphQLError(gatewayMessages.decimalType(typeof value));
}

/**
 * `Decimal` (exact decimal as a string) and `Date` (YYYY-MM-DD). `Decimal`
 * refuses float literals (`1.5` in a query) and JS numbers with a fraction in
 * variables: they have already lost exactness. Integers are accepted.
 */
export function addScalars(builder: MujunBuilder): void {
  builder.scalarType('Decimal', {
    description:
      'An exact decimal number, sent and received as a string ("24.097", "-0.0302"). Float literals are refused; integers are accepted.',
    serialize: serializeDecimal,
    parseValue: parseDecimalValue,
    parseLiteral: (ast) => {
      if (ast.kind === Kind.STRING) return parseDecimalString(ast.value);
      if (ast.kind === Kind.INT) return ast.value;
      if (ast.kind === Kind.FLOAT) throw new GraphQLError(gatewayMessages.decimalFloat(ast.value));
      throw new GraphQLError(gatewayMessages.decimalType(ast.kind));
    },
  });

  const parseDate = (value: unknown): string => {
    if (typeof value !== 'string' || !isIsoDate(value))
      throw new GraphQLError(gatewayMessages.dateFormat(String(value)));
    return value;
  };
  builder.scalarType('Date', {
    description: 'A calendar date, YYYY-MM-DD (no time, no zone).',
    serialize: parseDate,
    parseValue: parseDate,
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(gatewayMessages.dateFormat(ast.kind));
      return parseDate(ast.value);
    },
  });
}
