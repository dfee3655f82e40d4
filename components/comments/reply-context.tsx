"use client";

import { createContext, useContext, useMemo, useState, type ReactNode } from "react";

interface ReplyTarget {
  /** The comment whose reply form is open, or null. */
  activeReplyId: string | null;
  setActiveReplyId: (commentId: string | null) => void;
}

const ReplyTargetContext = createContext<ReplyTarget>({ activeReplyId: null, setActiveReplyId: () => {} });

/** Keeps one reply form open at a time across a thread. */
export function ReplyTargetProvider({ children }: { children: ReactNode }) {
  const [activeReplyId, setActiveReplyId] = useState<string | null>(null);
  const value = useMemo(() => ({ activeReplyId, setActiveReplyId }), [activeReplyId]);
  return <ReplyTargetContext value={value}>{children}</ReplyTargetContext>;
}

/** The thread's open reply form and the way to open or close one. */
export function useReplyTarget(): ReplyTarget {
  return useContext(ReplyTargetContext);
}
