import { SignalApi } from '@backstage/plugin-signals-react';

/**
 * A signal API that records the channels subscribed to; `send` delivers a message on one
 * channel and `fire` delivers a change message (ids only, as the backend sends) to them all.
 */
export function fakeSignals() {
  const channels: string[] = [];
  const listeners = new Map<string, Array<(message: object) => void>>();
  const api: SignalApi = {
    subscribe(channel, onMessage) {
      channels.push(channel);
      listeners.set(channel, [
        ...(listeners.get(channel) ?? []),
        onMessage as (message: object) => void,
      ]);
      return { unsubscribe: () => {} };
    },
  };
  const send = (channel: string, message: object) =>
    listeners.get(channel)?.forEach(listener => listener(message));
  return {
    api,
    channels,
    send,
    fire: (message: object = { changedAt: 'now' }) =>
      [...listeners.keys()].forEach(channel => send(channel, message)),
  };
}
