import { ClerkProvider } from "@clerk/nextjs";
import type { Metadata, Viewport } from "next";
import type { ReactNode } from "react";
import { ConvexClientProvider } from "@/components/auth/convex-client-provider";
import { AppHeader } from "@/components/shell/app-header";
import { SiteFooter } from "@/components/shell/site-footer";
import { TestBuildBanner } from "@/components/shell/test-build-banner";
import { ViewerProvider } from "@/components/shell/viewer-provider";
import { config } from "@/lib/config";
import { authMode, getViewer, localProfile } from "./_auth/viewer";
import { BackendMissing } from "./backend-missing";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "ExpertLine — live expert advice", template: "%s · ExpertLine" },
  description: "Talk to vetted advisors by chat or video, billed by the second from your wallet.",
};

export const viewport: Viewport = { width: "device-width", initialScale: 1, themeColor: "#4f46e5" };

export default async function RootLayout({ children }: { children: ReactNode }) {
  const mode = authMode();
  const convexUrl = config.convexUrl;

  let body: ReactNode;
  if (convexUrl === undefined) {
    body = <BackendMissing />;
  } else {
    const { user } = await getViewer();
    const sessionKey = mode === "local" ? ((await localProfile())?.subject ?? null) : null;
    body = (
      <ConvexClientProvider convexUrl={convexUrl} mode={mode} sessionKey={sessionKey}>
        <ViewerProvider mode={mode} viewer={user}>
          <AppHeader />
          <main className="flex-1">{children}</main>
          <SiteFooter />
        </ViewerProvider>
      </ConvexClientProvider>
    );
  }

  const html = (
    <html lang="en">
      <body className="flex min-h-dvh flex-col">
        {config.testBuild && <TestBuildBanner localSignIn={mode === "local"} />}
        {body}
      </body>
    </html>
  );
  return mode === "clerk" ? <ClerkProvider>{html}</ClerkProvider> : html;
}
