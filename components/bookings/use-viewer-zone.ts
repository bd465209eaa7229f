"use client";

import { useSyncExternalStore } from "react";
import { viewerTimeZone } from "./format";

const unchanging = () => () => {};

/** The browser's IANA time zone; "UTC" during the server render (the client's first render replaces it). */
export function useViewerTimeZone(): string {
  return useSyncExternalStore(unchanging, viewerTimeZone, () => "UTC");
}
