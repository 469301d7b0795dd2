import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import CancelIcon from '@material-ui/icons/Cancel';
import CheckCircleIcon from '@material-ui/icons/CheckCircle';
import RemoveCircleOutlineIcon from '@material-ui/icons/RemoveCircleOutline';
import {
  ScorecardCheck,
  ScorecardCheckResult,
  ScorecardEvidence,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ScorecardFix } from '../ScorecardFix';
import { RESULT_TEXT } from './resultText';

function ResultIcon(props: { result: ScorecardCheckResult }) {
  const theme = useTheme();
  switch (props.result) {
    case 'pass':
      return (
        <CheckCircleIcon
          aria-hidden
          style={{
            color: theme.palette.success?.main ?? theme.palette.primary.main,
          }}
        />
      );
    case 'fail':
      return (
        <CancelIcon aria-hidden style={{ color: theme.palette.error.main }} />
      );
    default:
      return <RemoveCircleOutlineIcon aria-hidden color="disabled" />;
  }
}

/** `eu-prod · Rollout checkout/checkout`: where the object lives. */
function evidenceObject(evidence: ScorecardEvidence): string {
  const name = evidence.namespace
    ? `${evidence.namespace}/${evidence.name}`
    : evidence.name;
  return [evidence.cluster, `${evidence.kind} ${name}`]
    .filter(Boolean)
    .join(' · ');
}

function EvidenceList(props: { evidence: ScorecardEvidence[] }) {
  if (props.evidence.length === 0) return null;
  return (
    <Box component="ul" m={0} pl={2} aria-label="Evidence">
      {props.evidence.map((e, i) => (
        <li key={i}>
          <Typography variant="body2" component="span">
            <strong>{evidenceObject(e)}</strong>
            {e.field && (
              <>
                {' '}
                <code>{e.field}</code>
              </>
            )}
            : {e.detail}
          </Typography>
        </li>
      ))}
    </Box>
  );
}

/**
 * Every check with its result as icon and text, what it asks for, the objects and fields it read,
 * and, when it fails, how to fix it.
 * @public
 */
export function ScorecardCheckList(props: { checks: ScorecardCheck[] }) {
  return (
    <Box component="ul" m={0} p={0} style={{ listStyle: 'none' }}>
      {props.checks.map(check => (
        <Box
          component="li"
          key={check.id}
          py={1}
          borderBottom={1}
          borderColor="divider"
          aria-label={`Check ${check.title}: ${RESULT_TEXT[check.result]}`}
          data-result={check.result}
        >
          <Box display="flex" alignItems="center" style={{ gap: 8 }}>
            <ResultIcon result={check.result} />
            <Typography variant="subtitle2" component="h3">
              {check.title}
            </Typography>
            <Typography
              variant="caption"
              color={check.result === 'fail' ? 'error' : 'textSecondary'}
            >
              {RESULT_TEXT[check.result]}
            </Typography>
          </Box>
          <Box pl={4}>
            <Typography variant="body2" color="textSecondary">
              {check.description}
            </Typography>
            <EvidenceList evidence={check.evidence} />
            {check.result === 'fail' && (
              <Box mt={0.5}>
                <ScorecardFix fix={check.fix} checkTitle={check.title} />
              </Box>
            )}
          </Box>
        </Box>
      ))}
    </Box>
  );
}
