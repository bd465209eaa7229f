import os from "node:os";

export type Machine = { cpu: string; cores: number; memoryGiB: number; node: string; os: string; loadAverage1m: number };

export function describeMachine(): Machine {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? "unknown",
    cores: os.availableParallelism?.() ?? cpus.length,
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.platform()} ${os.release()} ${os.arch()}`,
    /** Other work on the machine skews the clock figures; this says how much there was at the start. */
    loadAverage1m: Math.round(os.loadavg()[0] * 100) / 100,
  };
}
