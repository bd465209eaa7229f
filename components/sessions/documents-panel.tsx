"use client";

import { useAction, useMutation, useQuery } from "convex/react";
import { useRef, type ChangeEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import type { SessionView } from "@/convex/model/sessionsViews";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { sha256Hex } from "@/lib/documents/fileType";
import { Button } from "@/components/ui/button";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { Spinner } from "@/components/ui/spinner";
import { formatBytes, timeFormat } from "./format";

/** Mirrors the server's defaults for a quick answer; the server checks the stored file's bytes itself. */

export type SessionDocument = { _id: Id<"sessionDocuments">; fileName: string; size: number; at: number; uploaderId: Id<"users"> };

/** Saves bytes under `fileName` through a temporary link (a link's download name is ignored for another origin's URL). */
function saveAs(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  URL.revokeObjectURL(url);
}

/** A download button: asks for a fresh, logged URL, fetches the file and saves it under its own name. */
export function DownloadButton({ sessionId, document: file }: { sessionId: Id<"sessions">; document: SessionDocument }) {
  const downloadUrl = useMutation(api.documents.downloadUrl);
  const { submit, pending, formError } = useSubmit();
  return (
    <span className="inline-flex flex-col items-end print:hidden">
      <Button
        variant="secondary"
        size="sm"
        pending={pending}
        aria-label={`Download ${file.fileName}`}
        onClick={() =>
          void submit(async () => {
            const response = await fetch(await downloadUrl({ sessionId, documentId: file._id }));
            if (!response.ok) throw new Error(`Download failed with ${response.status}`);
            saveAs(await response.blob(), file.fileName);
          })
        }
      >
        Download
      </Button>
      {formError && (
        <span role="alert" className="mt-1 text-xs text-red-600">
          {formError}
        </span>
      )}
    </span>
  );
}

export function DocumentList({
  sessionId,
  documents,
  nameOf,
}: {
  sessionId: Id<"sessions">;
  documents: SessionDocument[];
  nameOf?: (id: Id<"users">) => string;
}) {
  if (documents.length === 0) return <p className="text-sm text-slate-500">No documents shared.</p>;
  return (
    <ul className="divide-y divide-slate-100" data-testid="document-list">
      {documents.map((d) => (
        <li key={d._id} className="flex items-center justify-between gap-3 py-2">
          <div className="min-w-0">
            <p className="truncate text-sm font-medium text-slate-900">{d.fileName}</p>
            <p className="text-xs text-slate-500">
              {formatBytes(d.size)}{nameOf ? ` · ${nameOf(d.uploaderId)}` : ""} · {timeFormat.format(d.at)}
            </p>
          </div>
          <DownloadButton sessionId={sessionId} document={d} />
        </li>
      ))}
    </ul>
  );
}

/** Share files during the session (size and types from the settings); both sides see the list live. */
export function DocumentsPanel({ session }: { session: SessionView }) {
  const documents = useQuery(api.documents.list, { sessionId: session._id });
  const generateUploadUrl = useMutation(api.documents.generateUploadUrl);
  const attach = useAction(api.documents.attach);
  const input = useRef<HTMLInputElement>(null);
  const upload = useSubmit();
  const limits = useQuery(api.settings.publicLimits, {});
  const maxBytes = limits?.documentMaxBytes;
  const extensions = limits?.documentAllowedExtensions ?? [];
  const canUpload = session.viewerRole !== "admin" && (session.status === "active" || session.status === "paused");
  const nameOf = (id: Id<"users">) => (id === session.client.userId ? session.client.name : session.advisor.name);

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (file === undefined) return;
    if (maxBytes !== undefined && !upload.check(file.size > maxBytes ? `${file.name} is ${formatBytes(file.size)}; files may be at most ${formatBytes(maxBytes)}.` : null)) return;
    await upload.submit(async () => {
      // The server binds the upload to this file before it is sent: name, size and SHA-256.
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { uploadId, uploadUrl } = await generateUploadUrl({ sessionId: session._id, fileName: file.name, size: file.size, sha256: await sha256Hex(bytes) });
      const response = await fetch(uploadUrl, { method: "POST", headers: { "Content-Type": file.type || "application/octet-stream" }, body: bytes });
      if (!response.ok) throw new Error(`Upload failed with ${response.status}`);
      const { storageId } = (await response.json()) as { storageId: Id<"_storage"> };
      await attach({ sessionId: session._id, uploadId, storageId });
    });
  }

  return (
    <Card>
      <CardHeader
        title="Documents"
        description={limits === undefined ? "Shared with both sides." : `${extensions.map((e) => e.toUpperCase()).join(", ")}, up to ${formatBytes(limits.documentMaxBytes)}.`}
        action={
          canUpload ? (
            <>
              <input ref={input} id="session-document" type="file" accept={extensions.map((e) => `.${e}`).join(",")} className="sr-only" onChange={onFile} aria-label="Share a document" />
              <Button variant="secondary" size="sm" pending={upload.pending} onClick={() => input.current?.click()}>
                Share a file
              </Button>
            </>
          ) : undefined
        }
      />
      <CardBody>
        <FormAlert message={upload.formError} className="mb-2" />
        {documents === undefined ? <Spinner label="Loading documents" /> : <DocumentList sessionId={session._id} documents={documents} nameOf={nameOf} />}
      </CardBody>
    </Card>
  );
}
