import type { Plugin } from 'graphql-yoga';
import { roundedNotices } from '../exact-field';

/**
 * Lists in `extensions.rounded` every exact field the query asked without
 * `places` whose value has no finite decimal form (1亩 = 2000/3 m²): such a
 * field is answered rounded HALF_UP to `DEFAULT_INEXACT_PLACES` rather than
 * failing (a failing non-null field would null the whole response), and the
 * client is told which, at what path, to how many places.
 */
export function useRoundingNotice(): Plugin {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        if (Symbol.asyncIterator in result) return;
        const rounded = roundedNotices(args.contextValue as object);
        if (rounded.length === 0) return;
        setResult({ ...result, extensions: { ...result.extensions, rounded } });
      },
    }),
  };
}
