/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "query RegionTowns($city: ID!) {\n  region(city: $city) {\n    id\n    code\n    name\n    towns {\n      id\n      code\n      name\n      kind\n      kindLabel\n    }\n  }\n}\n\nquery TownEnterprises($city: ID!, $town: ID!, $first: Int!, $after: String) {\n  region(city: $city) {\n    id\n    town(town: $town) {\n      id\n      name\n      enterprises(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            uscc\n            name\n            registeredOn\n          }\n        }\n      }\n    }\n  }\n}\n\nquery CampaignStatistics($city: ID!, $year: Int!) {\n  campaignStatistics(city: $city, year: $year) {\n    year\n    from\n    to\n    enterprisesEnteredParks\n    zombiesDisposed\n    vacatingSigned {\n      mu\n      squareMetres\n      hectares(places: 4)\n    }\n    reclamationApproved {\n      mu\n    }\n    parkFloorAreaBuilt {\n      squareMetres\n      wanSquareMetres\n    }\n  }\n}\n\nmutation SaveEnterprises($input: SaveEnterprisesInput!) {\n  saveEnterprises(input: $input) {\n    __typename\n    ... on SaveEnterprisesSuccess {\n      enterprises {\n        id\n        uscc\n        name\n        town {\n          code\n        }\n      }\n    }\n    ... on NotAuthorised {\n      message\n    }\n    ... on ValidationError {\n      message\n    }\n  }\n}": typeof types.RegionTownsDocument,
};
const documents: Documents = {
    "query RegionTowns($city: ID!) {\n  region(city: $city) {\n    id\n    code\n    name\n    towns {\n      id\n      code\n      name\n      kind\n      kindLabel\n    }\n  }\n}\n\nquery TownEnterprises($city: ID!, $town: ID!, $first: Int!, $after: String) {\n  region(city: $city) {\n    id\n    town(town: $town) {\n      id\n      name\n      enterprises(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            uscc\n            name\n            registeredOn\n          }\n        }\n      }\n    }\n  }\n}\n\nquery CampaignStatistics($city: ID!, $year: Int!) {\n  campaignStatistics(city: $city, year: $year) {\n    year\n    from\n    to\n    enterprisesEnteredParks\n    zombiesDisposed\n    vacatingSigned {\n      mu\n      squareMetres\n      hectares(places: 4)\n    }\n    reclamationApproved {\n      mu\n    }\n    parkFloorAreaBuilt {\n      squareMetres\n      wanSquareMetres\n    }\n  }\n}\n\nmutation SaveEnterprises($input: SaveEnterprisesInput!) {\n  saveEnterprises(input: $input) {\n    __typename\n    ... on SaveEnterprisesSuccess {\n      enterprises {\n        id\n        uscc\n        name\n        town {\n          code\n        }\n      }\n    }\n    ... on NotAuthorised {\n      message\n    }\n    ... on ValidationError {\n      message\n    }\n  }\n}": types.RegionTownsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query RegionTowns($city: ID!) {\n  region(city: $city) {\n    id\n    code\n    name\n    towns {\n      id\n      code\n      name\n      kind\n      kindLabel\n    }\n  }\n}\n\nquery TownEnterprises($city: ID!, $town: ID!, $first: Int!, $after: String) {\n  region(city: $city) {\n    id\n    town(town: $town) {\n      id\n      name\n      enterprises(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            uscc\n            name\n            registeredOn\n          }\n        }\n      }\n    }\n  }\n}\n\nquery CampaignStatistics($city: ID!, $year: Int!) {\n  campaignStatistics(city: $city, year: $year) {\n    year\n    from\n    to\n    enterprisesEnteredParks\n    zombiesDisposed\n    vacatingSigned {\n      mu\n      squareMetres\n      hectares(places: 4)\n    }\n    reclamationApproved {\n      mu\n    }\n    parkFloorAreaBuilt {\n      squareMetres\n      wanSquareMetres\n    }\n  }\n}\n\nmutation SaveEnterprises($input: SaveEnterprisesInput!) {\n  saveEnterprises(input: $input) {\n    __typename\n    ... on SaveEnterprisesSuccess {\n      enterprises {\n        id\n        uscc\n        name\n        town {\n          code\n        }\n      }\n    }\n    ... on NotAuthorised {\n      message\n    }\n    ... on ValidationError {\n      message\n    }\n  }\n}"): (typeof documents)["query RegionTowns($city: ID!) {\n  region(city: $city) {\n    id\n    code\n    name\n    towns {\n      id\n      code\n      name\n      kind\n      kindLabel\n    }\n  }\n}\n\nquery TownEnterprises($city: ID!, $town: ID!, $first: Int!, $after: String) {\n  region(city: $city) {\n    id\n    town(town: $town) {\n      id\n      name\n      enterprises(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            id\n            uscc\n            name\n            registeredOn\n          }\n        }\n      }\n    }\n  }\n}\n\nquery CampaignStatistics($city: ID!, $year: Int!) {\n  campaignStatistics(city: $city, year: $year) {\n    year\n    from\n    to\n    enterprisesEnteredParks\n    zombiesDisposed\n    vacatingSigned {\n      mu\n      squareMetres\n      hectares(places: 4)\n    }\n    reclamationApproved {\n      mu\n    }\n    parkFloorAreaBuilt {\n      squareMetres\n      wanSquareMetres\n    }\n  }\n}\n\nmutation SaveEnterprises($input: SaveEnterprisesInput!) {\n  saveEnterprises(input: $input) {\n    __typename\n    ... on SaveEnterprisesSuccess {\n      enterprises {\n        id\n        uscc\n        name\n        town {\n          code\n        }\n      }\n    }\n    ... on NotAuthorised {\n      message\n    }\n    ... on ValidationError {\n      message\n    }\n  }\n}"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;