/** Exponential backoff with full jitter: a random delay in [base, min(max, base·2^attempt)]. */
export function backoffDelay(
  attempt: number,
  options: { initialMs: number; maxMs: number },
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(
    options.maxMs,
    options.initialMs * 2 ** Math.max(0, attempt - 1),
  );
  return Math.round(
    options.initialMs + random() * Math.max(0, ceiling - options.initialMs),
  );
}

/** Resolves after `ms`, or early when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise(resolve => {
    if (signal.aborted) {
      resolve();
      return;
    }
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}
