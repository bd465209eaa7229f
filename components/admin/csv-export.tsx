"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormAlert } from "@/components/forms/form-alert";
import { describeError } from "@/components/errors";
import { csvByPages, type CsvCells, type CsvPage } from "@/lib/csvExport";

function download(filename: string, chunks: string[]) {
  const url = URL.createObjectURL(new Blob(chunks, { type: "text/csv;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = filename;
  link.click();
  URL.revokeObjectURL(url);
}

/**
 * Exports every row of a paginated admin query as CSV, fetching page after
 * page (lib/csvExport.ts) with a live row count, then downloads the file.
 */
export function CsvExportButton<T>({
  label,
  fileName,
  header,
  fetchPage,
  toCells,
}: {
  label: string;
  fileName: string;
  header: readonly string[];
  fetchPage: (cursor: string | null) => Promise<CsvPage<T>>;
  toCells: (row: T) => CsvCells;
}) {
  const [rows, setRows] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<number | null>(null);

  async function run() {
    setError(null);
    setDone(null);
    setRows(0);
    try {
      const result = await csvByPages(fetchPage, header, toCells, setRows);
      download(`expertline-${fileName}-${new Date().toISOString().slice(0, 10)}.csv`, result.chunks);
      setDone(result.rows);
    } catch (caught) {
      setError(describeError(caught).message);
    } finally {
      setRows(null);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button variant="secondary" size="sm" onClick={() => void run()} pending={rows !== null} disabled={rows !== null}>
        {label}
      </Button>
      <span className="text-sm text-slate-600" role="status" aria-live="polite">
        {rows !== null ? `${rows.toLocaleString("en-US")} rows so far…` : done !== null ? `${done.toLocaleString("en-US")} rows exported.` : ""}
      </span>
      <FormAlert message={error} />
    </div>
  );
}
