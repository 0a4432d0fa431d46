#include "core/domain/workstation_id.hpp"

#include <unistd.h>

#include <charconv>

namespace rs {

std::string workstation_id(std::string_view host, long pid) { return std::string(host) + ":" + std::to_string(pid); }

std::string this_workstation() {
  char buf[256] = {};
  const bool named = ::gethostname(buf, sizeof buf - 1) == 0 && buf[0];
  return workstation_id(named ? std::string_view(buf) : std::string_view("workstation"), long(::getpid()));
}

std::optional<WorkstationId> parse_workstation_id(std::string_view id) {
  const auto colon = id.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return std::nullopt;
  const std::string_view digits = id.substr(colon + 1);
  if (digits.empty() || digits.size() > 9 || digits.find_first_not_of("0123456789") != std::string_view::npos)
    return std::nullopt;
  long pid = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), pid);
  if (pid <= 0) return std::nullopt;
  return WorkstationId{std::string(id.substr(0, colon)), pid};
}

std::string workstation_host(std::string_view id) {
  const auto parsed = parse_workstation_id(id);
  return parsed ? parsed->host : std::string(id);
}

std::string lease_owner(std::string_view reviewer, std::string_view workstation) {
  return std::string(reviewer) + "@" + std::string(workstation);
}

std::optional<std::string> lease_owner_workstation(std::string_view owner) {
  const auto at = owner.rfind('@');
  if (at == std::string_view::npos) return std::nullopt;
  return std::string(owner.substr(at + 1));
}

}  // namespace rs
