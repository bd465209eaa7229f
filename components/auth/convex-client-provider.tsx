"use client";

import { useAuth as useClerkAuth } from "@clerk/nextjs";
import { ConvexProviderWithAuth, ConvexReactClient } from "convex/react";
import { ConvexProviderWithClerk } from "convex/react-clerk";
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from "react";
import { isExpectedRefusalLog } from "@/lib/convexLog";

type AuthMode = "clerk" | "local" | "none";

const LocalSession = createContext<{ sessionKey: string | null }>({ sessionKey: null });

/** Local sign-in for the Convex client: tokens come from /api/auth/local/token, minted from the session cookie. */
function useLocalAuth() {
  const { sessionKey } = useContext(LocalSession);
  const fetchAccessToken = useCallback(async () => {
    if (sessionKey === null) return null;
    const response = await fetch("/api/auth/local/token", { cache: "no-store" });
    if (!response.ok) return null;
    const body = (await response.json()) as { token: string | null };
    return body.token;
  }, [sessionKey]);
  return useMemo(
    () => ({ isLoading: false, isAuthenticated: sessionKey !== null, fetchAccessToken }),
    [sessionKey, fetchAccessToken],
  );
}

/**
 * The console logger of the Convex client, except that an expected refusal
 * (a ConvexError, which the page catches and shows in words) is logged as
 * information, not as an error: console errors are kept for bugs.
 */
const logger = {
  logVerbose: () => undefined,
  log: (...args: unknown[]) => console.log(...args),
  warn: (...args: unknown[]) => console.warn(...args),
  error: (...args: unknown[]) => (isExpectedRefusalLog(args) ? console.info(...args) : console.error(...args)),
};

/**
 * Connects the browser to the backend with the right sign-in. `sessionKey`
 * identifies the local session (changing it makes the client fetch a new token).
 */
export function ConvexClientProvider({
  convexUrl,
  mode,
  sessionKey,
  children,
}: {
  convexUrl: string;
  mode: AuthMode;
  sessionKey: string | null;
  children: ReactNode;
}) {
  const [client] = useState(() => new ConvexReactClient(convexUrl, { skipConvexDeploymentUrlCheck: true, logger }));
  if (mode === "clerk") {
    return (
      <ConvexProviderWithClerk client={client} useAuth={useClerkAuth}>
        {children}
      </ConvexProviderWithClerk>
    );
  }
  return (
    <LocalSession.Provider value={{ sessionKey: mode === "local" ? sessionKey : null }}>
      <ConvexProviderWithAuth client={client} useAuth={useLocalAuth}>
        {children}
      </ConvexProviderWithAuth>
    </LocalSession.Provider>
  );
}
