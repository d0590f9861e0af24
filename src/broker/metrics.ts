// Instantaneous rates for INFO (instantaneous_ops_per_sec, *_kbps): like
// Redis's trackInstantaneousMetric, a ring of per-interval rates sampled at
// most every 100 ms by the cron, averaged on read.
import type { RateSampler } from '../commands/types.js';

const SAMPLES = 16;
const MIN_PERIOD_MS = 100;

/** One counter's rate: samples (delta / elapsed) into a ring. */
class Rate {
  private readonly ring = new Float64Array(SAMPLES);
  private idx = 0;
  private lastValue = 0;
  private lastTime = 0;

  sample(now: number, value: number): void {
    if (this.lastTime !== 0) {
      const dt = now - this.lastTime;
      // A counter reset (CONFIG RESETSTAT) reads as no traffic, not a negative rate.
      this.ring[this.idx] = dt > 0 && value >= this.lastValue ? ((value - this.lastValue) * 1000) / dt : 0;
      this.idx = (this.idx + 1) % SAMPLES;
    }
    this.lastTime = now;
    this.lastValue = value;
  }

  /** Per-second rate averaged over the ring. */
  value(): number {
    let sum = 0;
    for (let i = 0; i < SAMPLES; i++) sum += this.ring[i];
    return sum / SAMPLES;
  }

  reset(): void {
    this.ring.fill(0);
    this.lastTime = 0;
  }
}

/** What the sampler reads. */
export interface RateSource {
  totalCommands: number;
  netInputBytes: number;
  netOutputBytes: number;
}

/** Commands/s and network kbps, sampled by Broker.cron. */
export class InstantMetrics implements RateSampler {
  private readonly ops = new Rate();
  private readonly input = new Rate();
  private readonly output = new Rate();
  private last = 0;

  /** Takes a sample unless the previous one is less than 100 ms old. */
  sample(now: number, s: RateSource): void {
    if (this.last !== 0 && now - this.last < MIN_PERIOD_MS) return;
    this.last = now;
    this.ops.sample(now, s.totalCommands);
    this.input.sample(now, s.netInputBytes);
    this.output.sample(now, s.netOutputBytes);
  }

  opsPerSec(): number {
    return Math.round(this.ops.value());
  }

  inputKbps(): number {
    return this.input.value() / 1024;
  }

  outputKbps(): number {
    return this.output.value() / 1024;
  }

  /** Forgets every sample (CONFIG RESETSTAT). */
  reset(): void {
    this.ops.reset();
    this.input.reset();
    this.output.reset();
    this.last = 0;
  }
}
