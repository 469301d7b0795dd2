import { ReactNode } from 'react';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  SloSummary,
  SloUnknownReason,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';

/** Why the state is unknown and what to do about it, per reason. */
export function explainUnknown(slo: SloSummary): {
  title: string;
  advice: ReactNode;
  severity: 'info' | 'warning' | 'error';
} {
  const reason: SloUnknownReason | undefined = slo.reason;
  const server = slo.prometheus ? `'${slo.prometheus}'` : 'the server';
  switch (reason) {
    case 'no-prometheus':
      return {
        title: `No Prometheus server is configured for cluster ${slo.cluster}`,
        severity: 'info',
        advice: (
          <>
            Add the server that scrapes this cluster under{' '}
            <code>progressiveDelivery.prometheus</code> in app-config.yaml (
            <code>name</code>, <code>url</code>, and <code>clusters</code>{' '}
            listing <code>{slo.cluster}</code>), or set{' '}
            <code>progressiveDelivery.demoMetrics: true</code> to try this panel
            on demo data.
          </>
        ),
      };
    case 'timeout':
      return {
        title: 'Prometheus did not answer in time',
        severity: 'warning',
        advice: (
          <>
            The query to {server} took longer than its{' '}
            <code>timeoutSeconds</code>. Check the server's load or raise the
            timeout in <code>progressiveDelivery.prometheus</code>; the panel
            tries again on the next refresh.
          </>
        ),
      };
    case 'prometheus-error':
      return {
        title: 'Prometheus could not be queried',
        severity: 'error',
        advice: (
          <>
            {server} refused the query or could not be reached. Check its{' '}
            <code>url</code> and <code>token</code> in{' '}
            <code>progressiveDelivery.prometheus</code> and the backend's logs.
          </>
        ),
      };
    case 'invalid-slo':
      return {
        title: 'The ServiceLevelObjective cannot be read',
        severity: 'error',
        advice: (
          <>
            Fix <code>spec.target</code> (a percentage between 0 and 100),{' '}
            <code>spec.window</code> (a Prometheus duration such as{' '}
            <code>28d</code>) or the indicator's metric selectors of{' '}
            <code>
              {slo.namespace}/{slo.name}
            </code>
            .
          </>
        ),
      };
    case 'no-data':
      return {
        title: 'No data for this SLO',
        severity: 'warning',
        advice: (
          <>
            Prometheus has no samples for the SLO's metric in its window: check
            that the service is scraped and that the indicator's selector
            matches the labels of its series.
          </>
        ),
      };
    case 'pending':
      return {
        title: 'Still being computed',
        severity: 'info',
        advice: <>Prometheus is slow to answer; the state appears shortly.</>,
      };
    default:
      return {
        title: 'The state of this SLO is unknown',
        severity: 'warning',
        advice: <>The backend did not say why.</>,
      };
  }
}

/** Explains in words why an SLO has no current numbers, and what to configure or fix. */
export function SloUnknownState(props: { slo: SloSummary }) {
  const { slo } = props;
  const explanation = explainUnknown(slo);
  return (
    <Alert
      severity={explanation.severity}
      data-testid={`slo-unknown-${slo.reason ?? 'unknown'}`}
    >
      <AlertTitle>{explanation.title}</AlertTitle>
      <Typography variant="body2" component="p">
        {explanation.advice}
      </Typography>
      {slo.message && (
        <Typography variant="body2" component="p">
          Details: {slo.message}
        </Typography>
      )}
    </Alert>
  );
}
