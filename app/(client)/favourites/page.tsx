import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { FavouriteList } from "./favourite-list";

export const metadata: Metadata = { title: "Favourites" };

export default function FavouritesPage() {
  return (
    <>
      <PageHeader title="Favourites" description="Advisors you saved, newest first, with their live status." />
      <FavouriteList />
    </>
  );
}
