export * from './division-code';
export * from './industry';
export {
  describeUscc,
  isValidUscc,
  makeUscc,
  ORG_CODE_WEIGHTS,
  orgCodeCheckChar,
  parseUscc,
  REGISTRATION_AUTHORITIES,
  type RegistrationAuthority,
  safeParseUscc,
  USCC_CHARSET,
  type Uscc,
  type UsccDescription,
  type UsccParts,
  usccCheckChar,
} from './uscc';
