import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { request } from '../api';
import { graphql } from '../gql';
import type { AnnualDataInput, FirmFiguresQuery, ObjectionOutcome, Scale } from '../gql/graphql';
import { ANNUAL_FIELD_LABELS, OBJECTION_CATEGORY, OBJECTION_OUTCOME, UI, UNIT_LABELS } from '../labels';
import { useSession } from '../session';
import { FieldRefusals, FormRefusals, type Refusal, refusalsOf } from './errors';

const FirmFiguresDocument = graphql(`
  query FirmFigures($uscc: ID!, $year: Int!) {
    enterprise(uscc: $uscc) {
      name
      annualData(year: $year) {
        scale
        revenue {
          wanYuan
        }
        tax {
          wanYuan
        }
        valueAdded {
          wanYuan
        }
        rdExpense {
          wanYuan
        }
        sales {
          wanYuan
        }
        employees
        energy {
          tce
        }
        electricity {
          wanKWh
        }
        landArea {
          mu
        }
        water {
          tonnes
        }
        cod {
          tonnes
        }
        emissionEquivalent {
          equivalentTonnes
        }
      }
    }
  }
`);

const ResolveObjectionDocument = graphql(`
  mutation ResolveObjection($input: ResolveObjectionInput!) {
    resolveObjection(input: $input) {
      __typename
      ... on ObjectionSuccess {
        objection {
          id
          classChanges {
            from
            to
          }
        }
      }
      ... on ValidationError {
        message
        fieldErrors {
          field
          rule
          message
        }
      }
      ... on InvalidTransition {
        message
        rule
      }
      ... on NotAuthorised {
        message
      }
    }
  }
`);

type Figures = NonNullable<NonNullable<FirmFiguresQuery['enterprise']>['annualData']>;
type FigureKey = Exclude<keyof AnnualDataInput, 'uscc' | 'year' | 'scale'>;

/**
 * How the form reads each figure of the firm's year, in the unit
 * AnnualDataInput takes it: one entry per field of AnnualDataInput (a figure
 * the API gains and this form lacks does not typecheck), in the form's order.
 */
const READ: {
  readonly [K in FigureKey]: { unit: keyof typeof UNIT_LABELS; read: (d: Figures) => string | undefined };
} = {
  revenue: { unit: 'wanYuan', read: (d) => d.revenue?.wanYuan },
  tax: { unit: 'wanYuan', read: (d) => d.tax?.wanYuan },
  valueAdded: { unit: 'wanYuan', read: (d) => d.valueAdded?.wanYuan },
  rdExpense: { unit: 'wanYuan', read: (d) => d.rdExpense?.wanYuan },
  sales: { unit: 'wanYuan', read: (d) => d.sales?.wanYuan },
  employees: { unit: 'person', read: (d) => (d.employees == null ? undefined : String(d.employees)) },
  energy: { unit: 'tce', read: (d) => d.energy?.tce },
  electricity: { unit: 'wanKWh', read: (d) => d.electricity?.wanKWh },
  landArea: { unit: 'mu', read: (d) => d.landArea?.mu },
  water: { unit: 'waterTonne', read: (d) => d.water?.tonnes },
  cod: { unit: 'tonne', read: (d) => d.cod?.tonnes },
  emissionEquivalent: { unit: 'equivalentTonne', read: (d) => d.emissionEquivalent?.equivalentTonnes },
};

/**
 * The firm's figures a correction may change: the one table the form, the
 * "before" column and the mutation's input derive from, each labelled with
 * core's term for the figure (`ANNUAL_FIELD_LABELS`) and its unit.
 */
const FIGURES: readonly { key: FigureKey; label: string; read: (d: Figures) => string | undefined }[] = (
  Object.keys(READ) as FigureKey[]
).map((key) => ({
  key,
  label: `${ANNUAL_FIELD_LABELS[key]}（${UNIT_LABELS[READ[key].unit]}）`,
  read: READ[key].read,
}));

export interface ObjectionRow {
  readonly id: string;
  readonly uscc: string;
  readonly category: keyof typeof OBJECTION_CATEGORY;
  readonly reason: string;
  readonly town: { readonly name: string };
  readonly resolved: boolean;
  readonly resolution?: { readonly outcome: ObjectionOutcome; readonly reason: string } | null;
  readonly classChanges: readonly { readonly from?: string | null; readonly to?: string | null }[];
}

/** The correction as the mutation takes it: decimals stay the strings typed, blanks are left out. */
function correctionOf(uscc: string, year: number, scale: Scale, values: Record<string, string>): AnnualDataInput {
  const record: Record<string, string | number> = { uscc, year, scale };
  for (const f of FIGURES) {
    const v = values[f.key]?.trim();
    if (v) record[f.key] = f.key === 'employees' ? Number(v) : v;
  }
  return record as unknown as AnnualDataInput;
}

