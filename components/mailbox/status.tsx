import type { EmailStatus } from "@/convex/model/notificationsSchema";
import { Badge } from "@/components/ui/badge";

const TONE = { queued: "amber", sending: "brand", sent: "green", dead: "red" } as const;
const LABEL: Record<EmailStatus, string> = { queued: "Queued", sending: "Sending", sent: "Sent", dead: "Dead letter" };

export function EmailStatusBadge({ status }: { status: EmailStatus }) {
  return <Badge tone={TONE[status]}>{LABEL[status]}</Badge>;
}
