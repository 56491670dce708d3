import { parseRegistry, type Registry } from '@mujun/core';

/** Two firms of 桐乡 (the same as intake.test.ts's), and B's 2018 规模. */
export const A = '91330483100555740Y';
export const B = '913304831006317317';
export const A_NAME = '桐乡市绣恒纺机有限公司';
export const B_NAME = '桐乡市永金毛衫有限公司';

export function smallRegistry(): Registry {
  return parseRegistry({
    region: {
      code: '330483',
      name: '桐乡市',
      towns: [
        { code: '330483001000', name: '梧桐', fullName: '梧桐街道', kind: 'subdistrict' },
        { code: '330483108000', name: '石门', fullName: '石门镇', kind: 'town' },
      ],
    },
    enterprises: [
      { uscc: A, name: A_NAME, townCode: '330483001000', industry: '3551', registeredOn: '2004-04-29' },
      { uscc: B, name: B_NAME, townCode: '330483108000', industry: '1763', registeredOn: '2014-08-13' },
    ],
    annualData: [{ uscc: B, year: 2018, scale: 'belowDesignatedSize', revenue: '500' }],
  });
}
