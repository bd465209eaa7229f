import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { OwnReviews } from "./own-reviews";
import { ProfileForm } from "./profile-form";

export const metadata: Metadata = { title: "Your profile" };

export default function AdvisorProfilePage() {
  return (
    <>
      <PageHeader title="Your profile" description="What clients see on your card and profile page." />
      <ProfileForm />
      <OwnReviews />
    </>
  );
}
