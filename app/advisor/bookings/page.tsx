import type { Metadata } from "next";
import { BookingList } from "@/components/bookings/booking-list";
import { PageHeader } from "@/components/ui/page-header";

export const metadata: Metadata = { title: "Bookings" };

export default function AdvisorBookingsPage() {
  return (
    <>
      <PageHeader title="Bookings" description="Sessions clients booked in your open times: join, move or cancel them here." />
      <BookingList side="advisor" />
    </>
  );
}
