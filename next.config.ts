import type { NextConfig } from "next";
import { config } from "./lib/config";

const nextConfig: NextConfig = {
  // `forbidden()` answers 403 with app/forbidden.tsx when a page is for another role.
  experimental: { authInterrupts: true },
  devIndicators: false,
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: config.nextSkipTypecheck },
  // Inlined into the app by `next build` (the test-build flag): setting it again for `next start` changes nothing.
  env: config.buildTimeEnv,
};

export default nextConfig;
