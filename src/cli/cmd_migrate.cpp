// reviewstation migrate --from PATH --to postgresql://... [--batch-rows N]
#include <cstdio>

#include "cli/command.hpp"
#include "core/store/store_migrate.hpp"

namespace {
constexpr int kExitRefused = 4;
constexpr int kExitDiffers = 20;  // as `audit verify` for a broken chain

int run_migrate(const rs::cli::Args& args) {
  rs::store::MigrateOptions options;
  options.batch_rows = args.integer("--batch-rows", 100);
  if (options.batch_rows < 1 || options.batch_rows > 10000)
    throw rs::cli::UsageError("--batch-rows takes 1 to 10000, not " + std::to_string(options.batch_rows));
  options.on_table = [](const rs::store::MigratedTable& t) {
    if (!t.derived) std::fprintf(stderr, "migrate: %s: %lld rows\n", t.name.c_str(), static_cast<long long>(t.rows));
  };
  const std::string from = args.required("--from"), to = args.required("--to");
  try {
    const auto r = rs::store::migrate_to_postgresql(from, to, options);
    std::printf("%-28s %12s %10s\n", "table", "rows", "seconds");
    for (const auto& t : r.tables)
      std::printf("%-28s %12lld %10.2f%s\n", t.name.c_str(), static_cast<long long>(t.rows), t.seconds,
                  t.derived ? "  derived by the triggers" : "");
    const double per_s = r.copy_seconds > 0 ? double(r.rows_copied) / r.copy_seconds : 0.0;
    std::printf(
        "copied %lld rows in %.2f s (%.0f rows/s), %.2f s in all; every table equal on both sides; audit log "
        "intact: %lld rows, head %s\n",
        static_cast<long long>(r.rows_copied), r.copy_seconds, per_s, r.total_seconds,
        static_cast<long long>(r.audit_rows), r.audit_head.c_str());
    return 0;
  } catch (const rs::store::MigrateRefused& e) {
    std::fprintf(stderr, "reviewstation migrate: refused: %s\n", e.what());
    return kExitRefused;
  } catch (const rs::store::MigrateMismatch& e) {
    std::fprintf(stderr, "reviewstation migrate: the copy differs from the source%s: %s\n",
                 e.committed() ? " (after the commit)" : "", e.what());
    return kExitDiffers;
  }
}
}  // namespace

RS_COMMAND(
    "migrate", "copy a SQLite store into a new PostgreSQL database and verify it",
    "Copies every table of the SQLite store --from (photos, orders, attempts, decisions, numbers,\n"
    "notices, outbox, accounts, second reviews, overturns, training, gold, settings, the audit log)\n"
    "into the PostgreSQL database --to, whose schema is applied first, keeping every id, in one\n"
    "transaction: all or nothing. Tables the triggers derive (figures, browser facets) are filled by\n"
    "the target's triggers and compared. Before the commit every table's rows are compared on both\n"
    "sides; after it the audit chain is walked on the target and must end at the source's head.\n"
    "Refused (exit 4, nothing written): --from not an intact SQLite store, --to not postgresql://,\n"
    "a target already holding orders, accounts or audit rows, a table or column on one side only,\n"
    "a source whose audit log does not verify. Exit 20: the copy differs from the source (named).",
    [](rs::cli::Args& a) {
      a.option("--from", "PATH", "the SQLite store to copy", true);
      a.option("--to", "URL", "the PostgreSQL database (postgresql://...)", true);
      a.option("--batch-rows", "N", "rows per INSERT (default 100; 1: one prepared insert per row)");
    },
    run_migrate);
