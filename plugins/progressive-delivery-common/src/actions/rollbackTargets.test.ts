import { loadFixtures, relatedOf } from '../__testUtils__/loadFixtures';
import { describeRollout } from '../status/describeRollout';
import { RolloutInfo } from '../status/types';
import { defaultRollbackRevision, rollbackTargets } from './rollbackTargets';

/** The loader dates every object a week back; these are the fixtures' own times. */
const CREATED: Record<string, string> = {
  'canary-demo-65fb5ffc84': '2019-10-28T04:52:26Z',
  'canary-demo-877894d5b': '2019-10-26T08:48:13Z',
  'canary-demo-859c99b45c': '2019-10-26T09:16:20Z',
};

function infoOf(fixture: 'canary' | 'blue-green'): RolloutInfo {
  const objects = loadFixtures(fixture);
  for (const rs of objects.replicaSets) {
    rs.metadata.creationTimestamp =
      CREATED[rs.metadata.name!] ?? rs.metadata.creationTimestamp;
  }
  return describeRollout(objects.rollouts[0], relatedOf(objects));
}

describe('rollbackTargets', () => {
  it('lists every other revision with a ReplicaSet, newest first, with images, age and tags', () => {
    const info = infoOf('canary');
    expect(info.revision).toBe(31);
    expect(rollbackTargets(info)).toEqual([
      {
        revision: 30,
        images: ['argoproj/rollouts-demo:green'],
        createdAt: '2019-10-26T08:48:13Z',
        tags: ['stable'],
      },
      {
        revision: 29,
        images: ['argoproj/rollouts-demo:asdf'],
        createdAt: '2019-10-26T09:16:20Z',
        tags: [],
      },
    ]);
  });

  it('skips revisions that only have analysis runs or experiments', () => {
    const info = infoOf('canary');
    const withRunOnly: RolloutInfo = {
      ...info,
      revisions: [
        ...info.revisions,
        { revision: 5, replicaSets: [], experiments: [], analysisRuns: [] },
      ],
    };
    expect(rollbackTargets(withRunOnly).map(t => t.revision)).toEqual([30, 29]);
  });

  it('is empty when only the current revision has a ReplicaSet', () => {
    const info = infoOf('canary');
    expect(
      rollbackTargets({ ...info, revisions: [info.revisions[0]] }),
    ).toEqual([]);
  });
});

describe('defaultRollbackRevision', () => {
  it('offers the stable revision while a canary runs, even when a newer one exists', () => {
    const info = infoOf('canary');
    expect(defaultRollbackRevision(info)).toBe(30);
    // Revision 30 was aborted earlier: 29 is still the stable one.
    const stableIs29: RolloutInfo = {
      ...info,
      revisions: info.revisions.map(r => ({
        ...r,
        replicaSets: r.replicaSets.map(rs => ({
          ...rs,
          tags: r.revision === 29 ? ['stable'] : [],
        })),
      })),
    };
    expect(defaultRollbackRevision(stableIs29)).toBe(29);
  });

  it('offers the active revision of a blue-green rollout in preview', () => {
    const info = infoOf('blue-green');
    expect(info.revision).toBe(11);
    expect(defaultRollbackRevision(info)).toBe(10);
  });

  it('falls back to the newest older revision when the current one is stable', () => {
    const info = infoOf('canary');
    const promoted: RolloutInfo = {
      ...info,
      revisions: info.revisions.map(r => ({
        ...r,
        replicaSets: r.replicaSets.map(rs => ({
          ...rs,
          tags: r.revision === 31 ? ['stable'] : [],
        })),
      })),
    };
    expect(defaultRollbackRevision(promoted)).toBe(30);
    expect(
      defaultRollbackRevision({ ...info, revisions: [info.revisions[0]] }),
    ).toBeUndefined();
  });
});
