import { NextResponse } from "next/server";
import { publicJwksFor } from "@/lib/auth/localKeys";
import { localAuthSettings } from "@/app/_auth/viewer";

export const dynamic = "force-dynamic";

/** The public key of local sign-in, as a JWKS (the backend gets the same keys through LOCAL_AUTH_JWKS). */
export async function GET() {
  const settings = localAuthSettings();
  if (settings === null) return NextResponse.json({ error: "Local sign-in is not enabled." }, { status: 404 });
  return NextResponse.json(publicJwksFor(JSON.parse(settings.privateJwk)));
}
