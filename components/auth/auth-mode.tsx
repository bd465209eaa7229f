"use client";

import { createContext, useContext } from "react";

export type AuthMode = "clerk" | "local" | "none";

export const AuthModeContext = createContext<AuthMode>("none");

export function useAuthMode(): AuthMode {
  return useContext(AuthModeContext);
}
