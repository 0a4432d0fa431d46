// reviewstation outbox drain --db PATH --to DIR
#include <cstdio>

#include "cli/command.hpp"
#include "core/issuing/outbox_drain.hpp"
#include "core/store/store.hpp"

namespace {
int run_outbox(const rs::cli::Args& args) {
  if (args.positional().size() != 1 || args.positional()[0] != "drain")
    throw rs::cli::UsageError("the only verb is 'drain'");
  rs::store::Store store(args.required("--db"));
  const std::string& to = args.required("--to");
  auto report = rs::issuing::drain_outbox(store, to);
  for (const auto& note : report.notes) std::fprintf(stderr, "outbox: %s\n", note.c_str());
  for (const auto& problem : report.problems) std::fprintf(stderr, "outbox: %s\n", problem.c_str());
  std::printf("outbox: %d message(s) written to %s", report.written, to.c_str());
  if (report.already_there > 0) std::printf(", %d already there", report.already_there);
  std::printf("\n");
  return report.problems.empty() ? 0 : 3;
}
}  // namespace

RS_COMMAND(
    "outbox", "deliver applicant messages as JSON files",
    "Writes every undelivered message as DIR/<id>-<order>-<kind>.json, then marks it delivered.\n"
    "<id> is the message's own number, zero-padded (names sort in message order and are never\n"
    "shared); <order> is the order number for people, letters, digits, '_' and '-' kept and\n"
    "every other byte as _XX in hex, e.g. 000000123-A_2F1-rejection.json for order A/1.\n"
    "Each file is written under a hidden temporary name (.outbox-*.tmp), synced, and published\n"
    "without ever replacing a file, so two drains at once deliver each message once. Safe to run\n"
    "again after a crash: a message may be written again under the same name, never lost.\n"
    "A stored payload with invalid UTF-8 (a row from before intake checked it) is written with\n"
    "U+FFFD in its place and named on stderr. Exit 3 when a message had to be left undelivered\n"
    "(named on stderr; the others are delivered).",
    [](rs::cli::Args& a) {
      a.positionals("VERB", "drain", 1, 1);
      a.option("--db", "PATH", "the queue", true);
      a.option("--to", "DIR", "folder for the message files", true);
    },
    run_outbox);
