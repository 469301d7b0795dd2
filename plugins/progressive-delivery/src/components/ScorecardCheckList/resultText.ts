import { ScorecardCheckResult } from '@pdelivery/backstage-plugin-progressive-delivery-common';

export const RESULT_TEXT: Record<ScorecardCheckResult, string> = {
  pass: 'Pass',
  fail: 'Fail',
  'n/a': 'Not applicable',
};
