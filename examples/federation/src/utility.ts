/**
 * A power utility's subgraph (供电公司子图): the utility's own records,
 * joined to mujun's `Enterprise` by its 统一社会信用代码. It adds
 * `electricityAccounts` (用电户 and their metered consumption) and
 * `differentiatedTariff` (差别化电价), the surcharge the utility bills from
 * the class list the county's 亩均办 handed over.
 *
 * Written SDL-first with `@apollo/subgraph` and served by graphql-yoga, to
 * show that the other side of a federation need not use Pothos or mujun.
 *
 * Meter readings are a firm's figures, confidential outside its town's
 * operators and its city's admins (mujun's rule). The utility does not know a
 * firm's town: `@requires(fields: "town { code }")` has the gateway fetch it
 * from mujun first, and the utility checks the forwarded bearer token
 * (verified with the same HS256 secret, by mujun's `authenticate`) against it.
 */
import { buildSubgraphSchema } from '@apollo/subgraph';
import { type EvaluationClass, type PolicyTable, parsePolicyTable, Rational } from '@mujun/core';
import { AuthenticationError, authenticate, canWriteTown, createVerifier, type Principal } from '@mujun/graphql';
import { GraphQLError, GraphQLScalarType, Kind, parse } from 'graphql';
import { createYoga, type YogaServerInstance } from 'graphql-yoga';

/** The classes a differentiated price depends on; T (免评) and unrated firms pay the standard price. */
export type TariffClass = Extract<EvaluationClass, 'A' | 'B' | 'C' | 'D'>;

/** An electricity account (用电户) with its metered consumption per year, in kWh (exact decimal strings). */
export interface ElectricityAccount {
  readonly accountNo: string;
  readonly uscc: string;
  readonly consumptionKWh: ReadonlyMap<number, string>;
}

/**
 * A differentiated-price list (差别化电价名单) as handed over by the 亩均办:
 * the classes of one evaluation (data year `dataYear`), billed in `billingYear`.
 */
export interface PolicyList {
  readonly billingYear: number;
  readonly dataYear: number;
  /** Where the list came from, e.g. the scheme id of the evaluation. */
  readonly source: string;
  readonly classes: ReadonlyMap<string, TariffClass>;
}

/**
 * The example's price notice as a mujun policy table (差别化政策表, checked by
 * `parsePolicyTable`): its `electricitySurcharge` measures are what the utility
 * bills. Illustrative figures in the shape of Zhejiang's 差别化电价 notices
 * (A and B none, C and D surcharged); a utility loads its own notice.
 */
export const EXAMPLE_TARIFF: PolicyTable = parsePolicyTable({
  id: 'example-electricity-2019',
  name: '差别化电价（示例，非官方）',
  measures: [
    { kind: 'electricitySurcharge', class: 'C', yuanPerKWh: '0.1' },
    { kind: 'electricitySurcharge', class: 'D', yuanPerKWh: '0.3' },
  ],
});

/** 元/千瓦时 a class pays under `table`: the sum of its electricity surcharges (0 when it has none). */
export function surchargeOf(table: PolicyTable, cls: TariffClass): Rational {
  return Rational.sum(
    table.measures.flatMap((m) => (m.kind === 'electricitySurcharge' && m.class === cls ? [m.yuanPerKWh] : [])),
  );
}

export interface UtilityData {
  readonly accounts: readonly ElectricityAccount[];
  readonly lists: readonly PolicyList[];
  readonly tariff: PolicyTable;
  /** The identity provider's HS256 secret, as mujun's subgraph has it. */
  readonly secret: string;
}

interface UtilityContext {
  readonly principal: Principal;
}

const typeDefs = parse(/* GraphQL */ `
  extend schema
    @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@external", "@requires"])

  """
  An exact decimal number, sent and received as a string ("24.097", "-0.0302"). Float literals are refused; integers are accepted.
  """
  scalar Decimal

  """差别化电价类别: the 亩均 class a surcharge is billed by."""
  enum TariffClass {
    A
    B
    C
    D
  }

  """
  An enterprise (企业), keyed by its 统一社会信用代码 (USCC).
  """
  type Enterprise @key(fields: "uscc") {
    uscc: ID!
    town: Town! @external
    """
    用电户: the electricity accounts registered to this enterprise, with their readings. Confidential: a token of
    the enterprise's town operator or its city's admin (NOT_AUTHORISED otherwise).
    """
    electricityAccounts: [ElectricityAccount!]! @requires(fields: "town { code }")
    """
    差别化电价 billed in \`year\`, from the class list the 亩均办 handed over for it; null when the
    enterprise is not on that list (免评 or not rated: the standard price). A year without a list is an error (NO_POLICY_LIST).
    """
    differentiatedTariff(year: Int!): DifferentiatedTariff
  }

  """A town-level division (乡镇/街道) of a city."""
  type Town @key(fields: "code", resolvable: false) {
    code: ID!
  }

  """An electricity account (用电户) of the utility."""
  type ElectricityAccount {
    accountNo: ID!
    """Metered consumption in a year, kWh (千瓦时), exact; null when the account has no reading that year."""
    consumptionKWh(year: Int!): Decimal
  }

  """The surcharge an enterprise pays in a billing year, and the list it came from."""
  type DifferentiatedTariff {
    billingYear: Int!
    """The data year of the evaluation whose classes the list carries."""
    dataYear: Int!
    """The evaluation the list was made from."""
    source: String!
    class: TariffClass!
    """加价 in 元/千瓦时."""
    surchargePerKWh: Decimal!
  }

  """A differentiated-price list the utility holds (the classes are public once 定档)."""
  type PolicyListInfo {
    billingYear: Int!
    dataYear: Int!
    source: String!
    """Enterprises on the list (classes A–D)."""
    enterprises: Int!
  }

  type Query {
    """
    The differentiated-price lists the utility bills from. Readings are reached only through an Enterprise, whose
    town the rule needs.
    """
    policyLists: [PolicyListInfo!]!
  }
`);

