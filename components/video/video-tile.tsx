"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { cn } from "@/components/ui/cn";

type VideoTileProps = {
  stream: MediaStream | null;
  /** Bumps when tracks are added to the same stream, so the element re-attaches. */
  trackCount: number;
  label: string;
  /** The page's own preview: muted (no echo) and mirrored like a mirror. */
  self?: boolean;
  /** Shown over the picture, e.g. "Camera off" or "Waiting for …". */
  overlay?: ReactNode;
  /** Size and position; must include a position (e.g. `absolute inset-0`), which the caption and overlay rely on. */
  className: string;
  testId: string;
};

/** One participant's picture. Remote audio plays through it; if the browser blocks sound until a click, a button offers it. */
export function VideoTile({ stream, trackCount, label, self = false, overlay, className, testId }: VideoTileProps) {
  const ref = useRef<HTMLVideoElement>(null);
  const [soundBlocked, setSoundBlocked] = useState(false);

  useEffect(() => {
    const video = ref.current;
    if (video === null) return;
    if (video.srcObject !== stream) video.srcObject = stream;
    if (stream === null || trackCount === 0) return;
    video.muted = self;
    video.play().catch(() => {
      if (self) return;
      // Autoplay with sound needs a user gesture in some browsers: play muted and offer sound.
      video.muted = true;
      setSoundBlocked(true);
      void video.play().catch(() => undefined);
    });
  }, [stream, trackCount, self]);

  const enableSound = () => {
    const video = ref.current;
    if (video === null) return;
    video.muted = false;
    void video.play().then(() => setSoundBlocked(false), () => undefined);
  };

  return (
    <figure className={cn("overflow-hidden bg-slate-900", className)}>
      <video
        ref={ref}
        autoPlay
        playsInline
        muted={self}
        aria-label={label}
        data-testid={testId}
        className={cn("h-full w-full object-cover", self && "-scale-x-100")}
      />
      {overlay !== undefined && overlay !== null && (
        <div className={cn("absolute inset-0 flex items-center justify-center bg-slate-900/85 text-center text-sm text-slate-100", self ? "p-2" : "px-4 pt-12 pb-24 sm:pb-12")}>
          {overlay}
        </div>
      )}
      <figcaption className="absolute bottom-2 left-2 max-w-[80%] truncate rounded-md bg-slate-950/70 px-2 py-0.5 text-xs font-medium text-white">
        {label}
      </figcaption>
      {soundBlocked && (
        <button
          type="button"
          onClick={enableSound}
          className="absolute top-2 right-2 rounded-md bg-white px-2.5 py-1 text-xs font-semibold text-slate-900 shadow hover:bg-slate-100"
        >
          Turn on sound
        </button>
      )}
    </figure>
  );
}
