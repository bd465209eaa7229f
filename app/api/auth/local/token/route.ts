import { NextResponse } from "next/server";
import { signAccessToken } from "@/lib/auth/localTokens";
import { localAuthSettings, localProfile } from "@/app/_auth/viewer";

export const dynamic = "force-dynamic";

/** A fresh short-lived access token for the Convex client, minted from the session cookie. */
export async function GET() {
  const settings = localAuthSettings();
  if (settings === null) return NextResponse.json({ error: "Local sign-in is not enabled." }, { status: 404 });
  const profile = await localProfile();
  if (profile === null) return NextResponse.json({ token: null }, { status: 401, headers: { "Cache-Control": "no-store" } });
  return NextResponse.json({ token: await signAccessToken(settings, profile) }, { headers: { "Cache-Control": "no-store" } });
}
