#include "core/review/orphaned_leases.hpp"

#include <cerrno>
#include <csignal>

#include "core/store/store.hpp"

namespace rs::review {
namespace {
bool all_digits(const std::string& s) { return !s.empty() && s.size() <= 9 && s.find_first_not_of("0123456789") == std::string::npos; }
}  // namespace

std::string workstation_host(const std::string& workstation) {
  const auto colon = workstation.rfind(':');
  if (colon == std::string::npos || colon == 0 || !all_digits(workstation.substr(colon + 1))) return workstation;
  return workstation.substr(0, colon);
}

std::optional<long> local_owner_pid(const std::string& owner, const std::string& host) {
  const auto at = owner.rfind('@');  // a reviewer's name may hold '@', a host name may not
  if (at == std::string::npos) return std::nullopt;
  const std::string workstation = owner.substr(at + 1);
  const auto colon = workstation.rfind(':');
  if (colon == std::string::npos || workstation.substr(0, colon) != host) return std::nullopt;
  const std::string pid = workstation.substr(colon + 1);
  if (!all_digits(pid)) return std::nullopt;
  const long value = std::stol(pid);
  if (value <= 0) return std::nullopt;
  return value;
}

bool process_alive(long pid) {
  // Signal 0 checks only that the process exists; EPERM means it exists under another user.
  return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

int hand_back_orphaned_leases(store::Store& store, const std::string& host, long own_pid, const std::function<bool(long)>& alive) {
  int handed_back = 0;
  for (const std::string& owner : store.lease_owners()) {
    const auto pid = local_owner_pid(owner, host);
    if (!pid || *pid == own_pid || alive(*pid)) continue;
    handed_back += store.hand_back_all(owner);
  }
  return handed_back;
}

}  // namespace rs::review
