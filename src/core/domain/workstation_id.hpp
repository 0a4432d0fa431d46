#pragma once
// Who holds an order, in one place. A GUI workstation is "host:pid" (one process on one machine,
// so a new run never takes its old run's name); the command line decides as "cli" and intake
// records unreadable uploads as "intake". A lease owner is "reviewer@workstation": the reviewer's
// name may hold '@', a host name may not, so the owner is split at its last '@'.
#include <optional>
#include <string>
#include <string_view>

namespace rs {

inline constexpr std::string_view kCliWorkstation = "cli";
inline constexpr std::string_view kIntakeWorkstation = "intake";

struct WorkstationId {
  std::string host;
  long pid = 0;
};

// This process as a workstation: "<host name>:<pid>" ("workstation" when the host has no name).
std::string this_workstation();

std::string workstation_id(std::string_view host, long pid);

// "host:pid" with a pid of 1-9 digits above 0; nothing for "cli", "intake" or anything else.
std::optional<WorkstationId> parse_workstation_id(std::string_view id);

// The host of "host:pid"; the whole id when it is not of that form.
std::string workstation_host(std::string_view id);

// "reviewer@workstation".
std::string lease_owner(std::string_view reviewer, std::string_view workstation);

// The workstation part of a lease owner (after its last '@'); nothing when there is no '@'.
std::optional<std::string> lease_owner_workstation(std::string_view owner);

}  // namespace rs
