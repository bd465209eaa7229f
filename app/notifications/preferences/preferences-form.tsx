"use client";

import { useMutation, useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Skeleton } from "@/components/ui/spinner";
import { KIND_LABELS, type NotificationChannel, type NotificationKind } from "@/lib/notifications/kinds";

const CHANNEL_LABEL: Record<NotificationChannel, string> = { inApp: "In app", email: "Email" };

/** One row per kind with an in-app and an email switch; each change is saved at once and the list follows live. */
export function PreferencesForm() {
  const choices = useQuery(api.notifications.preferences, {});
  const setPreference = useMutation(api.notifications.setPreference);
  const action = useSubmit();

  if (choices === undefined) return <Skeleton className="h-96 w-full" />;
  const change = (kind: NotificationKind, channel: NotificationChannel, on: boolean) => void action.submit(() => setPreference({ kind, channel, on }));
  return (
    <div className="space-y-3">
      <FormAlert message={action.formError} />
      <table className="w-full rounded-xl border border-slate-200 bg-white text-sm" data-testid="notification-preferences">
        <caption className="sr-only">Channels for each kind of notification</caption>
        <thead>
          <tr className="border-b border-slate-200 text-left text-slate-600">
            <th scope="col" className="px-4 py-3 font-medium">Notification</th>
            {(["inApp", "email"] as const).map((channel) => (
              <th key={channel} scope="col" className="w-20 px-2 py-3 text-center font-medium sm:w-28">
                {CHANNEL_LABEL[channel]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {choices.map((choice) => (
            <tr key={choice.kind}>
              <th scope="row" className="px-4 py-3 text-left font-normal text-slate-900">
                {KIND_LABELS[choice.kind].label}
              </th>
              {(["inApp", "email"] as const).map((channel) => (
                <td key={channel} className="px-2 py-3 text-center">
                  <input
                    type="checkbox"
                    role="switch"
                    className="size-5 accent-brand-600"
                    aria-label={`${CHANNEL_LABEL[channel]}: ${KIND_LABELS[choice.kind].label}`}
                    checked={choice[channel]}
                    disabled={action.pending}
                    onChange={(e) => change(choice.kind, channel, e.target.checked)}
                  />
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
