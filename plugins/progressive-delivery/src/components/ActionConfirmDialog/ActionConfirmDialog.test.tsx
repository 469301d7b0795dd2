import { renderInTestApp } from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  RolloutInfo,
  RolloutRevisionInfo,
} from '@pdelivery/backstage-plugin-progressive-delivery-common';
import { ActionConfirmDialog } from './ActionConfirmDialog';
import { rollbackTargetLabel } from './RollbackRevisionSelect';
import { makeInfo } from '../../__testUtils__/data';

const HOUR = 3600_000;

function revision(
  number: number,
  image: string,
  hoursAgo: number,
  tags: RolloutRevisionInfo['replicaSets'][number]['tags'] = [],
): RolloutRevisionInfo {
  return {
    revision: number,
    replicaSets: [
      {
        name: `checkout-${number}`,
        revision: number,
        status: 'Healthy',
        tags,
        replicas: tags.length ? 5 : 0,
        available: tags.length ? 5 : 0,
        images: [image],
        createdAt: new Date(Date.now() - hoursAgo * HOUR).toISOString(),
        pods: [],
      },
    ],
    experiments: [],
    analysisRuns: [],
  };
}

/** A canary of revision 4; revision 2 is stable, 3 was aborted, 1 is older. */
function rollbackInfo(): RolloutInfo {
  return makeInfo({
    revision: 4,
    revisions: [
      revision(4, 'registry/checkout:1.3', 1, ['canary']),
      revision(3, 'registry/checkout:1.2', 26),
      revision(2, 'registry/checkout:1.1', 72, ['stable']),
      revision(1, 'registry/checkout:1.0', 240),
      // Only an analysis run is left of revision 0: nothing to copy a template from.
      { revision: 0, replicaSets: [], experiments: [], analysisRuns: [] },
    ],
  });
}

async function renderRollback(info: RolloutInfo = rollbackInfo()) {
  const onConfirm = jest.fn();
  await renderInTestApp(
    <ActionConfirmDialog
      open
      action="rollback"
      label="Roll back"
      cluster="eu-prod"
      info={info}
      running={false}
      onConfirm={onConfirm}
      onClose={jest.fn()}
    />,
  );
  return onConfirm;
}

describe('ActionConfirmDialog rollback revision picker', () => {
  it('lists older revisions newest first with images and age, defaulting to the stable one', async () => {
    await renderRollback();
    const select = screen.getByLabelText('Roll back to') as HTMLSelectElement;
    const options = [...select.options].map(o => o.textContent);
    expect(options).toEqual([
      'Revision 3 · registry/checkout:1.2 · 26h old',
      'Revision 2 · registry/checkout:1.1 · 3d old · stable',
      'Revision 1 · registry/checkout:1.0 · 10d old',
    ]);
    expect(select.value).toBe('2');
    expect(screen.getByTestId('action-effect')).toHaveTextContent(
      'This will roll back to revision 2 (registry/checkout:1.1): its pod template is rolled out again as a new revision.',
    );
  });

  it('names the chosen revision in the effect and sends it on confirm', async () => {
    const onConfirm = await renderRollback();
    await userEvent.selectOptions(screen.getByLabelText('Roll back to'), '1');
    expect(screen.getByTestId('action-effect')).toHaveTextContent(
      'This will roll back to revision 1 (registry/checkout:1.0)',
    );
    await userEvent.type(screen.getByLabelText('Reason'), 'bad release');
    await userEvent.click(
      screen.getByRole('button', { name: 'Confirm roll back' }),
    );
    expect(onConfirm).toHaveBeenCalledWith('bad release', { revision: 1 });
  });

  it('is reachable and operable with the keyboard alone', async () => {
    const onConfirm = await renderRollback();
    const select = screen.getByLabelText('Roll back to');
    await userEvent.tab();
    expect(select).toHaveFocus();
    // A native select: the browser handles arrow keys (jsdom does not), so pick the option directly.
    await userEvent.selectOptions(select, '3');
    await userEvent.tab();
    expect(screen.getByLabelText('Reason')).toHaveFocus();
    await userEvent.keyboard('canary errors{Enter}');
    await userEvent.tab();
    await userEvent.tab();
    expect(
      screen.getByRole('button', { name: 'Confirm roll back' }),
    ).toHaveFocus();
    await userEvent.keyboard('{Enter}');
    expect(onConfirm).toHaveBeenCalledWith('canary errors', { revision: 3 });
  });

  it('refuses to confirm when no earlier revision has a ReplicaSet', async () => {
    const info = rollbackInfo();
    await renderRollback({ ...info, revisions: [info.revisions[0]] });
    expect(screen.queryByLabelText('Roll back to')).not.toBeInTheDocument();
    expect(screen.getByRole('alert')).toHaveTextContent(
      'nothing to roll back to',
    );
    await userEvent.type(screen.getByLabelText('Reason'), 'try');
    expect(
      screen.getByRole('button', { name: 'Confirm roll back' }),
    ).toBeDisabled();
  });

  it('sends no revision for other actions', async () => {
    const onConfirm = jest.fn();
    await renderInTestApp(
      <ActionConfirmDialog
        open
        action="abort"
        label="Abort"
        cluster="eu-prod"
        info={rollbackInfo()}
        running={false}
        onConfirm={onConfirm}
        onClose={jest.fn()}
      />,
    );
    expect(screen.queryByLabelText('Roll back to')).not.toBeInTheDocument();
    await userEvent.type(screen.getByLabelText('Reason'), 'stop');
    await userEvent.click(
      screen.getByRole('button', { name: 'Confirm abort' }),
    );
    expect(onConfirm).toHaveBeenCalledWith('stop', {});
  });
});

describe('rollbackTargetLabel', () => {
  it('leaves out what is unknown', () => {
    expect(rollbackTargetLabel({ revision: 5, images: [], tags: [] }, 0)).toBe(
      'Revision 5 · no image recorded',
    );
  });
});
