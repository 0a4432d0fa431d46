// reviewstation: the reviewer workstation and its command-line tools. Each subcommand is a
// cmd_*.cpp file in this folder; this file only parses the first word and dispatches.
#include <cstdio>
#include <exception>
#include <iostream>

#include "cli/command.hpp"

namespace rs::cli {

Args::Args(std::vector<std::string> raw, std::vector<std::string> switches) {
  auto is_switch = [&](const std::string& f) {
    for (const auto& s : switches)
      if (s == f) return true;
    return f == "--help";
  };
  for (std::size_t i = 0; i < raw.size(); ++i) {
    const std::string& a = raw[i];
    if (a.rfind("--", 0) == 0 && a.size() > 2) {
      if (auto eq = a.find('='); eq != std::string::npos) {
        values_[a.substr(0, eq)] = a.substr(eq + 1);
      } else if (is_switch(a)) {
        values_[a] = "";
      } else {
        if (i + 1 >= raw.size()) throw UsageError(a + " needs a value");
        values_[a] = raw[++i];
      }
    } else {
      positional_.push_back(a);
    }
  }
}

bool Args::has(const std::string& flag) const { return values_.count(flag) > 0; }

std::optional<std::string> Args::value(const std::string& flag) const {
  if (auto it = values_.find(flag); it != values_.end()) return it->second;
  return std::nullopt;
}

std::string Args::required(const std::string& flag) const {
  auto v = value(flag);
  if (!v || v->empty()) throw UsageError("missing " + flag);
  return *v;
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

namespace {
void print_help() {
  std::printf(
      "reviewstation — photo review workstation for the inspection centre (检测中心)\n\n"
      "usage: reviewstation COMMAND [options]    (reviewstation COMMAND --help for details)\n\ncommands:\n");
  for (const auto& [name, cmd] : rs::cli::command_registry()) std::printf("  %-10s %s\n", name.c_str(), cmd.summary.c_str());
}
}  // namespace

int main(int argc, char** argv) {
  using namespace rs::cli;
  if (argc < 2 || std::string(argv[1]) == "--help" || std::string(argv[1]) == "-h" || std::string(argv[1]) == "help") {
    print_help();
    return argc < 2 ? 2 : 0;
  }
  auto& reg = command_registry();
  auto it = reg.find(argv[1]);
  if (it == reg.end()) {
    std::fprintf(stderr, "reviewstation: unknown command '%s'\n\n", argv[1]);
    print_help();
    return 2;
  }
  const Command& cmd = it->second;
  try {
    Args args(std::vector<std::string>(argv + 2, argv + argc), cmd.switches);
    if (args.has("--help")) {
      std::printf("%s\n", cmd.usage.c_str());
      return 0;
    }
    return cmd.run(args);
  } catch (const UsageError& e) {
    std::fprintf(stderr, "reviewstation %s: %s\n\n%s\n", cmd.name.c_str(), e.what(), cmd.usage.c_str());
    return 2;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "reviewstation %s: %s\n", cmd.name.c_str(), e.what());
    return 1;
  }
}
