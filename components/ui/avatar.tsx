import { cn } from "./cn";

const palette = ["bg-brand-100 text-brand-700", "bg-emerald-100 text-emerald-700", "bg-amber-100 text-amber-800", "bg-rose-100 text-rose-700", "bg-sky-100 text-sky-700"];

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? parts[0][0] + parts[parts.length - 1][0] : (parts[0] ?? "?").slice(0, 2);
  return letters.toUpperCase();
}

/** The person's photo when they have one, else initials in a coloured circle (the colour is stable per name). Decorative: the name is always beside it. */
export function Avatar({ name, src, className }: { name: string; src?: string | null; className?: string }) {
  if (src) {
    return (
      // Storage URLs are signed per request and served by the backend; next/image would need every backend host configured.
      // eslint-disable-next-line @next/next/no-img-element
      <img src={src} alt="" aria-hidden="true" className={cn("inline-block size-9 shrink-0 rounded-full object-cover", className)} />
    );
  }
  const hue = [...name].reduce((sum, ch) => sum + ch.charCodeAt(0), 0) % palette.length;
  return (
    <span aria-hidden="true" className={cn("inline-flex size-9 shrink-0 items-center justify-center rounded-full text-sm font-semibold", palette[hue], className)}>
      {initials(name)}
    </span>
  );
}
