"use client";

import "./globals.css";

/** Last resort when the root layout itself fails (for example, the backend is unreachable). */
export default function GlobalError({ reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="en">
      <body className="flex min-h-dvh items-center justify-center px-6">
        <div className="max-w-md text-center" role="alert">
          <h1 className="text-2xl font-semibold text-slate-900">ExpertLine is not reachable right now</h1>
          <p className="mt-2 text-slate-600">The backend did not answer. Check that it is running, then try again.</p>
          <button type="button" onClick={reset} className="mt-6 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700">
            Try again
          </button>
        </div>
      </body>
    </html>
  );
}
