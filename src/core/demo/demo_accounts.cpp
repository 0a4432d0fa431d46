#include "core/demo/demo_accounts.hpp"

namespace rs::demo {

const std::vector<DemoAccount>& demo_accounts() {
  static const std::vector<DemoAccount> accounts = {
      {"admin", "管理员", "admin"},   {"r1", "审核员一", "reviewer"},    {"r2", "审核员二", "reviewer"},
      {"r3", "审核员三", "reviewer"}, {"sup", "质检主管", "supervisor"}, {"tr", "培训师", "trainer"},
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
                           .password = kDemoPassword});
  }
  return true;
}

}  // namespace rs::demo
