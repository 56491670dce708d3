import { packageBuild } from '../../tsup.shared';

export default packageBuild(
  { index: 'src/index.ts' },
  {
    // The streaming .xlsx reader is exceljs's, with patches/exceljs.patch applied: bundled
    // from the workspace's patched copy so that a user installing from npm reads the same
    // way (an unpatched exceljs garbles Chinese text across chunks). The rest of exceljs
    // (the workbooks mujun writes) comes from npm. The bundled modules `require` their own
    // dependencies (declared in package.json): in the ESM build that needs a real `require`.
    noExternal: [/^exceljs\/lib\//],
    banner: ({ format }) =>
      format === 'esm'
        ? {
            js: "import { createRequire as __mujunCreateRequire } from 'node:module';\nconst require = __mujunCreateRequire(import.meta.url);",
          }
        : {},
  },
);
