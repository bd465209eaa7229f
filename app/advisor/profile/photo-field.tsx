"use client";

import { useAction, useMutation } from "convex/react";
import { useRef, type ChangeEvent } from "react";
import { api } from "@/convex/_generated/api";
import type { Id } from "@/convex/_generated/dataModel";
import { FormAlert } from "@/components/forms/form-alert";
import { useSubmit } from "@/components/forms/use-submit";
import { Avatar } from "@/components/ui/avatar";
import { Button } from "@/components/ui/button";
import { PHOTO_MAX_BYTES } from "@/lib/advisors/photo";
import { sha256Hex } from "@/lib/documents/fileType";

/** The profile photo: PNG or JPEG up to 2 MB, checked again from its bytes on the server. */
export function PhotoField({ name, photoUrl }: { name: string; photoUrl: string | null }) {
  const generateUploadUrl = useMutation(api.advisorPhotos.generateUploadUrl);
  const setPhoto = useAction(api.advisorPhotos.setPhoto);
  const removePhoto = useMutation(api.advisorPhotos.removePhoto);
  const input = useRef<HTMLInputElement>(null);
  const upload = useSubmit();

  async function onFile(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = "";
    if (file === undefined) return;
    if (!upload.check(file.size > PHOTO_MAX_BYTES ? `${file.name} is over ${PHOTO_MAX_BYTES / (1024 * 1024)} MB; choose a smaller photo.` : null)) return;
    await upload.submit(async () => {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const { uploadId, uploadUrl } = await generateUploadUrl({ size: file.size, sha256: await sha256Hex(bytes) });
      const response = await fetch(uploadUrl, { method: "POST", headers: { "Content-Type": file.type || "application/octet-stream" }, body: bytes });
      if (!response.ok) throw new Error(`Upload failed with ${response.status}`);
      const { storageId } = (await response.json()) as { storageId: Id<"_storage"> };
      await setPhoto({ uploadId, storageId });
    });
  }

  return (
    <div className="space-y-2">
      <p className="text-sm font-medium text-slate-800">Photo</p>
      <div className="flex flex-wrap items-center gap-4">
        <Avatar name={name} src={photoUrl} className="size-16 text-xl" />
        <input ref={input} id="profile-photo" type="file" accept="image/png,image/jpeg" className="sr-only" onChange={onFile} aria-label="Upload a profile photo" />
        <Button variant="secondary" size="sm" pending={upload.pending} onClick={() => input.current?.click()}>
          {photoUrl ? "Change photo" : "Upload a photo"}
        </Button>
        {photoUrl && (
          <Button variant="ghost" size="sm" onClick={() => void upload.submit(() => removePhoto({}))}>
            Remove
          </Button>
        )}
      </div>
      <p className="text-xs text-slate-500">PNG or JPEG, up to {PHOTO_MAX_BYTES / (1024 * 1024)} MB. A clear, friendly face helps clients choose.</p>
      <FormAlert message={upload.formError} />
    </div>
  );
}
