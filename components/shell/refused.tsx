import { ButtonLink } from "@/components/ui/button";

/** Shown instead of a page the viewer may not open: by default one that belongs to another role. */
export function Refused({
  homeHref = "/",
  homeLabel = "Go to your home page",
  message = "This part of ExpertLine is for another kind of account.",
}: {
  homeHref?: string;
  homeLabel?: string;
  message?: string;
}) {
  return (
    <div className="mx-auto flex max-w-lg flex-col items-center px-4 py-20 text-center">
      <div className="flex size-14 items-center justify-center rounded-full bg-red-50 text-red-600" aria-hidden="true">
        <svg viewBox="0 0 24 24" className="size-7" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round">
          <rect x="4" y="11" width="16" height="10" rx="2" />
          <path d="M8 11V7a4 4 0 0 1 8 0v4" />
        </svg>
      </div>
      <p className="mt-6 text-sm font-semibold text-red-600">403</p>
      <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">You don&apos;t have access to this page</h1>
      <p className="mt-2 text-slate-600">{message}</p>
      <ButtonLink href={homeHref} className="mt-8">
        {homeLabel}
      </ButtonLink>
    </div>
  );
}
