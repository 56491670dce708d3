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
 * `Decimal` (exact decimal as a string), `Date` (YYYY-MM-DD) and `DateTime`
 * (ISO 8601 instant with its offset). `Decimal`
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

  const parseDateTime = (value: unknown): string => {
    if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
    if (typeof value !== 'string' || !isIsoDateTime(value))
      throw new GraphQLError(gatewayMessages.dateTimeFormat(String(value)));
    return value;
  };
  builder.scalarType('DateTime', {
    description:
      'An instant, ISO 8601 date and time with its offset (时间戳): "2026-12-07T22:56:39.123Z" or "2026-12-08T06:56:39+08:00". A value without an offset is refused.',
    serialize: parseDateTime,
    parseValue: parseDateTime,
    parseLiteral: (ast) => {
      if (ast.kind !== Kind.STRING) throw new GraphQLError(gatewayMessages.dateTimeFormat(ast.kind));
      return parseDateTime(ast.value);
    },
  });
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.\d{1,9})?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** ISO 8601 date-time with seconds and an offset (`Z` or ±hh:mm), a real calendar date and clock time. */
export function isIsoDateTime(value: string): boolean {
  const m = DATE_TIME.exec(value);
  if (m === null) return false;
  if (!isIsoDate(`${m[1]}-${m[2]}-${m[3]}`)) return false;
  const [h, min, sec, oh, om] = [m[4], m[5], m[6], m[7] ?? '00', m[8] ?? '00'].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  return h <= 23 && min <= 59 && sec <= 59 && oh <= 23 && om <= 59;
}
