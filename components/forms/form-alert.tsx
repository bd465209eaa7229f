import { cn } from "@/components/ui/cn";

/** A form-level refusal in words (errors that belong to a field are shown next to it instead). */
export function FormAlert({ message, className, testId }: { message: string | null | undefined; className?: string; testId?: string }) {
  if (!message) return null;
  return (
    <p role="alert" className={cn("rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700", className)} data-testid={testId}>
      {message}
    </p>
  );
}
