import { MemoryRepository, makeUscc, TONGXIANG_2018_INPUT } from '@mujun/core';
import { createGateway, printSortedSchema, schema } from '@mujun/graphql';
import { describe, expect, it } from 'vitest';
import { composedSchema } from './schema';

const uscc = makeUscc({ authority: '9', orgType: '1', divisionCode: '330483', orgCodeBody: 'MA2B0001' });

async function post(yoga: ReturnType<typeof createGateway>, query: string) {
  const res = await yoga.fetch('http://localhost/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: unknown; errors?: unknown };
}

describe('examples/compose-schema', () => {
  it("serves mujun's fields and its own side by side", async () => {
    const repository = new MemoryRepository();
    await repository.saveRegion(TONGXIANG_2018_INPUT, { actor: 'test' });
    await repository.saveRecords(
      '330483',
      {
        enterprises: [
          {
            uscc,
            name: '桐乡市某化纤厂',
            townCode: '330483108000',
            industry: '2822',
            registeredOn: '2010-03-01',
            flags: ['lowScattered', 'highEnergy'],
          },
        ],
      },
      { actor: 'test' },
    );
    const yoga = createGateway({ repository, schema: composedSchema, logging: false });
    const res = await post(
      yoga,
      `{ hello region(city: "330483") { name } enterprise(uscc: "${uscc}") { name town { name } riskNote } }`,
    );
    expect(res).toEqual({
      data: {
        hello: '你好, viewer',
        region: { name: '桐乡市' },
        enterprise: { name: '桐乡市某化纤厂', town: { name: '石门' }, riskNote: 'flagged: lowScattered, highEnergy' },
      },
    });
  });

  it("leaves mujun's own schema as it was", () => {
    expect(printSortedSchema(composedSchema)).toContain('riskNote: String');
    expect(printSortedSchema(schema)).not.toContain('riskNote');
  });
});
