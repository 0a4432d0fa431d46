// reviewstation settings list|set KEY VALUE --db PATH --user NAME
// The settings a supervisor tunes: gold.rate, gold.pause_below, gold.min_cases (second_review_share
// through `second-review --share`). Checked and audited in the store.
#include <cstdio>

#include "cli/command.hpp"
#include "cli/sign_in.hpp"
#include "core/store/store.hpp"

namespace {
int run_settings(const rs::cli::Args& args) {
  const auto& pos = args.positional();
  if (pos.empty() || (pos[0] != "list" && pos[0] != "set")) throw rs::cli::UsageError("say list or set KEY VALUE");
  if (pos[0] == "set" && pos.size() != 3) throw rs::cli::UsageError("settings set needs KEY and VALUE");
  rs::store::Store store(args.required("--db"));
  return rs::cli::run_refusing("settings", 4, [&] {
    const auto who = rs::cli::sign_in(store, args);
    if (pos[0] == "set") {
      store.set_setting(who, pos[1], pos[2]);
      for (const auto& s : store.settings())
        if (s.key == pos[1]) std::printf("%s = %s\n", s.key.c_str(), s.value.c_str());
      return 0;
    }
    for (const auto& s : store.settings()) std::printf("%s = %s\n", s.key.c_str(), s.value.c_str());
    return 0;
  });
}
}  // namespace

RS_COMMAND(
    "settings", "list the settings; a supervisor sets gold.rate, gold.pause_below, gold.min_cases",
    "settings list: every setting. settings set KEY VALUE (--user a supervisor; every change in the\n"
    "audit log):\n"
    "  gold.rate         share of claims that receive a known-answer (gold) case, 0..0.5 (default 0.05)\n"
    "  gold.pause_below  gold accuracy under which a reviewer is paused, 0..1 (default 0.85)\n"
    "  gold.min_cases    gold answers (since the last unpause) before the pause can apply (default 20)\n"
    "Exit 0 done; 4 refused (unknown key, value out of range); 6 sign-in refused; 7 not a supervisor.",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      rs::cli::declare_sign_in(a);
      a.positionals("ACTION [KEY VALUE]", "list, or set KEY VALUE", 1, 3);
    },
    run_settings);
