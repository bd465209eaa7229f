"use client";

import { useEffect, useState } from "react";

export type LocalMedia = { stream: MediaStream | null; error: string | null };

function describeMediaError(error: unknown): string {
  const name = error instanceof DOMException ? error.name : "";
  if (name === "NotAllowedError") return "Camera and microphone are blocked. Allow them in the browser to be seen and heard.";
  if (name === "NotFoundError") return "No camera or microphone was found. You can still see and hear the other side.";
  if (name === "NotReadableError") return "The camera or microphone is in use by another app.";
  if (name === "SecurityError") return "This browser allows the camera only on secure (https) pages. You can still see and hear the other side.";
  return "The camera and microphone could not be started. You can still see and hear the other side.";
}

/** The page's camera and microphone, asked for once; stopped when the component unmounts. Null until the browser answers. */
export function useLocalMedia(): LocalMedia | null {
  const [media, setMedia] = useState<LocalMedia | null>(null);
  useEffect(() => {
    let cancelled = false;
    let acquired: MediaStream | null = null;
    const devices = typeof navigator === "undefined" ? undefined : navigator.mediaDevices;
    const request =
      devices === undefined
        ? Promise.reject(new DOMException("Media devices need a secure page", "SecurityError"))
        : devices.getUserMedia({ audio: true, video: { width: { ideal: 1280 }, height: { ideal: 720 } } });
    request.then(
      (stream) => {
        if (cancelled) return stream.getTracks().forEach((track) => track.stop());
        acquired = stream;
        setMedia({ stream, error: null });
      },
      (error: unknown) => {
        if (!cancelled) setMedia({ stream: null, error: describeMediaError(error) });
      },
    );
    return () => {
      cancelled = true;
      acquired?.getTracks().forEach((track) => track.stop());
    };
  }, []);
  return media;
}
