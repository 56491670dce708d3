/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** 问题标签: a flag an enterprise carries for campaigns and vetoes. */
export type EnterpriseFlag =
  /** 落后产能 */
  | 'BACKWARD_CAPACITY'
  /** 四无 */
  | 'FOUR_WITHOUT'
  /** 重污染 */
  | 'HEAVY_POLLUTION'
  /** 高耗能 */
  | 'HIGH_ENERGY'
  /** 违法建筑 */
  | 'ILLEGAL_CONSTRUCTION'
  /** 违法占地 */
  | 'ILLEGAL_LAND_USE'
  /** 低散乱 */
  | 'LOW_SCATTERED'
  /** 僵尸企业 */
  | 'ZOMBIE';

/** An enterprise to add or replace (keyed by USCC). */
export type EnterpriseInput = {
  /** Problem flags (问题标签); default none. */
  flags?: Array<EnterpriseFlag> | null | undefined;
  /** 四无 conditions; only with the FOUR_WITHOUT flag. */
  fourWithout?: Array<FourWithout> | null | undefined;
  /** GB/T 4754-2017 code, e.g. 1751 or C1751. */
  industry: string;
  /** Registered name (企业名称). */
  name: string;
  /** Land parcels (地块) it uses, by parcel id; default none. */
  parcelIds?: Array<string | number> | null | undefined;
  /** Park id, if it entered one. */
  park?: string | number | null | undefined;
  /** 成立日期 (注册日期). */
  registeredOn: string;
  /** Town code or name (石门). */
  town: string | number;
  /** 统一社会信用代码. */
  uscc: string | number;
};

/** The four conditions of 四无. */
export type FourWithout =
  /** 无环保措施 */
  | 'NO_ENVIRONMENTAL_MEASURES'
  /** 无合法场所 */
  | 'NO_LEGAL_PREMISES'
  /** 无证无照 */
  | 'NO_LICENCE'
  /** 无安全保障 */
  | 'NO_SAFETY';

/** Enterprises (企业) of one city to add or replace, all or nothing (基础数据维护). */
export type SaveEnterprisesInput = {
  /** 6-digit city code. */
  city: string | number;
  /** The enterprises; one with a registered USCC replaces it. */
  enterprises: Array<EnterpriseInput>;
};

/** A town-level division: 镇 or 街道. */
export type TownKind =
  /** 街道 */
  | 'SUBDISTRICT'
  /** 镇 */
  | 'TOWN';

export type RegionTownsQueryVariables = Exact<{
  city: string | number;
}>;


export type RegionTownsQuery = { region: { id: string, code: string, name: string, towns: Array<{ id: string, code: string, name: string, kind: TownKind, kindLabel: string }> } | null };

export type TownEnterprisesQueryVariables = Exact<{
  city: string | number;
  town: string | number;
  first: number;
  after?: string | null | undefined;
}>;


export type TownEnterprisesQuery = { region: { id: string, town: { id: string, name: string, enterprises: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, uscc: string, name: string, registeredOn: string } }> } } | null } | null };

export type CampaignStatisticsQueryVariables = Exact<{
  city: string | number;
  year: number;
}>;


export type CampaignStatisticsQuery = { campaignStatistics: { year: number, from: string, to: string, enterprisesEnteredParks: number, zombiesDisposed: number, vacatingSigned: { mu: string, squareMetres: string, hectares: string }, reclamationApproved: { mu: string }, parkFloorAreaBuilt: { squareMetres: string, wanSquareMetres: string } } };

export type SaveEnterprisesMutationVariables = Exact<{
  input: SaveEnterprisesInput;
}>;


export type SaveEnterprisesMutation = { saveEnterprises:
    | { __typename: 'NotAuthorised', message: string }
    | { __typename: 'SaveEnterprisesSuccess', enterprises: Array<{ id: string, uscc: string, name: string, town: { code: string } }> }
    | { __typename: 'ValidationError', message: string }
   };


export const RegionTownsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RegionTowns"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"city"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"region"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"city"},"value":{"kind":"Variable","name":{"kind":"Name","value":"city"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"towns"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"kindLabel"}}]}}]}}]}}]} as unknown as DocumentNode<RegionTownsQuery, RegionTownsQueryVariables>;
export const TownEnterprisesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"TownEnterprises"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"city"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"town"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"region"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"city"},"value":{"kind":"Variable","name":{"kind":"Name","value":"city"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"town"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"town"},"value":{"kind":"Variable","name":{"kind":"Name","value":"town"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"enterprises"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uscc"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"registeredOn"}}]}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<TownEnterprisesQuery, TownEnterprisesQueryVariables>;
export const CampaignStatisticsDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"CampaignStatistics"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"city"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"year"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"campaignStatistics"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"city"},"value":{"kind":"Variable","name":{"kind":"Name","value":"city"}}},{"kind":"Argument","name":{"kind":"Name","value":"year"},"value":{"kind":"Variable","name":{"kind":"Name","value":"year"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"year"}},{"kind":"Field","name":{"kind":"Name","value":"from"}},{"kind":"Field","name":{"kind":"Name","value":"to"}},{"kind":"Field","name":{"kind":"Name","value":"enterprisesEnteredParks"}},{"kind":"Field","name":{"kind":"Name","value":"zombiesDisposed"}},{"kind":"Field","name":{"kind":"Name","value":"vacatingSigned"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mu"}},{"kind":"Field","name":{"kind":"Name","value":"squareMetres"}},{"kind":"Field","name":{"kind":"Name","value":"hectares"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"places"},"value":{"kind":"IntValue","value":"4"}}]}]}},{"kind":"Field","name":{"kind":"Name","value":"reclamationApproved"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"mu"}}]}},{"kind":"Field","name":{"kind":"Name","value":"parkFloorAreaBuilt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"squareMetres"}},{"kind":"Field","name":{"kind":"Name","value":"wanSquareMetres"}}]}}]}}]}}]} as unknown as DocumentNode<CampaignStatisticsQuery, CampaignStatisticsQueryVariables>;
export const SaveEnterprisesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"SaveEnterprises"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"SaveEnterprisesInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"saveEnterprises"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"SaveEnterprisesSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"enterprises"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"uscc"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"town"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}}]}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"NotAuthorised"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ValidationError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<SaveEnterprisesMutation, SaveEnterprisesMutationVariables>;