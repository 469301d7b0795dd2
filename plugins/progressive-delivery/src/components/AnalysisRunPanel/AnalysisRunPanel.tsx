import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import {
  AnalysisOutcome,
  AnalysisRunDetail,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { MeasurementChart } from '../MeasurementChart';

/** What each outcome means, shown next to the runs so nobody has to know Argo's vocabulary. */
export const OUTCOME_MEANING: Record<AnalysisOutcome, string> = {
  success: 'Successful: the measurements met the success condition.',
  failure:
    'Failed: the application misbehaved — measurements met the failure condition (or missed the success condition) more often than the failure limit allows.',
  error:
    'Error: the measurement itself could not be taken (the metrics provider failed or the query was invalid) too many times in a row; this says nothing about the application.',
  inconclusive:
    'Inconclusive: measurements met neither condition, so a human must decide; the rollout pauses until promoted or aborted.',
  running: 'Running: measurements are still being taken.',
  pending: 'Pending: the analysis has not started measuring yet.',
};

function severity(
  outcome: AnalysisOutcome,
): 'success' | 'error' | 'warning' | 'info' {
  switch (outcome) {
    case 'success':
      return 'success';
    case 'failure':
      return 'error';
    case 'error':
    case 'inconclusive':
      return 'warning';
    default:
      return 'info';
  }
}

/**
 * AnalysisRuns of a rollout: each run's outcome and its effect on the rollout in words, and each
 * metric's measurements plotted against its conditions.
 * @public
 */
export function AnalysisRunPanel(props: { analysisRuns: AnalysisRunDetail[] }) {
  const { analysisRuns } = props;
  if (analysisRuns.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No AnalysisRuns for this rollout. Add an analysis step or background
        analysis (spec.strategy.canary.analysis) to gate promotion on metrics.
      </Typography>
    );
  }
  return (
    <div>
      {analysisRuns.map(run => (
        <Box
          key={run.name}
          component="section"
          mb={3}
          aria-label={`AnalysisRun ${run.name}`}
        >
          <Typography variant="subtitle1" component="h4">
            {run.name} <Chip size="small" label={run.phase || 'Pending'} />{' '}
            {run.type && (
              <Chip size="small" variant="outlined" label={run.type} />
            )}{' '}
            <Typography variant="caption" color="textSecondary">
              revision {run.revision}
              {run.startedAt
                ? `, started ${new Date(run.startedAt).toLocaleString()}`
                : ''}
            </Typography>
          </Typography>
          <Alert severity={severity(run.outcome)}>
            <div>{OUTCOME_MEANING[run.outcome]}</div>
            <div>{run.effectExplanation}</div>
            {run.message && <div>{run.message}</div>}
          </Alert>
          {run.metrics.map(metric => (
            <Box key={metric.name} mt={2}>
              <Typography variant="subtitle2" component="h5">
                {metric.name}{' '}
                <Chip size="small" variant="outlined" label={metric.provider} />
                {metric.dryRun && <Chip size="small" label="dry run" />}
              </Typography>
              {metric.query && (
                <Typography variant="caption" component="div">
                  <code>{metric.query}</code>
                </Typography>
              )}
              <Typography variant="body2">{metric.explanation}</Typography>
              <Typography
                variant="caption"
                color="textSecondary"
                component="div"
              >
                {metric.measured.successful} successful,{' '}
                {metric.measured.failed} failed (limit {metric.failureLimit}),{' '}
                {metric.measured.inconclusive} inconclusive (limit{' '}
                {metric.inconclusiveLimit}), {metric.measured.error} errors
                (consecutive limit {metric.consecutiveErrorLimit})
                {metric.count !== undefined
                  ? ` — ${metric.count} measurements`
                  : ''}
                {metric.interval ? ` every ${metric.interval}` : ''}
              </Typography>
              <MeasurementChart metric={metric} />
            </Box>
          ))}
          <Divider />
        </Box>
      ))}
    </div>
  );
}
