#include "core/review/orphaned_leases.hpp"

#include <cerrno>
#include <csignal>

#include "core/domain/workstation_id.hpp"
#include "core/store/store.hpp"

namespace rs::review {
std::optional<long> local_owner_pid(const std::string& owner, const std::string& host) {
  const auto workstation = lease_owner_workstation(owner);
  const auto id = workstation ? parse_workstation_id(*workstation) : std::nullopt;
  if (!id || id->host != host) return std::nullopt;
  return id->pid;
}

bool process_alive(long pid) {
  // Signal 0 checks only that the process exists; EPERM means it exists under another user.
  return ::kill(pid_t(pid), 0) == 0 || errno == EPERM;
}

int hand_back_orphaned_leases(store::Store& store, const accounts::Actor& reviewer, const std::string& host,
                              long own_pid, const std::function<bool(long)>& alive) {
  int handed_back = 0;
  for (const std::string& owner : store.lease_owners()) {
    const auto pid = local_owner_pid(owner, host);
    if (!pid || *pid == own_pid || alive(*pid)) continue;
    handed_back += store.hand_back_all(reviewer, owner);
  }
  return handed_back;
}

}  // namespace rs::review
