import { packageBuild } from '../../tsup.shared';

// One entry per domain (see docs/api.md); `internal` is the unstable one.
export default packageBuild({
  index: 'src/index.ts',
  exact: 'src/exact/index.ts',
  quantity: 'src/quantity/index.ts',
  ids: 'src/ids/index.ts',
  model: 'src/model/index.ts',
  campaign: 'src/campaign/index.ts',
  targets: 'src/targets/index.ts',
  evaluation: 'src/evaluation/index.ts',
  dataset: 'src/dataset/index.ts',
  repository: 'src/repository/index.ts',
  runs: 'src/runs/index.ts',
  cycle: 'src/cycle/index.ts',
  labels: 'src/labels.ts',
  internal: 'src/internal.ts',
});
