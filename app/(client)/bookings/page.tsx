import type { Metadata } from "next";
import { BookingList } from "@/components/bookings/booking-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Bookings" };

export default function ClientBookingsPage() {
  return (
    <>
      <PageHeader title="Bookings" description="Sessions you booked ahead: join, move or cancel them here." />
      <BookingList side="client" />
    </>
  );
}
