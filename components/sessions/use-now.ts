"use client";

import { useEffect, useState } from "react";

/** The current time, refreshed every `intervalMs` while `active`; for countdowns only (billing comes from the server). */
export function useNow(intervalMs = 1000, active = true): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const id = setInterval(() => setNow(Date.now()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs, active]);
  return now;
}
