#include "core/accounts/role.hpp"

namespace rs::accounts {

std::string_view role_name(Role r) {
  switch (r) {
    case Role::Reviewer: return "reviewer";
    case Role::Supervisor: return "supervisor";
    case Role::Trainer: return "trainer";
    case Role::Admin: return "admin";
  }
  return "?";
}

std::optional<Role> parse_role(std::string_view name) {
  for (Role r : kAllRoles)
    if (role_name(r) == name) return r;
  return std::nullopt;
}

std::string RoleSet::to_string() const {
  std::string out;
  for (Role r : kAllRoles)
    if (has(r)) out += (out.empty() ? "" : ",") + std::string(role_name(r));
  return out;
}

std::optional<RoleSet> RoleSet::parse(std::string_view list, std::string* error) {
  RoleSet set;
  std::size_t at = 0;
  while (at <= list.size()) {
    std::size_t comma = list.find(',', at);
    if (comma == std::string_view::npos) comma = list.size();
    std::string_view item = list.substr(at, comma - at);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) {
      const auto role = parse_role(item);
      if (!role) {
        if (error) *error = "unknown role '" + std::string(item) + "' (reviewer, supervisor, trainer, admin)";
        return std::nullopt;
      }
      set.add(*role);
    }
    at = comma + 1;
  }
  if (set.empty()) {
    if (error) *error = "no role named (reviewer, supervisor, trainer, admin)";
    return std::nullopt;
  }
  return set;
}

}  // namespace rs::accounts
