/** 分类: A/B/C/D, or T for 免评 (exempt). */
export type EvaluationClass = 'A' | 'B' | 'C' | 'D' | 'T';
/** The classes a ranking assigns, best first. */
export const RANKED_CLASSES = ['A', 'B', 'C', 'D'] as const;
export type RankedClass = (typeof RANKED_CLASSES)[number];
