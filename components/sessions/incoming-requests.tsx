"use client";

import { useQuery } from "convex/react";
import { api } from "@/convex/_generated/api";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Skeleton } from "@/components/ui/spinner";
import { formatMoney } from "@/lib/money";
import { KIND_LABEL } from "./format";
import { RequestActions, RequestCountdown } from "./request-panels";

/** Requests waiting for the advisor, live and silent: a count badge and Accept / Decline per request. */
export function IncomingRequests({ isOnline }: { isOnline: boolean }) {
  const requests = useQuery(api.sessions.incomingRequests);
  const count = requests?.length ?? 0;
  return (
    <Card>
      <CardHeader
        title="Session requests"
        description={isOnline ? "Requests appear here live while you are online." : "Go online to receive requests."}
        action={
          count > 0 ? (
            <Badge tone="red" className="text-sm">
              <span data-testid="request-count">{count}</span> waiting
            </Badge>
          ) : undefined
        }
      />
      <CardBody>
        {requests === undefined && <Skeleton className="h-16 w-full" />}
        {requests?.length === 0 && <p className="py-6 text-center text-sm text-slate-500">No requests right now.</p>}
        {requests && requests.length > 0 && (
          <ul className="divide-y divide-slate-100" aria-live="polite" aria-label="Waiting requests">
            {requests.map((request) => (
              <li key={request._id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="incoming-request">
                <div className="min-w-0">
                  <p className="font-medium text-slate-900">
                    {request.client.name} · {KIND_LABEL[request.kind]}
                  </p>
                  <p className="text-xs text-slate-500">
                    {formatMoney(request.rateCentsPerMinute, request.currency)}/min · answer within <RequestCountdown expiresAt={request.expiresAt} />
                  </p>
                </div>
                <RequestActions session={request} compact />
              </li>
            ))}
          </ul>
        )}
      </CardBody>
    </Card>
  );
}
