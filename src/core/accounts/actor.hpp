#pragma once
// Who acts: the result of signing in, never a bare name. Only the store makes one (Store::sign_in
// after the password matched, Store::system_actor for intake), so a call that takes an Actor knows
// the person proved who they are; the store checks the roles the call needs.
#include <cstdint>
#include <string>

#include "core/accounts/role.hpp"

namespace rs::store {
class Store;
}

namespace rs::accounts {

class Actor {
 public:
  const std::string& name() const { return name_; }
  const std::string& display_name() const { return display_name_; }
  std::int64_t user_id() const { return user_id_; }
  RoleSet roles() const { return roles_; }
  bool has(Role r) const { return roles_.has(r); }

 private:
  friend class rs::store::Store;
  Actor(std::int64_t id, std::string name, std::string display_name, RoleSet roles)
      : user_id_(id), name_(std::move(name)), display_name_(std::move(display_name)), roles_(roles) {}
  std::int64_t user_id_ = 0;
  std::string name_, display_name_;
  RoleSet roles_;
};

}  // namespace rs::accounts
