"use client";

import { cn } from "@/components/ui/cn";

const icons = {
  microphone: "M12 2a3 3 0 0 0-3 3v7a3 3 0 0 0 6 0V5a3 3 0 0 0-3-3zM19 10v2a7 7 0 0 1-14 0v-2M12 19v3",
  camera: "M23 7l-7 5 7 5V7zM3 5h11a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V7a2 2 0 0 1 2-2z",
} as const;

function Toggle({ name, on, disabled, onToggle }: { name: keyof typeof icons; on: boolean; disabled: boolean; onToggle: () => void }) {
  const label = name === "microphone" ? "Microphone" : "Camera";
  return (
    <button
      type="button"
      aria-pressed={on}
      disabled={disabled}
      onClick={onToggle}
      className={cn(
        "inline-flex h-10 items-center gap-2 rounded-full px-4 text-sm font-medium transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-white disabled:cursor-not-allowed disabled:opacity-50",
        on ? "bg-white/10 text-white hover:bg-white/20" : "bg-red-600 text-white hover:bg-red-700",
      )}
    >
      <svg viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true">
        <path d={icons[name]} />
        {!on && <path d="M2 2l20 20" />}
      </svg>
      {label}
      <span className="text-xs font-normal opacity-80" aria-hidden="true">
        {on ? "on" : "off"}
      </span>
    </button>
  );
}

/** Camera and microphone switches (pressed = on). Disabled when the browser gave the page no such device. */
export function CallControls(props: {
  microphoneOn: boolean;
  cameraOn: boolean;
  hasMicrophone: boolean;
  hasCamera: boolean;
  onToggleMicrophone: () => void;
  onToggleCamera: () => void;
}) {
  return (
    <div role="group" aria-label="Call controls" className="flex flex-wrap items-center justify-center gap-2">
      <Toggle name="microphone" on={props.microphoneOn && props.hasMicrophone} disabled={!props.hasMicrophone} onToggle={props.onToggleMicrophone} />
      <Toggle name="camera" on={props.cameraOn && props.hasCamera} disabled={!props.hasCamera} onToggle={props.onToggleCamera} />
    </div>
  );
}
