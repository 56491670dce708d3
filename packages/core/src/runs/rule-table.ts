/**
 * Every rule of the evaluation-run cycle (评价批次: 公示, 异议复核, 定档) and
 * its message, in one place: transitions throw `InvalidTransitionError` or a
 * `ValidationError` carrying one of these rule ids, and tests assert the ids.
 */
export const RUN_RULES = {
  'run.final': 'a final run (已定档) is immutable',
  'run.withdrawn': 'a withdrawn run (已撤回) cannot change',
  'run.notDraft': 'only a draft run can be published',
  'run.notInNotice': 'only a run in public notice (公示中) can do this',
  'run.window': 'objections are taken only inside the notice window',
  'run.windowOpen': 'the notice window has not closed yet',
  'run.openObjections': 'every objection must be resolved before the run is finalised',
  'run.notFinal': 'policy lists come from a final run (已定档)',
  'run.oneFinal': 'only one final run per scheme, year and region',
  'run.notice.order': 'the notice window must not end before it starts',
  'run.notice.start': 'the notice window cannot start before the day the run is published',
  'run.notice.end': 'the notice window must end after the day the run is published',
  'run.notice.length':
    "the notice window is shorter than the scheme's minimum (noticeMinDays, default 5 calendar days)",
  'run.id': 'not an id: a non-empty text of at most 200 characters without control characters',
  'reference.run': 'no evaluation run of that id that you may read',
  'reference.scheme': 'no scheme of that id',
  'scheme.jurisdiction': 'the scheme belongs to another city',
  'correction.year': 'the correction must be for the run’s year',
  'run.reference.firm': 'the firm is not in this run',
  'run.reference.objection': 'there is no such objection in this run',
  'objection.resolved': 'the objection is already resolved',
  'override.class': 'an override sets a class A, B, C, D or T',
  'override.needed': 'an upheld-with-override resolution names the class',
  'correction.needed': 'an upheld-with-correction resolution needs the re-evaluated result',
  'correction.firm': 'the re-evaluation does not hold the firm objected to',
  'correction.scheme': 'the re-evaluation used another scheme or year',
  'reason.required': 'a reason is required',
  'revision.conflict': 'the run changed since it was read: read it again and retry',
} as const;
