"use client";

import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { Stat } from "@/components/ui/stat";
import { formatMoney } from "@/lib/money";

/** The earnings figures, with the pending time and the smallest withdrawal as the platform settings have them. */
export function EarningsOverview() {
  const limits = useQuery(api.settings.publicLimits, {});
  return (
    <>
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat icon="chart" label="Total earned" value="$0.00" />
        <Stat
          icon="clock"
          label="Pending"
          value="$0.00"
          note={limits && `Released ${limits.earningsPendingHours} h after a session`}
        />
        <Stat icon="wallet" label="Available" value="$0.00" />
        <Stat icon="bank" label="Paid out" value="$0.00" />
      </div>
      <div className="mt-6">
        <EmptyState icon={<Icon name="chart" />} title="No earnings yet">
          Each finished session adds its earning here.
          {limits && ` Withdrawals open once you have ${formatMoney(limits.withdrawalMin, limits.currency)} available.`}
        </EmptyState>
      </div>
    </>
  );
}
