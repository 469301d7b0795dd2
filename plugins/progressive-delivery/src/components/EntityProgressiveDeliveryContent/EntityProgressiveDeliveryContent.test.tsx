import { Entity } from '@backstage/catalog-model';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { EntityProgressiveDeliveryContent } from './EntityProgressiveDeliveryContent';
import { ProgressiveDeliveryApi } from '../../api';
import { fakeApi } from '../../__testUtils__/apis';
import { checkoutEntity, renderForEntity } from '../../__testUtils__/render';
import {
  failedAnalysis,
  makeAuditEntry,
  makeDetail,
  makeEntityRollouts,
  makeInfo,
  makeRollout,
} from '../../__testUtils__/data';
import { makeBurningSlo, makeEntitySlos } from '../../__testUtils__/slos';

function renderWith(api: ProgressiveDeliveryApi, entity?: Entity) {
  return renderForEntity(<EntityProgressiveDeliveryContent />, { api, entity });
}

describe('EntityProgressiveDeliveryContent', () => {
  it('shows progress while loading', async () => {
    await renderWith(
      fakeApi({ getEntityRollouts: () => new Promise(() => {}) }),
    );
    expect(screen.getByTestId('progress')).toBeInTheDocument();
  });

  it('explains the annotations when the entity has none', async () => {
    await renderWith(fakeApi({}), {
      ...checkoutEntity,
      metadata: { name: 'plain', namespace: 'default' },
    });
    expect(
      screen.getAllByText(/backstage.io\/kubernetes-id/).length,
    ).toBeGreaterThan(0);
  });

  it('says what to configure when no cluster is configured', async () => {
    await renderWith(
      fakeApi({
        getEntityRollouts: async () =>
          makeEntityRollouts({ rollouts: [], clusters: [] }),
      }),
    );
    expect(
      await screen.findByText('No clusters configured'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('kubernetes.clusterLocatorMethods'),
    ).toBeInTheDocument();
  });

  it('explains the label when no rollout matches', async () => {
    await renderWith(
      fakeApi({
        getEntityRollouts: async () => makeEntityRollouts({ rollouts: [] }),
      }),
    );
    expect(
      await screen.findByText('No Rollouts found for this entity'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('backstage.io/kubernetes-id: checkout'),
    ).toBeInTheDocument();
  });

  it('shows backend errors', async () => {
    await renderWith(
      fakeApi({
        getEntityRollouts: async () => {
          throw new Error('backend unreachable');
        },
      }),
    );
    expect(
      (await screen.findAllByText(/backend unreachable/)).length,
    ).toBeGreaterThan(0);
  });

  it('keeps the data of healthy clusters when one is down or syncing', async () => {
    await renderWith(
      fakeApi({
        getEntityRollouts: async () =>
          makeEntityRollouts({
            clusters: [
              { name: 'eu-prod', status: 'ok' },
              { name: 'us-prod', status: 'error', error: 'connection refused' },
              { name: 'staging', status: 'syncing' },
            ],
          }),
        getRolloutDetail: async () => makeDetail(),
      }),
    );
    expect(
      await screen.findByText(
        /Cluster us-prod is unreachable: connection refused/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/Cluster staging is syncing/)).toBeInTheDocument();
    expect(
      screen.getByRole('article', { name: 'Rollout checkout in eu-prod' }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('backstage.io/kubernetes-id=checkout'),
    ).toBeInTheDocument();
  });

  it('shows every rollout status, grouped by service and cluster', async () => {
    await renderWith(
      fakeApi({
        getEntityRollouts: async () =>
          makeEntityRollouts({
            rollouts: [
              makeRollout({ cluster: 'eu-prod' }, { status: 'Paused' }),
              makeRollout(
                { cluster: 'us-prod' },
                { status: 'Healthy', message: '' },
              ),
              makeRollout(
                { name: 'cart', cluster: 'eu-prod' },
                {
                  name: 'cart',
                  status: 'Progressing',
                  message: 'more replicas need to be updated',
                },
              ),
              makeRollout(
                { name: 'payments', cluster: 'us-prod' },
                {
                  name: 'payments',
                  status: 'Degraded',
                  aborted: true,
                  message: 'RolloutAborted: metric failed',
                },
              ),
            ],
          }),
        getRolloutDetail: async (_e, r) =>
          makeDetail({ name: r.name, cluster: r.cluster }),
      }),
    );
    const checkout = await screen.findByRole('region', {
      name: 'Service checkout',
    });
    expect(within(checkout).getAllByRole('article')).toHaveLength(2);
    expect(screen.getByLabelText('Status: Paused')).toBeInTheDocument();
    expect(screen.getByLabelText('Status: Healthy')).toBeInTheDocument();
    expect(screen.getByLabelText('Status: Progressing')).toBeInTheDocument();
    expect(
      screen.getByLabelText('Status: Degraded (aborted)'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('RolloutAborted: metric failed'),
    ).toBeInTheDocument();
  });

  it('shows steps, analysis, revisions and the audit trail; an action updates the page in place', async () => {
    const after = makeInfo({
      status: 'Progressing',
      step: '2/7',
      currentStepIndex: 2,
      message: 'moving on',
    });
    const performAction = jest.fn().mockResolvedValue({
      auditId: 'a2',
      action: 'promote',
      description: 'Moved to step 2.',
      info: after,
    });
    let detailCalls = 0;
    await renderWith(
      fakeApi({
        getEntityRollouts: async () => makeEntityRollouts(),
        getRolloutDetail: async () => {
          detailCalls++;
          return makeDetail({
            analysisRuns: [failedAnalysis],
            ...(performAction.mock.calls.length ? { info: after } : {}),
          });
        },
        getEntityAudit: async () => ({ items: [makeAuditEntry()] }),
        performAction,
      }),
    );
    expect(
      await screen.findByRole('list', { name: 'Canary steps (8)' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'AnalysisRun payments-7b9c-2-1' }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('table', { name: 'Revisions of checkout' }),
    ).toBeInTheDocument();
    expect(
      await screen.findByRole('table', { name: 'Audit trail' }),
    ).toBeInTheDocument();

    const promote = screen.getByRole('button', { name: 'Promote checkout' });
    await waitFor(() => expect(promote).toBeEnabled());
    await userEvent.click(promote);
    await userEvent.type(screen.getByLabelText('Reason'), 'ship it');
    await userEvent.click(
      screen.getByRole('button', { name: 'Confirm promote' }),
    );
    expect(
      await screen.findByText(
        /Promote done: Moved to step 2\. Now Progressing at step 2\/7\./,
      ),
    ).toBeInTheDocument();
    expect(screen.getByTestId('rollout-step')).toHaveTextContent('Step 2/7');
    await waitFor(() => expect(detailCalls).toBeGreaterThan(1));
  });

  it('hides the details on request', async () => {
    await renderWith(
      fakeApi({
        getEntityRollouts: async () => makeEntityRollouts(),
        getRolloutDetail: async () => makeDetail(),
      }),
    );
    const toggle = await screen.findByRole('button', { name: 'Hide details' });
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await userEvent.click(toggle);
    expect(
      screen.getByRole('button', {
        name: 'Show steps, analysis and revisions',
      }),
    ).toHaveAttribute('aria-expanded', 'false');
    expect(
      screen.queryByRole('list', { name: 'Canary steps (8)' }),
    ).not.toBeInTheDocument();
  });

  it('shows the SLO panel with the rollouts gated on the error budget', async () => {
    await renderWith(
      fakeApi({
        getEntityRollouts: async () =>
          makeEntityRollouts({
            rollouts: [
              makeRollout({
                gatedOnErrorBudget: { templates: ['slo-burn-rate'] },
              }),
            ],
          }),
        getRolloutDetail: async () => makeDetail(),
        getEntitySlos: async () => makeEntitySlos([makeBurningSlo()]),
      }),
    );
    expect(
      await screen.findByRole('article', {
        name: 'SLO checkout-availability in eu-prod',
      }),
    ).toHaveTextContent('Burning: alert firing');
    expect(
      await screen.findByText(/Gated on the error budget/),
    ).toHaveTextContent('rollout checkout in eu-prod (slo-burn-rate)');
  });
});
