/**
 * On every page of a build made for the end-to-end tests (config.testBuild),
 * where the local sign-in lets anyone continue as any account, admins included.
 */
export function TestBuildBanner({ localSignIn }: { localSignIn: boolean }) {
  return (
    <aside
      aria-label="Test build"
      className="border-b border-amber-200 bg-amber-50 px-4 py-1.5 text-center text-xs leading-5 font-medium text-amber-900"
    >
      <span className="font-semibold">Test build</span>
      {localSignIn ? " — local sign-in is enabled; not for production" : " — not for production"}
    </aside>
  );
}
