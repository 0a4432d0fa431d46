// reviewstation outbox drain --db PATH --to DIR
#include <cstdio>

#include "cli/command.hpp"
#include "core/issuing/outbox_drain.hpp"
#include "core/store/store.hpp"

namespace {
int run_outbox(const rs::cli::Args& args) {
  if (args.positional().size() != 1 || args.positional()[0] != "drain") throw rs::cli::UsageError("the only verb is 'drain'");
  rs::store::Store store(args.required("--db"));
  auto report = rs::issuing::drain_outbox(store, args.required("--to"));
  std::printf("outbox: %d message(s) written to %s\n", report.written, args.required("--to").c_str());
  return 0;
}
}  // namespace

RS_COMMAND("outbox", "deliver applicant messages as JSON files",
           "usage: reviewstation outbox drain --db PATH --to DIR\n\n"
           "Writes every undelivered message as DIR/<idempotency key>.json atomically (temporary file,\n"
           "fsync, rename), then marks it delivered. Safe to run again after a crash: a message may be\n"
           "written twice (same file, same idempotency_key) but is never lost.",
           {}, run_outbox);
