import type { ReactNode } from "react";
import { Icon, type IconName } from "./icons";

/** A labelled figure for dashboards; `value` may be a placeholder such as "—" with a `note` saying why. */
export function Stat({ label, value, note, icon }: { label: string; value: ReactNode; note?: string; icon: IconName }) {
  return (
    <div className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
      <div className="flex items-center justify-between">
        <p className="text-sm font-medium text-slate-600">{label}</p>
        <span className="text-slate-400">
          <Icon name={icon} className="size-5" />
        </span>
      </div>
      <p className="mt-2 text-2xl font-semibold tracking-tight text-slate-900">{value}</p>
      {note && <p className="mt-1 text-xs text-slate-500">{note}</p>}
    </div>
  );
}
