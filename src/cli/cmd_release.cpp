// reviewstation release --db PATH ORDER_NO [--user NAME]
#include <cstdio>
#include <stdexcept>

#include "cli/command.hpp"
#include "core/store/store.hpp"

namespace {
int run_release(const rs::cli::Args& args) {
  if (args.positional().size() != 1) throw rs::cli::UsageError("name exactly one ORDER_NO");
  const std::string& order_no = args.positional()[0];
  rs::store::Store store(args.required("--db"));
  try {
    auto row = store.release_quarantined(order_no, args.value("--user").value_or(""));
    std::printf("released %s attempt %d: back in the queue at its place (quarantined since %s)\n", row.order_no.c_str(),
                row.attempt_no, row.quarantined_at.c_str());
    return 0;
  } catch (const rs::store::Refusal& e) {
    std::fprintf(stderr, "release refused: %s\n", e.what());
    return 4;
  }
}
}  // namespace

RS_COMMAND(
    "release", "put a quarantined order back in the queue",
    "An order is quarantined when decoding or analysing its photo stopped workstations twice\n"
    "(`reviewstation queue --quarantined` lists them with the cause). After the cause is fixed,\n"
    "release puts the order back in the queue at its old place, with its count of analysis starts\n"
    "cleared; the audit log records it with NAME (\"cli\" without --user).\n"
    "Exit 0 released; 4 when the order is unknown or not quarantined (nothing changes).",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      a.positionals("ORDER_NO", "the quarantined order", 1, 1);
      a.option("--user", "NAME", "who releases it (cli)");
    },
    run_release);
