"use client";

import type { ReactNode } from "react";
import { AuthModeContext, type AuthMode } from "@/components/auth/auth-mode";
import { InitialViewer, type Viewer } from "@/components/auth/viewer";

export function ViewerProvider({ mode, viewer, children }: { mode: AuthMode; viewer: Viewer; children: ReactNode }) {
  return (
    <AuthModeContext.Provider value={mode}>
      <InitialViewer.Provider value={viewer}>{children}</InitialViewer.Provider>
    </AuthModeContext.Provider>
  );
}
