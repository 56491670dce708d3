import type {
  Enterprise,
  EnterpriseAnnualData,
  IndustryCode,
  Kind,
  LandParcel,
  Park,
  Quantity,
  Rate,
  Rational,
  Region,
  Town,
} from '@mujun/core';
import type { Principal } from './auth';
import type { MujunBuilder } from './builder';
import { enableExactFields } from './exact-field';
import { createEnumRefs } from './types/enums';

/** A park phase as the schema shows it. */
export type ParkPhaseShape = Park['phases'][number];

/**
 * References to the schema's object types, made before any is implemented so
 * that type families can point at each other (Enterprise -> Park -> Enterprise).
 * An extension receives them to add fields to existing types.
 */
export function createRefs(builder: MujunBuilder) {
  const enums = createEnumRefs(builder);
  enableExactFields(builder, enums.Rounding);
  return {
    Region: builder.objectRef<Region>('Region'),
    Town: builder.objectRef<Town>('Town'),
    Enterprise: builder.objectRef<Enterprise>('Enterprise'),
    Industry: builder.objectRef<IndustryCode>('Industry'),
    AnnualData: builder.objectRef<EnterpriseAnnualData>('AnnualData'),
    LandParcel: builder.objectRef<LandParcel>('LandParcel'),
    Park: builder.objectRef<Park>('Park'),
    ParkPhase: builder.objectRef<ParkPhaseShape>('ParkPhase'),
    EntryCriteria: builder.objectRef<NonNullable<Park['entryCriteria']>>('EntryCriteria'),
    Area: builder.objectRef<Quantity<'area'>>('Area'),
    Money: builder.objectRef<Quantity<'money'>>('Money'),
    Energy: builder.objectRef<Quantity<'energy'>>('Energy'),
    Electricity: builder.objectRef<Quantity<'electricity'>>('Electricity'),
    Emission: builder.objectRef<Quantity<'emission'>>('Emission'),
    EmissionEquivalent: builder.objectRef<Quantity<'emissionEquivalent'>>('EmissionEquivalent'),
    Water: builder.objectRef<Quantity<'water'>>('Water'),
    Rate: builder.objectRef<Rate<Kind, Kind>>('Rate'),
    Ratio: builder.objectRef<Rational>('Ratio'),
    Me: builder.objectRef<Principal>('Me'),
    ...enums,
  };
}

export type MujunRefs = ReturnType<typeof createRefs>;
