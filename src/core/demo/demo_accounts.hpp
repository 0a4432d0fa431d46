#pragma once
// The demo accounts, all with the password "demo": r1, r2, r3 (reviewers), sup (supervisor),
// tr (trainer) and admin. Made once, when the database has no admin yet.
#include <string>
#include <vector>

#include "core/store/store.hpp"

namespace rs::demo {

inline constexpr const char* kDemoPassword = "demo";

struct DemoAccount {
  const char* name;
  const char* display_name;
  const char* roles;
};

const std::vector<DemoAccount>& demo_accounts();

// Creates the demo accounts unless the database has an admin already; true when it made them.
bool ensure_demo_accounts(store::Store& store);

}  // namespace rs::demo
