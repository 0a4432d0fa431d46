// Args: the thin layer between a command's declarations and CLI11.
#include <algorithm>
#include <exception>

#include "cli/command.hpp"

namespace rs::cli {

void Args::flag(const std::string& name, const std::string& help) { options_[name] = app_.add_flag(name, help); }

void Args::option(const std::string& name, const std::string& value_name, const std::string& help, bool required) {
  // Repeating an option keeps the last value, as the hand parser before CLI11 did.
  CLI::Option* o = app_.add_option(name, values_[name], help)
                       ->type_name(value_name)
                       ->multi_option_policy(CLI::MultiOptionPolicy::TakeLast);
  if (required) o->required();
  options_[name] = o;
}

void Args::positionals(const std::string& value_name, const std::string& help, int least, int most) {
  CLI::Option* o = app_.add_option(value_name, positional_, help)->type_name("");
  o->expected(least, most < 0 ? CLI::detail::expected_max_vector_size : most);
  if (least > 0) o->required();
}

const CLI::Option& Args::declared(const std::string& flag) const {
  auto it = options_.find(flag);
  if (it == options_.end()) throw std::logic_error("command reads " + flag + " without declaring it");
  return *it->second;
}

bool Args::has(const std::string& flag) const { return declared(flag).count() > 0; }

std::optional<std::string> Args::value(const std::string& flag) const {
  if (!has(flag)) return std::nullopt;
  return values_.at(flag);
}

std::string Args::required(const std::string& flag) const {
  auto v = value(flag);
  if (!v || v->empty()) throw UsageError("missing " + flag);
  return *v;
}

std::vector<std::string> Args::list(const std::string& flag) const {
  std::vector<std::string> items;
  const std::string text = value(flag).value_or("");
  for (std::size_t at = 0; at <= text.size();) {
    const std::size_t comma = std::min(text.find(',', at), text.size());
    if (comma > at) items.push_back(text.substr(at, comma - at));
    at = comma + 1;
  }
  return items;
}

int Args::integer(const std::string& flag, int fallback) const {
  auto v = value(flag);
  if (!v) return fallback;
  try {
    std::size_t used = 0;
    int n = std::stoi(*v, &used);
    if (used != v->size()) throw std::invalid_argument(*v);
    return n;
  } catch (const std::exception&) {
    throw UsageError(flag + " takes a whole number, got '" + *v + "'");
  }
}

std::map<std::string, Command>& command_registry() {
  static std::map<std::string, Command> registry;
  return registry;
}

Registrar::Registrar(Command c) { command_registry().emplace(c.name, std::move(c)); }

}  // namespace rs::cli
