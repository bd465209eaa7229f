export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto flex max-w-6xl flex-col gap-2 px-4 py-6 text-sm text-slate-500 sm:flex-row sm:items-center sm:justify-between sm:px-6">
        <p>© ExpertLine — live advice, billed by the second.</p>
        <p>Prices are per minute; you only pay for the time you talk.</p>
      </div>
    </footer>
  );
}
