import { clerkMiddleware } from "@clerk/nextjs/server";
import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { config as appConfig } from "@/lib/config";

const PATH_HEADER = "x-expertline-path";

/** Passes the requested path on to layouts (they redirect to sign-in with `next`). */
function withPath(request: NextRequest) {
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set(PATH_HEADER, request.nextUrl.pathname + request.nextUrl.search);
  return NextResponse.next({ request: { headers: requestHeaders } });
}

// Clerk only when both keys are set: without keys clerkMiddleware answers 500 on every route.
const clerk = clerkMiddleware((_auth, request) => withPath(request));

export default function proxy(request: NextRequest, event: NextFetchEvent) {
  return appConfig.services.clerk ? clerk(request, event) : withPath(request);
}

export const config = {
  matcher: ["/((?!_next/static|_next/image|favicon.ico|.*\\.(?:png|jpg|jpeg|svg|ico|css|js|woff2?)$).*)"],
};
