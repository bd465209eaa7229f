import type { Metadata } from "next";
import { EmptyState } from "@/components/ui/empty-state";
import { Icon } from "@/components/ui/icons";
import { PageHeader } from "@/components/ui/page-header";
import { Stat } from "@/components/ui/stat";

export const metadata: Metadata = { title: "Wallet" };

export default function WalletPage() {
  return (
    <>
      <PageHeader title="Wallet" description="Your balance pays for live sessions, by the second." />
      <div className="grid gap-4 sm:grid-cols-3">
        <Stat icon="wallet" label="Available balance" value="—" note="Shown once top-ups open" />
        <Stat icon="clock" label="On hold" value="—" note="Running sessions and bookings" />
        <Stat icon="chart" label="Spent this month" value="—" />
      </div>
      <div className="mt-6">
        <EmptyState icon={<Icon name="wallet" />} title="Top-ups are on their way">
          Soon you can add $10, $25, $50, $100 or a custom amount here and see every top-up, session charge and refund.
        </EmptyState>
      </div>
    </>
  );
}
