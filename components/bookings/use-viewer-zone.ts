"use client";

import { useSyncExternalStore } from "react";

const unchanging = () => () => {};
const browserZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** The browser's IANA time zone; "UTC" during the server render (the client's first render replaces it). */
export function useViewerTimeZone(): string {
  return useSyncExternalStore(unchanging, browserZone, () => "UTC");
}
