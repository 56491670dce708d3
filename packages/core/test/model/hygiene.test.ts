import { describe, expect, it } from 'vitest';
import { FUTURE_EVENT_MARGIN_DAYS } from '../../src/campaign/index';
import {
  applyBatch,
  type BatchResult,
  parseEnterprise,
  parsePark,
  replayLedger,
  ValidationError,
} from '../../src/index';
import { freshLedger, SHIMEN, uscc } from '../campaign/fixture';

const firm = (name: string) => ({
  uscc: uscc(1),
  name,
  townCode: SHIMEN,
  industry: '1751',
  registeredOn: '2011-01-11',
});

function issuesOf(f: () => unknown) {
  try {
    f();
  } catch (e) {
    if (e instanceof ValidationError) return e.issues.map((i) => [i.field, i.rule]);
    throw e;
  }
  throw new Error('expected a ValidationError');
}

describe('text fields', () => {
  it('refuse control characters and lone surrogates, naming the field', () => {
    expect(issuesOf(() => parseEnterprise(firm('桐乡\u0000企业')))).toEqual([['enterprise.name', 'text.control']]);
    expect(issuesOf(() => parseEnterprise(firm('桐乡\u001b[31m企业')))).toEqual([['enterprise.name', 'text.control']]);
    expect(issuesOf(() => parseEnterprise(firm('桐乡\ud800企业')))).toEqual([['enterprise.name', 'text.surrogate']]);
    expect(issuesOf(() => parseEnterprise(firm('桐乡\udc00企业')))).toEqual([['enterprise.name', 'text.surrogate']]);
    expect(() => parseEnterprise(firm('桐乡𠀀企业'))).not.toThrow(); // a pair outside the BMP is fine
    const park = { id: 'P1', name: '园', townCode: SHIMEN, kind: 'smallMicroPark' };
    expect(parsePark({ ...park, entryCriteria: { notes: '第一行\n第二行\t说明' } }).entryCriteria?.notes).toContain(
      '\n',
    );
    expect(issuesOf(() => parsePark({ ...park, entryCriteria: { notes: 'a\u0007b' } }))).toEqual([
      ['park.entryCriteria.notes', 'text.control'],
    ]);
  });

  it('refuse a control character in an event note', () => {
    const r = applyBatch(freshLedger(), [
      { type: 'backwardCapacityEliminated', id: 'n1', date: '2018-03-01', townCode: SHIMEN, items: 1, note: 'x\u0000' },
    ]);
    expect(r.ok ? [] : r.errors.map((e) => [e.field, e.rule])).toEqual([['note', 'text.control']]);
  });
});

describe('future-dated events', () => {
  const at = (date: string) => [
    { type: 'backwardCapacityEliminated', id: `f-${date}`, date, townCode: SHIMEN, items: 1 },
  ];
  const rules = (r: BatchResult) => (r.ok ? [] : r.errors.map((e) => [e.field, e.rule]));
  const clock = () => new Date('2019-01-24T02:00:00Z'); // 10:00 in 桐乡

  it('are refused beyond the margin after today, by the ledger clock', () => {
    expect(FUTURE_EVENT_MARGIN_DAYS).toBe(1);
    expect(applyBatch(freshLedger(), at('2019-01-25'), { clock }).ok).toBe(true);
    expect(rules(applyBatch(freshLedger(), at('2019-01-26'), { clock }))).toEqual([['date', 'event.future']]);
    expect(rules(applyBatch(freshLedger(), at('2099-01-01')))).toEqual([['date', 'event.future']]);
    expect(applyBatch(freshLedger(), at('2019-01-31'), { clock, futureMarginDays: 7 }).ok).toBe(true);
  });

  it('uses the date in China: 23:30 UTC is already the next day', () => {
    const late = () => new Date('2019-01-24T23:30:00Z'); // 2019-01-25 07:30 in 桐乡
    expect(applyBatch(freshLedger(), at('2019-01-26'), { clock: late, futureMarginDays: 1 }).ok).toBe(true);
  });

  it('are not judged again on replay (clock: false)', () => {
    const r = applyBatch(freshLedger(), at('2099-01-01'), { clock: false });
    if (!r.ok) throw new Error('setup');
    expect(replayLedger(r.state.references, r.state.toJSON().events).ok).toBe(true);
  });
});
