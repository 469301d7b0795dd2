export { OrgScorecards } from './OrgScorecards';
