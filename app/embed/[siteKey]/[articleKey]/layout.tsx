import type { ReactNode } from "react";
import { FrameLinks } from "@/components/embed/frame-links";
import "@/components/embed/embed.css";

/** The framed thread's bare frame: no site chrome, the host page around it. */
export default function EmbedLayout({ children }: { children: ReactNode }) {
  return (
    <div className="embed-frame">
      {children}
      <FrameLinks />
    </div>
  );
}
