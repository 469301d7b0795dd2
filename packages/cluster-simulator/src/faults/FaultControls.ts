/** The fault settings of one cluster at this moment. */
export interface FaultState {
  /** Added before every request is handled. */
  latencyMs: number;
  /** Share of requests (0..1) answered with a 500 InternalError Status. */
  errorRate: number;
  /** Requests are accepted and never answered. */
  hang: boolean;
  /** The server does not listen: connections are refused. */
  down: boolean;
}

/** Runtime-switchable faults of one simulated cluster. */
export interface FaultControls {
  /** A snapshot of the current settings. */
  readonly state: FaultState;
  setLatency(ms: number): void;
  setErrorRate(rate: number): void;
  setHang(hang: boolean): void;
  /** Drops every open watch connection abruptly (socket reset); returns how many. */
  dropWatches(): number;
  /** Ends every open watch cleanly, like the API server's periodic timeout; returns how many. */
  closeWatches(): number;
  /** Compacts the event history: resuming a watch from an older RV gets 410 Expired. */
  compact(): void;
  /** Stops listening and drops every connection; connections are refused until `up()`. */
  down(): Promise<void>;
  /** Listens again on the same port. */
  up(): Promise<void>;
  /** Turns every fault off (and the cluster up). */
  reset(): Promise<void>;
}

/** What the fault switches act on; supplied by the cluster's server. */
export interface FaultTargets {
  dropWatches(): number;
  closeWatches(): number;
  compact(): void;
  stopListening(): Promise<void>;
  startListening(): Promise<void>;
}

export class ClusterFaults implements FaultControls {
  private readonly current: FaultState;

  constructor(
    private readonly targets: FaultTargets,
    initial: Partial<FaultState> = {},
  ) {
    this.current = {
      latencyMs: 0,
      errorRate: 0,
      hang: false,
      ...initial,
      down: false,
    };
    this.setLatency(this.current.latencyMs);
    this.setErrorRate(this.current.errorRate);
  }

  get state(): FaultState {
    return { ...this.current };
  }

  setLatency(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms))
      throw new Error(`latency must be >= 0 ms, got ${ms}`);
    this.current.latencyMs = ms;
  }

  setErrorRate(rate: number): void {
    if (!(rate >= 0 && rate <= 1))
      throw new Error(`error rate must be in [0, 1], got ${rate}`);
    this.current.errorRate = rate;
  }

  setHang(hang: boolean): void {
    this.current.hang = hang;
  }

  dropWatches(): number {
    return this.targets.dropWatches();
  }

  closeWatches(): number {
    return this.targets.closeWatches();
  }

  compact(): void {
    this.targets.compact();
  }

  async down(): Promise<void> {
    if (this.current.down) return;
    this.current.down = true;
    await this.targets.stopListening();
  }

  async up(): Promise<void> {
    if (!this.current.down) return;
    await this.targets.startListening();
    this.current.down = false;
  }

  async reset(): Promise<void> {
    this.current.latencyMs = 0;
    this.current.errorRate = 0;
    this.current.hang = false;
    await this.up();
  }
}
