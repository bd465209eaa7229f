import type { NextConfig } from "next";
import { config } from "./lib/config";

const nextConfig: NextConfig = {
  // `forbidden()` answers 403 with app/forbidden.tsx when a page is for another role.
  experimental: { authInterrupts: true },
  devIndicators: false,
  poweredByHeader: false,
  typescript: { ignoreBuildErrors: config.nextSkipTypecheck },
};

export default nextConfig;
