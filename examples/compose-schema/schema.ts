import { createSchema } from '@mujun/graphql';

/**
 * Another project's schema: all of mujun's, plus `Enterprise.riskNote` and
 * `Query.hello`, added through the extension hook before the schema is built.
 */
export const composedSchema = createSchema((builder, refs) => {
  builder.objectField(refs.Enterprise, 'riskNote', (t) =>
    t.string({
      nullable: true,
      description: 'A note for inspectors: which problem flags (问题标签) the enterprise carries.',
      resolve: (e) => (e.flags.length === 0 ? null : `flagged: ${e.flags.join(', ')}`),
    }),
  );
  builder.queryField('hello', (t) =>
    t.string({
      args: { name: t.arg.string({ required: false }) },
      resolve: (_root, args, ctx) => `你好, ${args.name ?? ctx.principal.role}`,
    }),
  );
});
