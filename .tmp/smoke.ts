import { evaluationPreset, evaluate, parseEnterprise, parseAnnualData, makeUscc } from '../packages/core/src/index';
const s = evaluationPreset('huangyan-2022');
const u = makeUscc({ authority: '9', orgType: '1', divisionCode: '331003', orgCodeBody: 'MA2B0001' });
const e = parseEnterprise({ uscc: u, name: '甲', townCode: '331003100000', industry: '1751', registeredOn: '2010-01-01' });
const d = parseAnnualData({ uscc: u, year: 2022, scale: 'aboveDesignatedSize', tax: '481.94', valueAdded: '2723.2', revenue: '9000', employees: 150, energy: '1361.6', emissionEquivalent: '0.5524', rdExpense: '270', landArea: '10' });
const r = evaluate(s, { enterprises: [e], annualData: [d] });
console.log(JSON.stringify(r, null, 1).slice(0, 3000));
