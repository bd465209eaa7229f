import { AdvisorCard, type PublicAdvisor } from "./advisor-card";

/** Advisor cards in a responsive grid, each card stretched to its row's height. */
export function AdvisorGrid({ advisors, label, testId }: { advisors: readonly PublicAdvisor[]; label: string; testId?: string }) {
  return (
    <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label={label} data-testid={testId}>
      {advisors.map((advisor) => (
        <li key={advisor._id} className="flex min-w-0">
          <div className="flex w-full min-w-0 flex-col [&>article]:flex-1">
            <AdvisorCard advisor={advisor} />
          </div>
        </li>
      ))}
    </ul>
  );
}
