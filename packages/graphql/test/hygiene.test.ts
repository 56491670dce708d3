import { createGateway, mintDevToken } from '@mujun/graphql';
import { describe, expect, it } from 'vitest';
import { at, bearer, gql, memoryGateway, SECRET, SHIMEN, uscc } from './fixtures';

const SAVE = `mutation ($input: SaveEnterprisesInput!) {
  saveEnterprises(input: $input) {
    __typename
    ... on ValidationError { fieldErrors { field rule message } }
    ... on NotAuthorised { message }
  }
}`;
const RECORD = `mutation ($input: RecordCampaignEventsInput!) {
  recordCampaignEvents(input: $input) {
    __typename
    ... on ValidationError { fieldErrors { field rule } }
  }
}`;
const admin = () => mintDevToken({ role: 'cityAdmin', city: '330483', secret: SECRET });
const firm = (over: Record<string, unknown>) => ({
  city: '330483',
  enterprises: [
    { uscc: uscc(1), name: '桐乡市企业1有限公司', town: '石门', industry: '1751', registeredOn: '2011-01-11', ...over },
  ],
});
type Row = { field: string; rule: string; message: string };

describe('input hygiene through the gateway', () => {
  it('refuses a NUL or a lone surrogate in a name as a ValidationError naming the field, writing nothing', async () => {
    const { yoga, repository } = await memoryGateway();
    const auditBefore = (await repository.listAudit()).length;
    // A control character is refused at the argument boundary for every operation (INVALID_INPUT, arguments.ts).
    const nul = await gql(yoga, SAVE, { input: firm({ name: '企业\u0000名' }) }, bearer(await admin()));
    expect(nul.data ?? null).toBeNull();
    expect(nul.errors?.[0]?.extensions).toMatchObject({
      code: 'INVALID_INPUT',
      fieldErrors: [{ field: 'input.enterprises.0.name', rule: 'text.control' }],
    });
    // A lone surrogate is the record's own rule: a typed ValidationError.
    const res = await gql(yoga, SAVE, { input: firm({ name: '企业\ud800名' }) }, bearer(await admin()));
    expect(res.errors).toBeUndefined();
    expect(at(res.data, 'saveEnterprises.__typename')).toBe('ValidationError');
    const errors = at(res.data, 'saveEnterprises.fieldErrors') as Row[];
    expect(errors.map((e) => [e.field, e.rule])).toEqual([['input.enterprises.0.name', 'text.surrogate']]);
    expect((await repository.listAudit()).length).toBe(auditBefore);
  });

  it('names the input path of a reference error, not an index into the registry', async () => {
    const { yoga } = await memoryGateway();
    const res = await gql(yoga, SAVE, { input: firm({ park: 'NOPE' }) }, bearer(await admin()));
    const errors = at(res.data, 'saveEnterprises.fieldErrors') as Row[];
    expect(errors.map((e) => [e.field, e.rule])).toEqual([['input.enterprises.0.parkId', 'reference.park']]);
  });

  it("answers a city admin's unknown town as a validation error, not as NotAuthorised", async () => {
    const { yoga } = await memoryGateway();
    const res = await gql(yoga, SAVE, { input: firm({ town: '不存在镇' }) }, bearer(await admin()));
    expect(at(res.data, 'saveEnterprises.__typename')).toBe('ValidationError');
    expect((at(res.data, 'saveEnterprises.fieldErrors') as Row[])[0]).toMatchObject({
      field: 'input.enterprises.0.town',
      rule: 'reference.town',
    });
  });

  it('refuses an event dated in the future', async () => {
    const { yoga, repository } = await memoryGateway();
    const event = { type: 'BACKWARD_CAPACITY_ELIMINATED', id: 'F-1', date: '2099-01-01', townCode: SHIMEN, items: 1 };
    const res = await gql(yoga, RECORD, { input: { city: '330483', events: [event] } }, bearer(await admin()));
    expect(at(res.data, 'recordCampaignEvents.fieldErrors')).toEqual([
      { field: 'input.events.0.date', rule: 'event.future' },
    ]);
    expect((await repository.loadLedger('330483'))?.version ?? 0).toBe(0);
    // The margin is the gateway's to set (eventDateMarginDays, MUJUN_EVENT_DATE_MARGIN_DAYS).
    const lenient = createGateway({
      repository,
      auth: { secret: SECRET },
      logging: false,
      eventDateMarginDays: 40_000,
    });
    const ok = await gql(lenient, RECORD, { input: { city: '330483', events: [event] } }, bearer(await admin()));
    expect(at(ok.data, 'recordCampaignEvents.__typename')).toBe('RecordCampaignEventsSuccess');
  });

  it('explains a huge JS number and an inexact value without a missing unit', async () => {
    const { yoga } = await memoryGateway();
    const query =
      'query ($v: Decimal) { enterprises(city: "330483", year: 2018, taxPerMuBelow: $v) { edges { cursor } } }';
    const huge = await gql(yoga, query, { v: 1e300 });
    expect(huge.errors?.[0]?.message).toContain('beyond 2^53 a JS number is not exact; send a string');
    expect(huge.errors?.[0]?.message).not.toContain('fraction');
  });
});
