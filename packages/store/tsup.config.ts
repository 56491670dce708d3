import { packageBuild } from '../../tsup.shared';

// The drivers are entries of their own so an embedded-only user never loads `pg`.
export default packageBuild({
  index: 'src/index.ts',
  pglite: 'src/pglite.ts',
  postgres: 'src/postgres.ts',
});
