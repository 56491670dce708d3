import { MemoryRepository, makeUscc, TONGXIANG_2018_INPUT, ValidationError } from '@mujun/core';
import { canonicalWriteInput, saveAnnualData, saveEnterprises, WRITE_SHAPES } from '@mujun/core/cycle';
import { describe, expect, it } from 'vitest';

const USCC = makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: 'MA2B0001' });
const FULL_WIDTH_OFFSET = 0xff01 - 0x21;
/** Lower case, full-width digits, padded with an ideographic space. */
const spelt = `\u3000${[...USCC.toLowerCase()].map((c) => (c >= '0' && c <= '9' ? String.fromCodePoint(c.charCodeAt(0) + FULL_WIDTH_OFFSET) : c)).join('')} `;
const context = { actor: 'test:cycle' };

async function repository() {
  const r = new MemoryRepository();
  await r.saveRegion(TONGXIANG_2018_INPUT, context);
  return r;
}

describe('cycle write steps', () => {
  it('authorise sees only canonical ids, and the record is stored under them', async () => {
    const repo = await repository();
    const seen: unknown[] = [];
    const input = {
      city: '３３０４８３',
      enterprises: [{ uscc: spelt, name: '示例企业', town: ' 石门 ', industry: '1751', registeredOn: '2010-01-01' }],
    };
    const { value, changed } = await saveEnterprises(repo, input, {
      context,
      authorise: (canonical) => {
        seen.push(canonical);
      },
    });
    expect(seen).toEqual([{ city: '330483', enterprises: [expect.objectContaining({ uscc: USCC, town: '石门' })] }]);
    expect(value.map((e) => e.uscc)).toEqual([USCC]);
    expect(changed).toEqual({ regionCode: '330483', enterprises: [USCC] });
  });

  it('a refusal by authorise writes nothing; an id that does not parse never reaches it', async () => {
    const repo = await repository();
    const before = (await repo.listAudit()).length;
    const input = { city: '330483', records: [{ uscc: USCC, year: 2018, scale: 'belowDesignatedSize', tax: '1' }] };
    await expect(
      saveAnnualData(repo, input, {
        context,
        authorise: () => {
          throw new Error('refused');
        },
      }),
    ).rejects.toThrow('refused');
    let called = false;
    const bad = { city: '330483', records: [{ uscc: `${USCC.slice(0, 9)} ${USCC.slice(9)}`, year: 2018 }] };
    const error = await saveAnnualData(repo, bad, {
      context,
      authorise: () => {
        called = true;
      },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues[0]?.field).toBe('input.records.0.uscc');
    expect(called).toBe(false);
    expect((await repo.listAudit()).length).toBe(before);
  });

  it('canonicalWriteInput names every bad id and leaves other fields alone', () => {
    const error = (() => {
      try {
        canonicalWriteInput(WRITE_SHAPES.saveParcels, {
          city: '330483',
          parcels: [{ id: 'P 1', town: '石门', area: ' 3 ', holderUscc: 'x' }],
        });
      } catch (e) {
        return e as ValidationError;
      }
    })();
    expect(error?.issues.map((i) => [i.field, i.rule.split('.')[0]])).toEqual([
      ['input.parcels.0.id', 'id'],
      ['input.parcels.0.holderUscc', 'uscc'],
    ]);
    const ok = canonicalWriteInput(WRITE_SHAPES.saveParcels, {
      city: '330483',
      parcels: [{ id: ' ＳＭ－００１ ', town: '石门', area: ' 3 ' }],
    });
    expect(ok.parcels[0]).toEqual({ id: 'SM-001', town: '石门', area: ' 3 ' });
  });
});
