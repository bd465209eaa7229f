import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";

export const metadata: Metadata = { title: "Earnings" };

export default function EarningsPage() {
  return (
    <>
      <PageHeader title="Earnings" description="What your sessions earned, what is pending and what you can withdraw." />
      <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <Stat icon="chart" label="Total earned" value="$0.00" />
        <Stat icon="clock" label="Pending" value="$0.00" note="Released 24 h after a session" />
        <Stat icon="wallet" label="Available" value="$0.00" />
        <Stat icon="bank" label="Paid out" value="$0.00" />
      </div>
      <div className="mt-6">
        <EmptyState icon={<Icon name="chart" />} title="No earnings yet">
          Each finished session adds its earning here. Withdrawals open once you have $20.00 available.
        </EmptyState>
      </div>
    </>
  );
}
