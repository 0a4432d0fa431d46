#include "core/demo/demo_accounts.hpp"

namespace rs::demo {

const std::vector<DemoAccount>& demo_accounts() {
  static const std::vector<DemoAccount> accounts = {
      {"admin", "管理员", "admin"},       {"r1", "审核员一", "reviewer"},    {"r2", "审核员二", "reviewer"},
      {"r3", "审核员三", "reviewer"},     {"sup", "质检主管", "supervisor"}, {"tr", "培训师", "trainer"},
      {"t1", "学员一", "reviewer", true},
  };
  return accounts;
}

bool ensure_demo_accounts(store::Store& store) {
  try {
    store.init_admin("admin", kDemoPassword, "管理员");
  } catch (const store::Refusal& e) {
    if (e.why() == store::Refusal::Why::UserExists) return false;  // a database with its own admin
    throw;
  }
  const auto admin = store.sign_in("admin", kDemoPassword);
  for (const DemoAccount& a : demo_accounts()) {
    if (std::string(a.name) == "admin") continue;
    store.add_user(admin, {.name = a.name,
                           .display_name = a.display_name,
                           .roles = *accounts::RoleSet::parse(a.roles),
                           .password = kDemoPassword,
                           .trainee = a.trainee});
  }
  return true;
}

int ensure_demo_training(store::Store& store) {
  const auto trainer = store.sign_in("tr", kDemoPassword);
  try {
    const auto info = store.create_training_set(trainer, kDemoTrainingSet, store::Feedback::Immediate, {.limit = 12});
    store.assign_training_set(trainer, kDemoTrainingSet, "t1");
    return info.cases;
  } catch (const store::Refusal& e) {
    // No decided case to build from, or the set is there already: nothing to add.
    if (e.why() == store::Refusal::Why::BadQuery || e.why() == store::Refusal::Why::SetExists) return 0;
    throw;
  }
}

}  // namespace rs::demo