/** 复核: one objection with its resolve form (decision, reason, the firm's figures before and after a correction). */
export function ResolveForm({
  objection: o,
  year,
  onResolved,
}: {
  readonly objection: ObjectionRow;
  readonly year: number;
  readonly onResolved: () => void;
}) {
  const { token } = useSession();
  const w = UI.workbench;
  const firm = useQuery({
    queryKey: ['firmFigures', o.uscc, year, token],
    queryFn: () => request(FirmFiguresDocument, { uscc: o.uscc, year }, token),
  });
  const before = firm.data?.enterprise?.annualData ?? undefined;
  const [open, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<ObjectionOutcome>('CORRECTION');
  const [reason, setReason] = useState('');
  const [overrideClass, setOverrideClass] = useState('A');
  const [values, setValues] = useState<Record<string, string> | undefined>();
  const [refusals, setRefusals] = useState<Refusal[]>([]);
  const [failure, setFailure] = useState<string | undefined>();
  // The figures before and after a correction, kept as they were at submit (the firm's query refetches the new ones).
  const [diff, setDiff] = useState<{ before: Record<string, string>; after: Record<string, string> } | undefined>();
  const current = Object.fromEntries(FIGURES.map((f) => [f.key, (before && f.read(before)) ?? '']));
  const shown = values ?? current;

  const submit = async () => {
    setFailure(undefined);
    try {
      const input = {
        objectionId: o.id,
        outcome,
        reason,
        ...(outcome === 'CORRECTION' && before
          ? { correction: { annualData: correctionOf(o.uscc, year, before.scale, shown) } }
          : {}),
        ...(outcome === 'OVERRIDE' ? { override: { class: overrideClass } } : {}),
      };
      const result = (await request(ResolveObjectionDocument, { input }, token)).resolveObjection;
      setRefusals(refusalsOf(result));
      if (result.__typename === 'ObjectionSuccess') {
        if (outcome === 'CORRECTION') setDiff({ before: current, after: shown });
        onResolved();
      }
    } catch (e) {
      setFailure((e as Error).message);
    }
  };

  const name = firm.data?.enterprise?.name ?? '';
  return (
    <div className="objection" data-objection={o.id} data-testid="objection">
      <p>
        <strong>{name}</strong> <span className="muted">{o.uscc}</span> · {o.town.name} ·{' '}
        {OBJECTION_CATEGORY[o.category]}：{o.reason}{' '}
        <span data-testid="objection-state">
          {o.resolution ? w.resolvedAs(OBJECTION_OUTCOME[o.resolution.outcome]) : UI.objectionOpen}
        </span>
        {o.classChanges.map((c) => (
          <span key={`${c.from}-${c.to}`} data-testid="class-change">
            {' '}
            {w.classChange(c.from ?? '—', c.to ?? '—')}
          </span>
        ))}
      </p>
      {diff ? (
        <table data-testid="correction-diff">
          <thead>
            <tr>
              <th />
              <th>{w.before}</th>
              <th>{w.after}</th>
            </tr>
          </thead>
          <tbody>
            {FIGURES.filter((f) => diff.before[f.key] !== diff.after[f.key]).map((f) => (
              <tr key={f.key} data-figure={f.key}>
                <th>{f.label}</th>
                <td className="num">{diff.before[f.key]}</td>
                <td className="num">{diff.after[f.key]}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {!o.resolved && !open ? (
        <button type="button" onClick={() => setOpen(true)} data-testid="resolve-open">
          {w.resolve}
        </button>
      ) : null}
      {!o.resolved && open ? (
        <form
          data-testid="resolve-form"
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <label>
            {w.outcome}{' '}
            <select name="outcome" value={outcome} onChange={(e) => setOutcome(e.target.value as ObjectionOutcome)}>
              {(Object.keys(OBJECTION_OUTCOME) as ObjectionOutcome[]).map((k) => (
                <option key={k} value={k}>
                  {OBJECTION_OUTCOME[k]}
                </option>
              ))}
            </select>
          </label>{' '}
          <label>
            {w.reason} <input name="reason" value={reason} onChange={(e) => setReason(e.target.value)} size={40} />
            <FieldRefusals refusals={refusals} field="reason" />
          </label>
          {outcome === 'OVERRIDE' ? (
            <label>
              {UI.workbench.outcome}{' '}
              <select name="overrideClass" value={overrideClass} onChange={(e) => setOverrideClass(e.target.value)}>
                {['A', 'B', 'C', 'D', 'T'].map((c) => (
                  <option key={c}>{c}</option>
                ))}
              </select>
              <FieldRefusals refusals={refusals} field="override.class" />
            </label>
          ) : null}
          {outcome === 'CORRECTION' && before ? (
            <table data-testid="correction-form">
              <caption>{w.correctionHeading}</caption>
              <thead>
                <tr>
                  <th />
                  <th>{w.before}</th>
                  <th>{w.after}</th>
                </tr>
              </thead>
              <tbody>
                {FIGURES.map((f) => (
                  <tr key={f.key}>
                    <th>{f.label}</th>
                    <td className="num">{f.read(before) ?? ''}</td>
                    <td>
                      <input
                        name={f.key}
                        inputMode="decimal"
                        value={shown[f.key] ?? ''}
                        onChange={(e) => setValues({ ...shown, [f.key]: e.target.value })}
                      />
                      <FieldRefusals refusals={refusals} field={f.key} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
          <button type="submit" data-testid="resolve-submit">
            {w.submitResolve}
          </button>
          <FormRefusals refusals={refusals} fields={['reason', 'override.class', ...FIGURES.map((f) => f.key)]} />
          {failure ? <p className="error">{failure}</p> : null}
        </form>
      ) : null}
    </div>
  );
}
