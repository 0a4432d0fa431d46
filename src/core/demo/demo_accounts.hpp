#pragma once
// The demo accounts, all with the password "demo": r1, r2, r3 (reviewers), sup (supervisor),
// tr (trainer), admin, and t1, a reviewer in training (not certified: training sets only). Made
// once, when the database has no admin yet.
#include <string>
#include <vector>

#include "core/store/store.hpp"

namespace rs::demo {

inline constexpr const char* kDemoPassword = "demo";

struct DemoAccount {
  const char* name;
  const char* display_name;
  const char* roles;
  bool trainee = false;
};

const std::vector<DemoAccount>& demo_accounts();

// Creates the demo accounts unless the database has an admin already; true when it made them.
bool ensure_demo_accounts(store::Store& store);

// The demo's training set: tr builds kDemoTrainingSet from the decided history (the newest cases,
// immediate feedback) and assigns it to t1. Returns its cases; 0 when there is no history to
// build from (--no-history) or the set exists already.
inline constexpr const char* kDemoTrainingSet = "入门练习";
int ensure_demo_training(store::Store& store);

}  // namespace rs::demo
