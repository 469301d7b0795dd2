import { renderInTestApp } from '@backstage/test-utils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActionButtons } from './ActionButtons';
import { gateActions } from './gateActions';
import { Apis, fakeApi, responseError } from '../../__testUtils__/apis';
import {
  canarySteps,
  makeInfo,
  makeRollout,
  pausedActions,
} from '../../__testUtils__/data';
import { RolloutAction } from '@pdelivery/backstage-plugin-progressive-delivery-common';

const entity = { kind: 'Component', namespace: 'default', name: 'checkout' };

async function openPromote(
  performAction: jest.Mock,
  allow = true,
  target = entity,
) {
  const onDone = jest.fn();
  const onStale = jest.fn();
  await renderInTestApp(
    <Apis api={fakeApi({ performAction })} allow={allow}>
      <ActionButtons
        entity={target}
        rollout={makeRollout()}
        steps={canarySteps}
        onDone={onDone}
        onStale={onStale}
      />
    </Apis>,
  );
  return { onDone, onStale };
}

async function confirmPromote() {
  const promote = await screen.findByRole('button', {
    name: 'Promote checkout',
  });
  await waitFor(() => expect(promote).toBeEnabled());
  await userEvent.click(promote);
  expect(screen.getByTestId('action-effect')).toHaveTextContent(
    'This will move from step 1/7 (pause until promoted) to step 2/7 (pause 30s).',
  );
  const confirm = screen.getByRole('button', { name: 'Confirm promote' });
  expect(confirm).toBeDisabled();
  await userEvent.type(screen.getByLabelText('Reason'), 'metrics look good');
  await userEvent.click(confirm);
}

describe('gateActions', () => {
  const allowAll = Object.fromEntries(
    pausedActions.map(a => [a.action, { loading: false, allowed: true }]),
  ) as Record<RolloutAction, { loading: boolean; allowed: boolean }>;

  it('combines availableActions and permissions in one place', () => {
    const gated = gateActions(pausedActions, allowAll, 'component:default/x');
    expect(gated.find(g => g.action === 'promote')).toEqual({
      action: 'promote',
      enabled: true,
      deniedByPermission: false,
    });
    expect(gated.find(g => g.action === 'retry')?.reason).toBe(
      'The rollout is not aborted.',
    );
    const denied = gateActions(
      pausedActions,
      { ...allowAll, promote: { loading: false, allowed: false } },
      'component:default/x',
    );
    expect(denied.find(g => g.action === 'promote')).toMatchObject({
      enabled: false,
      deniedByPermission: true,
      reason: expect.stringContaining('not allowed to promote'),
    });
    const loading = gateActions(
      pausedActions,
      { ...allowAll, abort: { loading: true, allowed: false } },
      'component:default/x',
    );
    expect(loading.find(g => g.action === 'abort')?.enabled).toBe(false);
  });
});

describe('ActionButtons', () => {
  it('confirms with the exact effect, sends what the user saw and shows the new state', async () => {
    const performAction = jest.fn().mockResolvedValue({
      auditId: 'a1',
      action: 'promote',
      description: 'Cleared the pause and moved to step 2.',
      info: makeInfo({
        status: 'Progressing',
        step: '2/7',
        currentStepIndex: 2,
      }),
    });
    const { onDone } = await openPromote(performAction);
    await confirmPromote();
    expect(performAction).toHaveBeenCalledWith(
      entity,
      { cluster: 'eu-prod', namespace: 'checkout', name: 'checkout' },
      {
        action: 'promote',
        reason: 'metrics look good',
        expected: { resourceVersion: '1234', stepIndex: 1 },
      },
    );
    expect(
      await screen.findByText(
        /Promote done: Cleared the pause and moved to step 2\. Now Paused at step 1\/7/,
      ),
    ).toBeInTheDocument();
    expect(onDone).toHaveBeenCalled();
    expect(screen.queryByRole('dialog')).not.toBeInTheDocument();
  });

  it('rolls back to the revision picked in the dialog', async () => {
    const performAction = jest.fn().mockResolvedValue({
      auditId: 'a2',
      action: 'rollback',
      description: 'roll back to revision 1',
      info: makeInfo({ revision: 3 }),
    });
    await renderInTestApp(
      <Apis api={fakeApi({ performAction })}>
        <ActionButtons entity={entity} rollout={makeRollout()} />
      </Apis>,
    );
    const rollback = await screen.findByRole('button', {
      name: 'Roll back checkout',
    });
    await waitFor(() => expect(rollback).toBeEnabled());
    await userEvent.click(rollback);
    // makeInfo: revision 2 is the canary being rolled out, revision 1 the stable one.
    expect(screen.getByLabelText('Roll back to')).toHaveValue('1');
    expect(screen.getByTestId('action-effect')).toHaveTextContent(
      'This will roll back to revision 1 (registry/checkout:1.0)',
    );
    await userEvent.type(screen.getByLabelText('Reason'), 'errors up');
    await userEvent.click(
      screen.getByRole('button', { name: 'Confirm roll back' }),
    );
    expect(performAction).toHaveBeenCalledWith(
      entity,
      { cluster: 'eu-prod', namespace: 'checkout', name: 'checkout' },
      {
        action: 'rollback',
        reason: 'errors up',
        revision: 1,
        expected: { resourceVersion: '1234', stepIndex: 1 },
      },
    );
  });

  it('shows progress while the action runs', async () => {
    const performAction = jest.fn(() => new Promise(() => {}));
    await openPromote(performAction as jest.Mock);
    await confirmPromote();
    expect(screen.getByLabelText('Promote in progress')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Working…' })).toBeDisabled();
  });

  it.each([
    [
      403,
      'NotAllowedError',
      'Not allowed',
      /not allowed to promote this rollout/,
    ],
    [
      409,
      'ConflictError',
      'The rollout changed',
      /moved on.*Nothing was changed/,
    ],
    [
      503,
      'ServiceUnavailableError',
      'Outcome unknown',
      /check the rollout's state before retrying/,
    ],
  ])('explains a %s', async (status, name, title, text) => {
    const performAction = jest
      .fn()
      .mockRejectedValue(
        await responseError(status, name, 'The rollout moved on.'),
      );
    const { onStale } = await openPromote(performAction);
    await confirmPromote();
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent(title);
    expect(alert).toHaveTextContent(text);
    expect(onStale).toHaveBeenCalledTimes(status === 403 ? 0 : 1);
    await userEvent.click(screen.getByRole('button', { name: 'Close' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
  });

  it('disables every button with a reason when the policy denies', async () => {
    // usePermission caches decisions per resource: use another entity than the other tests.
    await openPromote(jest.fn(), false, { ...entity, name: 'catalog-api' });
    expect(
      await screen.findByText(/You may not act on this rollout/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Promote checkout' }),
    ).toBeDisabled();
    expect(screen.getByTestId('action-promote')).toHaveAttribute(
      'title',
      expect.stringContaining(
        'not allowed to promote rollouts of component:default/catalog-api',
      ),
    );
  });
});
