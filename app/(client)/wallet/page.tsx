import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { CheckoutReturn } from "./checkout-return";
import { TopUpForm } from "@/components/wallet/top-up-form";
import { WalletHistory } from "@/components/wallet/wallet-history";
import { BalanceRefundPanel } from "./balance-refund-panel";
import { WalletSummary } from "./wallet-summary";

export const metadata: Metadata = { title: "Wallet" };

export default async function WalletPage({ searchParams }: { searchParams: Promise<{ checkout?: string | string[] }> }) {
  const { checkout } = await searchParams;
  const returningFrom = typeof checkout === "string" && checkout !== "cancelled" ? checkout : undefined;
  return (
    <>
      <PageHeader title="Wallet" description="Your balance pays for live sessions, by the second." />
      {returningFrom && <CheckoutReturn checkoutId={returningFrom} />}
      <WalletSummary />
      <Card className="mt-6">
        <CardHeader title="Add funds" description="Your wallet is credited as soon as the payment is confirmed." />
        <CardBody>
          <TopUpForm />
        </CardBody>
      </Card>
      <BalanceRefundPanel />
      <section className="mt-8" aria-labelledby="history-heading">
        <h2 id="history-heading" className="mb-3 text-lg font-semibold text-slate-900">
          History
        </h2>
        <WalletHistory />
      </section>
    </>
  );
}
