import { ButtonLink } from "@/components/ui/button";

export default function NotFound() {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center px-4 py-20 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold tracking-tight text-slate-900 sm:text-3xl">We couldn&apos;t find that page</h1>
      <p className="mt-2 text-slate-600">The link may be old, or the page may have moved.</p>
      <div className="mt-8 flex gap-3">
        <ButtonLink href="/">Back to home</ButtonLink>
        <ButtonLink href="/advisors" variant="secondary">
          Browse advisors
        </ButtonLink>
      </div>
    </div>
  );
}
