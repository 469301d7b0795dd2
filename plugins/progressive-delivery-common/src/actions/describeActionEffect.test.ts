import { loadFixtures, relatedOf } from '../__testUtils__/loadFixtures';
import { describeRollout } from '../status/describeRollout';
import { describeSteps } from '../status/describeSteps';
import { Rollout } from '../kubernetes/rollout';
import { describeActionEffect } from './describeActionEffect';

function canaryAt(stepIndex: number) {
  const objects = loadFixtures('canary');
  const rollout: Rollout = {
    ...objects.rollouts[0],
    status: { ...objects.rollouts[0].status, currentStepIndex: stepIndex },
  };
  return {
    info: describeRollout(rollout, relatedOf(objects)),
    steps: describeSteps(rollout),
  };
}

describe('describeActionEffect', () => {
  it('names the step a promote moves from and to', () => {
    const { info, steps } = canaryAt(1);
    const effect = describeActionEffect(info, steps, 'promote');
    expect(effect.title).toBe(`Promote ${info.name}`);
    expect(effect.effect).toBe(
      'move from step 1/8 (pause until promoted) to step 2/8 (setWeight 40)',
    );
    expect(effect.disruptive).toBe(true);
  });

  it('says a promote of the last step completes the rollout', () => {
    const { info, steps } = canaryAt(7);
    expect(describeActionEffect(info, steps, 'promote').effect).toBe(
      `move from step 7/8 (pause 10s) to complete the rollout: revision ${info.revision} becomes stable with 100% of traffic`,
    );
  });

  it('works without the steps description', () => {
    const { info } = canaryAt(0);
    expect(describeActionEffect(info, undefined, 'promote').effect).toBe(
      'move from step 0/8 to step 1/8',
    );
  });

  it('names the stable revision traffic returns to on abort', () => {
    const { info, steps } = canaryAt(1);
    const stable = info.revisions.find(r =>
      r.replicaSets.some(rs => rs.tags.includes('stable')),
    )?.revision;
    expect(stable).toBeDefined();
    expect(describeActionEffect(info, steps, 'abort').effect).toContain(
      `abort: traffic returns to stable revision ${stable}`,
    );
  });

  it('describes blue-green promotion and every other action', () => {
    const objects = loadFixtures('blue-green');
    const info = describeRollout(objects.rollouts[0], relatedOf(objects));
    expect(describeActionEffect(info, undefined, 'promote').effect).toMatch(
      /switch the active service to the preview revision \d+/,
    );
    expect(describeActionEffect(info, undefined, 'abort').effect).toMatch(
      /traffic returns to stable revision \d+/,
    );
    const { info: canary } = canaryAt(1);
    expect(describeActionEffect(canary, undefined, 'promote-full').effect).toBe(
      `skip all remaining steps and analysis (now at step 1/8): revision ${canary.revision} gets 100% of traffic`,
    );
    expect(describeActionEffect(canary, undefined, 'retry').effect).toContain(
      'from step 0/8',
    );
    expect(describeActionEffect(canary, undefined, 'restart').effect).toContain(
      'restart every pod',
    );
    expect(describeActionEffect(canary, undefined, 'pause')).toMatchObject({
      effect: expect.stringContaining('at step 1/8'),
      disruptive: false,
    });
    expect(describeActionEffect(canary, undefined, 'resume').effect).toContain(
      'lift the manual pause',
    );
    expect(describeActionEffect(canary, undefined, 'rollback').effect).toMatch(
      /roll back to revision \d+/,
    );
  });

  it('names the revision chosen for a rollback, with its images', () => {
    const { info } = canaryAt(1);
    expect(
      describeActionEffect(info, undefined, 'rollback', { revision: 29 })
        .effect,
    ).toBe(
      'roll back to revision 29 (argoproj/rollouts-demo:asdf): its pod template is rolled out again as a new revision',
    );
    expect(
      describeActionEffect(info, undefined, 'rollback', { revision: 30 })
        .effect,
    ).toMatch(/^roll back to revision 30 \(/);
  });
});
