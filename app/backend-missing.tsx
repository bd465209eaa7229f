/** Shown when NEXT_PUBLIC_CONVEX_URL is not set: the app has no backend to talk to. */
export function BackendMissing() {
  return (
    <main className="mx-auto flex max-w-xl flex-1 flex-col justify-center px-6 py-20">
      <h1 className="text-2xl font-semibold text-slate-900">ExpertLine has no backend configured</h1>
      <p className="mt-3 text-slate-600">
        Start everything with <code className="rounded bg-slate-100 px-1.5 py-0.5 text-sm">npm run dev</code>, which runs the
        local backend and sets <code className="rounded bg-slate-100 px-1.5 py-0.5 text-sm">NEXT_PUBLIC_CONVEX_URL</code> for
        you, or set it to your Convex deployment&apos;s URL.
      </p>
    </main>
  );
}
