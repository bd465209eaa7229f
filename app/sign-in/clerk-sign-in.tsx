import { SignIn } from "@clerk/nextjs";

/**
 * After Clerk signs someone in (or up) it comes back to /sign-in, which sends
 * a signed-in user on through safeNextPath like the local sign-in does; Clerk's
 * own `redirect_url` query parameter is overridden and never followed.
 */
export function ClerkSignIn({ next }: { next?: string }) {
  const back = next === undefined ? "/sign-in" : `/sign-in?next=${encodeURIComponent(next)}`;
  return (
    <div className="flex justify-center px-4 py-12">
      <SignIn routing="hash" forceRedirectUrl={back} signUpForceRedirectUrl={back} />
    </div>
  );
}
