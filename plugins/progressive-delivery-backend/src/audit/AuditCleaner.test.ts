import { mockServices } from '@backstage/backend-test-utils';
import {
  AUDIT_RETENTION_TASK_ID,
  AuditCleaner,
  readAuditRetentionDays,
} from './AuditCleaner';
import { AuditStore } from './types';

const NOW = new Date('2026-11-26T00:00:00.000Z');
const DAY_MS = 24 * 60 * 60 * 1000;

function mockStore(deleted = 3): jest.Mocked<AuditStore> {
  return {
    begin: jest.fn(),
    complete: jest.fn(),
    record: jest.fn(),
    getById: jest.fn(),
    list: jest.fn(),
    deleteOlderThan: jest.fn().mockResolvedValue(deleted),
  };
}

function config(data: object = {}) {
  return mockServices.rootConfig({ data });
}

describe('AuditCleaner', () => {
  it('schedules a daily global task deleting rows older than 365 days by default', async () => {
    const scheduler = mockServices.scheduler.mock();
    const store = mockStore();
    const cleaner = await AuditCleaner.schedule({
      config: config(),
      scheduler,
      logger: mockServices.logger.mock(),
      store,
      now: () => NOW,
    });
    expect(cleaner.retentionDays).toBe(365);
    expect(scheduler.scheduleTask).toHaveBeenCalledTimes(1);
    const task = scheduler.scheduleTask.mock.calls[0][0];
    expect(task).toMatchObject({
      id: AUDIT_RETENTION_TASK_ID,
      scope: 'global',
      frequency: { hours: 24 },
    });

    await task.fn(new AbortController().signal);
    expect(store.deleteOlderThan).toHaveBeenCalledWith(
      new Date(NOW.getTime() - 365 * DAY_MS),
    );
  });

  it('uses progressiveDelivery.audit.retentionDays', async () => {
    const store = mockStore(7);
    const cleaner = await AuditCleaner.schedule({
      config: config({ progressiveDelivery: { audit: { retentionDays: 30 } } }),
      scheduler: mockServices.scheduler.mock(),
      logger: mockServices.logger.mock(),
      store,
      now: () => NOW,
    });
    await expect(cleaner.runOnce()).resolves.toBe(7);
    expect(store.deleteOlderThan).toHaveBeenCalledWith(
      new Date(NOW.getTime() - 30 * DAY_MS),
    );
  });

  it('keeps rows forever with retentionDays 0', async () => {
    const scheduler = mockServices.scheduler.mock();
    const store = mockStore();
    const cleaner = await AuditCleaner.schedule({
      config: config({ progressiveDelivery: { audit: { retentionDays: 0 } } }),
      scheduler,
      logger: mockServices.logger.mock(),
      store,
    });
    expect(scheduler.scheduleTask).not.toHaveBeenCalled();
    await expect(cleaner.runOnce()).resolves.toBe(0);
    expect(store.deleteOlderThan).not.toHaveBeenCalled();
  });

  it('rejects a negative or fractional retention', () => {
    for (const retentionDays of [-1, 1.5]) {
      expect(() =>
        readAuditRetentionDays(
          config({ progressiveDelivery: { audit: { retentionDays } } }),
        ),
      ).toThrow(/retentionDays/);
    }
  });
});
