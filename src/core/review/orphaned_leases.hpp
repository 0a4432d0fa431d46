#pragma once
// Leases left behind by a workstation process that is gone (a crash, a kill, a power cut of the
// screen but not the database). A workstation's lease owner is "reviewer@host:pid"
// (domain/workstation_id.hpp), so a new run
// never matches its old run's owner; on start it hands back every order still held by a process
// of its own host that no longer exists, whoever the reviewer was (that process can decide nothing
// any more). Leases of other hosts are left to expire: their processes cannot be checked from here.
#include <functional>
#include <optional>
#include <string>

#include "core/accounts/actor.hpp"

namespace rs::store {
class Store;
}

namespace rs::review {

// The pid of a lease owner "reviewer@host:pid" when its host is `host`, else nothing (pure).
std::optional<long> local_owner_pid(const std::string& owner, const std::string& host);

// True while a process with this pid exists on this machine.
bool process_alive(long pid);

// Hands back the orders held by processes of `host` that `alive` says are gone (never `own_pid`'s).
// Returns how many orders went back to the queue.
int hand_back_orphaned_leases(store::Store& store, const accounts::Actor& reviewer, const std::string& host,
                              long own_pid, const std::function<bool(long)>& alive = process_alive);

}  // namespace rs::review
