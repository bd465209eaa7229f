/** A production build without Clerk (and not a test build): there is deliberately no way to sign in. */
export function SignInUnavailable() {
  return (
    <div className="mx-auto max-w-xl px-4 py-20 text-center">
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Sign-in is not configured</h1>
      <p className="mt-3 text-slate-600">
        This deployment has no Clerk keys, and the local sign-in is disabled in production. Set
        <code className="mx-1 rounded bg-slate-100 px-1.5 py-0.5 text-sm">NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY</code>and
        <code className="mx-1 rounded bg-slate-100 px-1.5 py-0.5 text-sm">CLERK_SECRET_KEY</code>to enable sign-in.
      </p>
    </div>
  );
}
