"use client";

import { useQuery } from "convex/react";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { api } from "@/convex/_generated/api";
import { useEffect, useMemo, useState, type KeyboardEvent } from "react";
import { Field, Input, Select } from "@/components/ui/field";
import {
  DEFAULT_FILTERS,
  DISCOVERY_SORTS,
  LANGUAGES,
  MAX_SEARCH_TEXT_LENGTH,
  SORT_LABEL,
  filtersFromSearchParams,
  filtersToSearchParams,
  type DiscoveryFilters,
  type PriceKind,
} from "@/lib/advisors/discovery";
import { minorUnitDigits, parseMoney, toDecimalString } from "@/lib/money";
import { useViewer } from "@/components/auth/viewer";
import { FavouriteList } from "@/app/(client)/favourites/favourite-list";
import { DiscoveryResults } from "./discovery-results";

const SEARCH_DELAY_MS = 300;
const CURRENCY = "USD";

/** "12.50" ↔ 1250 for the price boxes; an empty or unreadable box means no bound. */
function centsOf(text: string): number | undefined {
  const parsed = parseMoney(text, CURRENCY);
  return parsed.ok ? parsed.amount : undefined;
}
const textOf = (cents: number | undefined) => (cents === undefined ? "" : toDecimalString(cents, minorUnitDigits(CURRENCY)));

/**
 * Search, filters and sort, kept in the URL (so a search survives a reload and
 * can be shared), over server-side discovery results.
 */
export function AdvisorDiscovery() {
  const router = useRouter();
  const viewer = useViewer();
  const specialtyOptions = useQuery(api.specialties.list, {});
  const pathname = usePathname();
  const params = useSearchParams();
  const filters = useMemo(() => filtersFromSearchParams(Object.fromEntries(params.entries())), [params]);
  const [text, setText] = useState(filters.text ?? "");
  const [priceMin, setPriceMin] = useState(textOf(filters.priceMin));
  const [priceMax, setPriceMax] = useState(textOf(filters.priceMax));

  const apply = (next: Partial<DiscoveryFilters>) => {
    const query = filtersToSearchParams({ ...filters, ...next }).toString();
    router.replace(query === "" ? pathname : `${pathname}?${query}`, { scroll: false });
  };

  // Typing searches once the person pauses.
  useEffect(() => {
    const trimmed = text.trim() || undefined;
    if (trimmed === filters.text) return;
    const timer = setTimeout(() => apply({ text: trimmed }), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only the typed text starts a search
  }, [text]);

  const priceRangeError =
    centsOf(priceMin) !== undefined && centsOf(priceMax) !== undefined && centsOf(priceMin)! > centsOf(priceMax)!
      ? "The highest price must not be below the lowest."
      : null;
  const applyPrices = () => {
    if (priceRangeError === null) apply({ priceMin: centsOf(priceMin), priceMax: centsOf(priceMax) });
  };
  // Several text boxes and no submit button: Enter does not submit the form by itself.
  const onPriceKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") {
      e.preventDefault();
      applyPrices();
    }
  };
  const clear = () => {
    setText("");
    setPriceMin("");
    setPriceMax("");
    router.replace(pathname, { scroll: false });
  };
  const filtered = filtersToSearchParams(filters).toString() !== filtersToSearchParams(DEFAULT_FILTERS).toString();

  return (
    <div className="space-y-6">
      <form
        role="search"
        aria-label="Find advisors"
        className="space-y-4 rounded-xl border border-slate-200 bg-white p-4 shadow-sm"
        onSubmit={(e) => e.preventDefault()}
      >
        <Field label="Search">
          {(p) => (
            <Input
              {...p}
              type="search"
              name="q"
              placeholder="Name, topic or specialty"
              maxLength={MAX_SEARCH_TEXT_LENGTH}
              value={text}
              onChange={(e) => setText(e.target.value)}
            />
          )}
        </Field>
        <div className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <Field label="Specialty">
            {(p) => (
              <Select {...p} value={filters.specialty ?? ""} onChange={(e) => apply({ specialty: e.target.value || undefined })}>
                <option value="">Any specialty</option>
                {specialtyOptions?.map((s) => (
                  <option key={s._id} value={s.name}>
                    {s.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Language">
            {(p) => (
              <Select {...p} value={filters.language ?? ""} onChange={(e) => apply({ language: e.target.value || undefined })}>
                <option value="">Any language</option>
                {LANGUAGES.map((l) => (
                  <option key={l} value={l}>
                    {l}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Minimum rating">
            {(p) => (
              <Select {...p} value={filters.minRating ?? ""} onChange={(e) => apply({ minRating: e.target.value === "" ? undefined : Number(e.target.value) })}>
                <option value="">Any rating</option>
                {[4.5, 4, 3.5, 3].map((r) => (
                  <option key={r} value={r}>
                    {r.toFixed(1)} and up
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label="Sort by">
            {(p) => (
              <Select {...p} value={filters.sort} onChange={(e) => apply({ sort: e.target.value as DiscoveryFilters["sort"] })} disabled={filters.text !== undefined}>
                {DISCOVERY_SORTS.map((s) => (
                  <option key={s} value={s}>
                    {SORT_LABEL[s]}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </div>
        <div className="grid items-start gap-4 sm:grid-cols-[10rem_1fr_1fr_auto]">
          <Field label="Price for">
            {(p) => (
              <Select {...p} value={filters.priceKind} onChange={(e) => apply({ priceKind: e.target.value as PriceKind })}>
                <option value="chat">Chat</option>
                <option value="video">Video</option>
              </Select>
            )}
          </Field>
          <Field label="Lowest $/min">
            {(p) => <Input {...p} name="min" inputMode="decimal" value={priceMin} onChange={(e) => setPriceMin(e.target.value)} onBlur={applyPrices} onKeyDown={onPriceKey} />}
          </Field>
          <Field label="Highest $/min" error={priceRangeError}>
            {(p) => <Input {...p} name="max" inputMode="decimal" value={priceMax} onChange={(e) => setPriceMax(e.target.value)} onBlur={applyPrices} onKeyDown={onPriceKey} />}
          </Field>
          <label className="flex items-center gap-2 text-sm text-slate-800 sm:pt-8">
            <input type="checkbox" className="size-4 rounded border-slate-300" checked={filters.onlineOnly} onChange={(e) => apply({ onlineOnly: e.target.checked })} />
            Online now
          </label>
        </div>
        {filters.text !== undefined && <p className="text-xs text-slate-500">Search results are ordered by how well they match.</p>}
        {filtered && (
          <button type="button" className="text-sm font-medium text-brand-700 hover:underline" onClick={clear}>
            Clear search and filters
          </button>
        )}
      </form>
      {viewer?.role === "client" && !filtered && (
        <section aria-labelledby="favourites-heading" className="space-y-3">
          <h2 id="favourites-heading" className="text-lg font-semibold text-slate-900">
            Your favourites
          </h2>
          <FavouriteList limit={3} />
        </section>
      )}
      <DiscoveryResults key={params.toString()} filters={filters} onClear={clear} />
    </div>
  );
}
