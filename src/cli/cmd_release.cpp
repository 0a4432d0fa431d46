// reviewstation release --db PATH ORDER_NO --user SUPERVISOR
#include <cstdio>
#include <stdexcept>

#include "cli/command.hpp"
#include "cli/sign_in.hpp"
#include "core/store/store.hpp"

namespace {
int run_release(const rs::cli::Args& args) {
  if (args.positional().size() != 1) throw rs::cli::UsageError("name exactly one ORDER_NO");
  const std::string& order_no = args.positional()[0];
  rs::store::Store store(args.required("--db"));
  return rs::cli::run_refusing("release", 4, [&] {
    const auto supervisor = rs::cli::sign_in(store, args);
    auto row = store.release_quarantined(supervisor, order_no);
    std::printf("released %s attempt %d: back in the queue at its place (quarantined since %s)\n", row.order_no.c_str(),
                row.attempt_no, row.quarantined_at.c_str());
    return 0;
  });
}
}  // namespace

RS_COMMAND(
    "release", "put a quarantined order back in the queue",
    "An order is quarantined when decoding or analysing its photo stopped workstations twice\n"
    "(`reviewstation queue --quarantined` lists them with the cause). After the cause is fixed,\n"
    "release puts the order back in the queue at its old place, with its count of analysis starts\n"
    "cleared; a supervisor signs in as --user (password from --password-file, RS_PASSWORD or the\n"
    "terminal) and the audit log records the release with that name.\n"
    "Exit 0 released; 4 when the order is unknown or not quarantined (nothing changes); 6 sign-in\n"
    "refused; 7 not a supervisor.",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      a.positionals("ORDER_NO", "the quarantined order", 1, 1);
      rs::cli::declare_sign_in(a);
    },
    run_release);
