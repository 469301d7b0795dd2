import { Pod } from '../kubernetes/pod';
import { describePod } from './podInfo';

function pod(status: Pod['status'], extra: Partial<Pod> = {}): Pod {
  return {
    metadata: { name: 'p', ...(extra.metadata ?? {}) },
    spec: extra.spec ?? { containers: [{ name: 'main' }] },
    status,
  };
}

const running = { running: { startedAt: '2024-01-01T00:00:00Z' } };

describe('describePod (kubectl printer rules, reference §1.4)', () => {
  it('a ready running pod', () => {
    expect(
      describePod(
        pod({
          phase: 'Running',
          containerStatuses: [
            { name: 'main', ready: true, restartCount: 0, state: running },
          ],
        }),
      ),
    ).toEqual({ name: 'p', status: 'Running', ready: '1/1', restarts: 0 });
  });

  it('a waiting reason wins and restarts are summed', () => {
    expect(
      describePod(
        pod(
          {
            phase: 'Running',
            containerStatuses: [
              {
                name: 'a',
                ready: false,
                restartCount: 3,
                state: { waiting: { reason: 'CrashLoopBackOff' } },
              },
              { name: 'b', ready: true, restartCount: 1, state: running },
            ],
          },
          { spec: { containers: [{ name: 'a' }, { name: 'b' }] } },
        ),
      ),
    ).toEqual({
      name: 'p',
      status: 'CrashLoopBackOff',
      ready: '1/2',
      restarts: 4,
    });
  });

  it('terminated containers: reason, signal or exit code', () => {
    const withState = (terminated: {
      exitCode: number;
      signal?: number;
      reason?: string;
    }) =>
      describePod(
        pod({
          phase: 'Failed',
          containerStatuses: [
            {
              name: 'main',
              ready: false,
              restartCount: 0,
              state: { terminated },
            },
          ],
        }),
      ).status;
    expect(withState({ exitCode: 1, reason: 'Error' })).toBe('Error');
    expect(withState({ exitCode: 137, signal: 9 })).toBe('Signal:9');
    expect(withState({ exitCode: 2 })).toBe('ExitCode:2');
  });

  it('Completed becomes Running while another container still runs', () => {
    expect(
      describePod(
        pod(
          {
            phase: 'Running',
            containerStatuses: [
              { name: 'app', ready: true, restartCount: 0, state: running },
              {
                name: 'job',
                ready: false,
                restartCount: 0,
                state: { terminated: { exitCode: 0, reason: 'Completed' } },
              },
            ],
          },
          { spec: { containers: [{ name: 'app' }, { name: 'job' }] } },
        ),
      ).status,
    ).toBe('Running');
  });

  it('init containers: failing, waiting, running and signalled', () => {
    const spec = {
      containers: [{ name: 'main' }],
      initContainers: [{ name: 'i0' }, { name: 'i1' }],
    };
    const done = {
      name: 'i0',
      ready: false,
      restartCount: 1,
      state: { terminated: { exitCode: 0 } },
    };
    const status = (second: object) =>
      describePod(
        pod(
          {
            phase: 'Pending',
            initContainerStatuses: [
              done,
              { name: 'i1', ready: false, restartCount: 2, ...second },
            ],
          },
          { spec },
        ),
      );
    expect(
      status({ state: { terminated: { exitCode: 1, reason: 'Error' } } }),
    ).toEqual({
      name: 'p',
      status: 'Init:Error',
      ready: '0/1',
      restarts: 3,
    });
    expect(
      status({ state: { terminated: { exitCode: 1, signal: 15 } } }).status,
    ).toBe('Init:Signal:15');
    expect(status({ state: { terminated: { exitCode: 3 } } }).status).toBe(
      'Init:ExitCode:3',
    );
    expect(
      status({ state: { waiting: { reason: 'ErrImagePull' } } }).status,
    ).toBe('Init:ErrImagePull');
    expect(
      status({ state: { waiting: { reason: 'PodInitializing' } } }).status,
    ).toBe('Init:1/2');
    expect(status({ state: running }).status).toBe('Init:1/2');
  });

  it('pending without container statuses shows the phase or the pod reason', () => {
    expect(describePod(pod({ phase: 'Pending' })).status).toBe('Pending');
    expect(
      describePod(pod({ phase: 'Failed', reason: 'Evicted' })).status,
    ).toBe('Evicted');
  });

  it('Unknown phase: stale container state is ignored (TestNewPodInfo_Unknown)', () => {
    expect(
      describePod(
        pod({
          phase: 'Unknown',
          reason: 'NodeLost',
          containerStatuses: [
            {
              name: 'main',
              ready: true,
              restartCount: 5,
              state: { waiting: { reason: 'CrashLoopBackOff' } },
            },
          ],
        }),
      ),
    ).toEqual({ name: 'p', status: 'Unknown', ready: '0/1', restarts: 0 });
  });

  it('deleted pods are Terminating, or Unknown when the node is lost (TestNewPodInfo_Terminating*)', () => {
    const metadata = { name: 'p', deletionTimestamp: '2024-01-01T00:00:00Z' };
    const ready = [
      { name: 'main', ready: true, restartCount: 0, state: running },
    ];
    expect(
      describePod(
        pod({ phase: 'Running', containerStatuses: ready }, { metadata }),
      ),
    ).toEqual({
      name: 'p',
      status: 'Terminating',
      ready: '0/1',
      restarts: 0,
    });
    expect(
      describePod(
        pod({ phase: 'Unknown', containerStatuses: ready }, { metadata }),
      ).status,
    ).toBe('Unknown');
    expect(
      describePod(
        pod(
          { phase: 'Running', reason: 'NodeLost', containerStatuses: ready },
          { metadata },
        ),
      ).status,
    ).toBe('Unknown');
  });
});
