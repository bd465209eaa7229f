"use client";

import { useMutation, useQuery } from "convex/react";
import { useEffect, useRef, useState, type FormEvent, type KeyboardEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { SessionView } from "@/convex/model/sessionsViews";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Button } from "@/components/ui/button";
import { cn } from "@/components/ui/cn";
import { Spinner } from "@/components/ui/spinner";
import { TEXT_LIMITS, textLength, tooLongError } from "@/lib/forms/textLimits";
import { timeFormat } from "./format";

const MAX_LENGTH = TEXT_LIMITS.chatMessage;

function readOnlyReason(session: SessionView): string | null {
  if (session.viewerRole === "admin") return "Admins can read the chat but not write in it.";
  if (session.status === "ended") return "The session has ended.";
  if (session.status === "paused" && session.pauseReason === "zero_balance") {
    return session.viewerRole === "client" ? "Read-only until you top up and resume." : "Read-only until the client tops up and resumes.";
  }
  if (session.status !== "active" && session.status !== "paused") return "The chat opens when the session starts.";
  return null;
}

/** The session's messages, live on both sides; own messages on the right, system messages centred. */
export function ChatPanel({ session, viewerId }: { session: SessionView; viewerId: Id<"users"> | undefined }) {
  const messages = useQuery(api.messages.list, { sessionId: session._id });
  const send = useMutation(api.messages.send);
  const [draft, setDraft] = useState("");
  const formRef = useRef<HTMLFormElement>(null);
  const sending = useSubmit(["body"], formRef);
  const bottom = useRef<HTMLDivElement>(null);
  const readOnly = readOnlyReason(session);

  useEffect(() => {
    bottom.current?.scrollIntoView({ block: "nearest" });
  }, [messages?.length]);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    const body = draft.trim();
    if (body === "" || sending.pending) return;
    if (!sending.check({ body: tooLongError("Your message", body, MAX_LENGTH) })) return;
    const outcome = await sending.submit(() => send({ sessionId: session._id, body }));
    if (outcome.ok) setDraft("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      void submit();
    }
  }

  const between =
    session.viewerRole === "admin"
      ? `Between ${session.client.name} and ${session.advisor.name}.`
      : `Shared between you and ${session.viewerRole === "client" ? session.advisor.name : session.client.name}.`;
  return (
    <section aria-label="Chat" className="flex flex-col rounded-xl border border-slate-200 bg-white shadow-sm lg:min-h-[32rem]">
      <div className="border-b border-slate-100 px-4 py-3">
        <h2 className="text-base font-semibold text-slate-900">Messages</h2>
        <p className="text-xs text-slate-500">{between}</p>
      </div>
      <div role="log" aria-live="polite" aria-label="Conversation" className="relative h-[min(20rem,45dvh)] space-y-3 overflow-y-auto px-4 py-4 lg:h-auto lg:max-h-[32rem] lg:flex-1" data-testid="chat-log">
        {messages === undefined && (
          <div className="flex justify-center py-8">
            <Spinner label="Loading messages" />
          </div>
        )}
        {messages?.length === 0 && <p className="py-8 text-center text-sm text-slate-500">No messages yet. Say hello.</p>}
        {messages?.map((message) => {
          if (message.kind === "system") {
            return (
              <p key={message._id} className="text-center text-xs text-slate-500" data-testid="system-message">
                {message.body} <span>· {timeFormat.format(message.at)}</span>
              </p>
            );
          }
          const own = message.authorId === viewerId;
          const author = message.authorId === session.client.userId ? session.client.name : session.advisor.name;
          return (
            <div key={message._id} className={cn("flex", own ? "justify-end" : "justify-start")} data-testid={own ? "own-message" : "other-message"}>
              <div className={cn("max-w-[85%] rounded-2xl px-3.5 py-2 text-sm shadow-sm", own ? "rounded-br-sm bg-brand-600 text-white" : "rounded-bl-sm bg-slate-100 text-slate-900")}>
                <p className="sr-only">{own ? "You" : author}:</p>
                <p className="whitespace-pre-wrap break-words">{message.body}</p>
                <p className={cn("mt-0.5 text-[11px]", own ? "text-brand-100" : "text-slate-600")}>{timeFormat.format(message.at)}</p>
              </div>
            </div>
          );
        })}
        <div ref={bottom} />
      </div>
      <form ref={formRef} onSubmit={submit} className="border-t border-slate-100 p-3">
        {readOnly !== null && <p className="mb-2 text-xs font-medium text-slate-600" data-testid="chat-read-only">{readOnly}</p>}
        <FormAlert message={sending.formError} className="mb-2" />
        <div className="flex items-end gap-2">
          <label htmlFor="chat-message" className="sr-only">
            Message
          </label>
          <textarea
            id="chat-message"
            rows={2}
            value={draft}
            disabled={readOnly !== null}
            aria-invalid={sending.fieldErrors.body ? true : undefined}
            aria-describedby={sending.fieldErrors.body ? "chat-message-error" : undefined}
            onChange={(e) => setDraft(e.target.value)}
            onKeyDown={onKeyDown}
            placeholder={readOnly === null ? "Write a message (Enter to send, Shift+Enter for a new line)" : ""}
            className="block min-h-10 w-full resize-none rounded-lg border-0 px-3 py-2 text-sm text-slate-900 shadow-sm ring-1 ring-inset ring-slate-300 placeholder:text-slate-400 focus:ring-2 focus:ring-inset focus:ring-brand-600 focus:outline-none disabled:bg-slate-50 aria-[invalid=true]:ring-red-500"
          />
          <Button type="submit" pending={sending.pending} disabled={readOnly !== null || draft.trim() === ""}>
            Send
          </Button>
        </div>
        {(draft !== "" || sending.fieldErrors.body) && (
          <div className="mt-1 flex items-baseline justify-between gap-2 text-xs">
            <p id="chat-message-error" className="font-medium text-red-600">
              {sending.fieldErrors.body}
            </p>
            <span aria-hidden="true" data-testid="chat-counter" className={cn("shrink-0 tabular-nums", textLength(draft) > MAX_LENGTH ? "font-semibold text-red-600" : "text-slate-500")}>
              {textLength(draft).toLocaleString("en-US")} / {MAX_LENGTH.toLocaleString("en-US")}
            </span>
          </div>
        )}
      </form>
    </section>
  );
}
