#pragma once
// What a person may do at the centre. A person may hold several roles (a supervisor who also
// reviews); the store checks them where the data changes, never only the UI.
#include <optional>
#include <string>
#include <string_view>

namespace rs::accounts {

enum class Role : unsigned { Reviewer = 1, Supervisor = 2, Trainer = 4, Admin = 8 };

inline constexpr Role kAllRoles[] = {Role::Reviewer, Role::Supervisor, Role::Trainer, Role::Admin};

// "reviewer", "supervisor", "trainer", "admin": the names stored and typed on the command line.
std::string_view role_name(Role r);
std::optional<Role> parse_role(std::string_view name);

class RoleSet {
 public:
  RoleSet() = default;
  RoleSet(std::initializer_list<Role> roles) {
    for (Role r : roles) add(r);
  }
  void add(Role r) { bits_ |= unsigned(r); }
  bool has(Role r) const { return (bits_ & unsigned(r)) != 0; }
  bool empty() const { return bits_ == 0; }
  bool operator==(const RoleSet&) const = default;

  // "reviewer,supervisor" in the order of kAllRoles.
  std::string to_string() const;
  // "reviewer,supervisor" (spaces allowed, any order, no repeats needed); nullopt with `error` set
  // naming the unknown role, or when none is named.
  static std::optional<RoleSet> parse(std::string_view list, std::string* error = nullptr);

 private:
  unsigned bits_ = 0;
};

}  // namespace rs::accounts
