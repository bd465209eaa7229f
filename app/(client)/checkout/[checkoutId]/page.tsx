import type { Metadata } from "next";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { TestCheckoutForm } from "@/components/wallet/test-checkout-form";

export const metadata: Metadata = { title: "Checkout" };

export default async function CheckoutPage({ params }: { params: Promise<{ checkoutId: string }> }) {
  const { checkoutId } = await params;
  return (
    <div className="mx-auto max-w-md">
      <Card>
        <CardHeader level={1} title="Checkout" description="ExpertLine wallet top-up" />
        <CardBody>
          <TestCheckoutForm checkoutId={checkoutId} />
        </CardBody>
      </Card>
    </div>
  );
}