const DECIMAL = /^-?\d+(\.\d+)?$/;
const notDecimal = () => new GraphQLError('Decimal: a decimal string such as "0.3" (or an integer)');

/**
 * Decimals as strings, read as mujun reads them (a decimal string or an
 * integer, never a float): one meaning for `Decimal` in both subgraphs.
 */
const DecimalScalar = new GraphQLScalarType({
  name: 'Decimal',
  serialize: (v) => String(v),
  parseValue: (v) => {
    if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
    if (typeof v !== 'string' || !DECIMAL.test(v)) throw notDecimal();
    return v;
  },
  parseLiteral: (ast) => {
    if (ast.kind === Kind.INT || (ast.kind === Kind.STRING && DECIMAL.test(ast.value))) return ast.value;
    throw notDecimal();
  },
});

/** The utility's schema over its data. */
export function createUtilitySchema(data: UtilityData) {
  const byUscc = new Map<string, ElectricityAccount[]>();
  for (const a of data.accounts) byUscc.set(a.uscc, [...(byUscc.get(a.uscc) ?? []), a]);
  const lists = new Map(data.lists.map((l) => [l.billingYear, l]));
  return buildSubgraphSchema({
    typeDefs,
    resolvers: {
      Decimal: DecimalScalar,
      Query: {
        policyLists: () =>
          [...lists.values()].map((l) => ({
            billingYear: l.billingYear,
            dataYear: l.dataYear,
            source: l.source,
            enterprises: l.classes.size,
          })),
      },
      Enterprise: {
        // The gateway sends `{ __typename, uscc }`, plus `town { code }` for the fields that require it.
        __resolveReference: (ref: { uscc: string; town?: { code: string } }) => ref,
        electricityAccounts: (e: { uscc: string; town?: { code: string } }, _args: unknown, context: unknown) => {
          const ctx = context as UtilityContext;
          // mujun's rule for a firm's figures: its town's operator or its city's admin, the
          // principals `canWriteTown` accepts for that town.
          if (!e.town || !canWriteTown(ctx.principal, e.town.code)) {
            throw new GraphQLError("meter readings are a firm's figures: a token of its town operator or city admin", {
              extensions: { code: 'NOT_AUTHORISED' },
            });
          }
          return byUscc.get(e.uscc) ?? [];
        },
        differentiatedTariff: (e: { uscc: string }, args: { year: number }) => {
          const list = lists.get(args.year);
          if (!list) {
            throw new GraphQLError(`no differentiated-price list (差别化电价名单) for ${args.year}`, {
              extensions: { code: 'NO_POLICY_LIST', year: args.year, years: [...lists.keys()].sort() },
            });
          }
          const cls = list.classes.get(e.uscc);
          if (cls === undefined) return null;
          return {
            billingYear: list.billingYear,
            dataYear: list.dataYear,
            source: list.source,
            class: cls,
            // Exact: the notice's prices are finite decimals.
            surchargePerKWh: surchargeOf(data.tariff, cls).toDecimal().toFixed(),
          };
        },
      },
      ElectricityAccount: {
        consumptionKWh: (a: ElectricityAccount, args: { year: number }) => a.consumptionKWh.get(args.year) ?? null,
      },
    },
  });
}

/** The utility's subgraph server (a fetch handler; serve it with `node:http`). */
export function createUtilityServer(data: UtilityData): YogaServerInstance<Record<string, unknown>, UtilityContext> {
  // The same verifier mujun's gateway builds from the secret (exp required, HS256 only).
  const verifier = createVerifier({ secret: data.secret });
  return createYoga<Record<string, unknown>, UtilityContext>({
    schema: createUtilitySchema(data),
    context: async ({ request }) => {
      try {
        return { principal: await authenticate(request.headers.get('authorization'), {}, await verifier) };
      } catch (e) {
        if (!(e instanceof AuthenticationError)) throw e;
        throw new GraphQLError(e.message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      }
    },
    graphiql: false,
    landingPage: false,
    logging: false,
  });
}
