import { Button } from "@/components/ui/button";

type PaginationStatus = "LoadingFirstPage" | "CanLoadMore" | "LoadingMore" | "Exhausted";

/** The footer of a paginated list: shown while more pages exist, busy while one loads. */
export function LoadMore({ status, onLoadMore, label }: { status: PaginationStatus; onLoadMore: () => void; label: string }) {
  if (status !== "CanLoadMore" && status !== "LoadingMore") return null;
  return (
    <div className="flex justify-center">
      <Button variant="secondary" onClick={onLoadMore} pending={status === "LoadingMore"}>
        {label}
      </Button>
    </div>
  );
}
