import type { ReactNode } from "react";

/**
 * A table that may scroll sideways on a narrow screen. It is a named region that takes
 * focus, so keyboard users can scroll it and screen readers announce what it holds.
 */
export function TableWrap({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="table-wrap" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
