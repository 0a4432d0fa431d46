// reviewstation: the reviewer workstation and its command-line tools. Each subcommand is a
// cmd_*.cpp file in this folder that declares its options; this file builds one CLI11 app from
// them, parses, and turns refusals into exit codes (2: usage, 1: the command failed).
#include <cstdio>
#include <exception>
#include <iostream>
#include <memory>

#include "cli/command.hpp"

namespace {

constexpr const char* kTitle = "reviewstation — photo review workstation for the inspection centre (检测中心)";

struct Built {
  CLI::App* app;
  const rs::cli::Command* command;
  std::unique_ptr<rs::cli::Args> args;
};

std::string usage_line(const CLI::App& sub) {
  const CLI::Formatter formatter;  // the default one every subcommand uses
  return formatter.make_usage(&sub, "reviewstation " + sub.get_name());
}

// A refusal names the command and the problem, then shows the command's usage line.
int refuse(const CLI::App& sub, const std::string& problem) {
  std::fprintf(stderr, "reviewstation %s: %s\n%s(reviewstation %s --help for details)\n", sub.get_name().c_str(),
               problem.c_str(), usage_line(sub).c_str(), sub.get_name().c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace rs::cli;
  CLI::App app{kTitle, "reviewstation"};
  app.footer("reviewstation COMMAND --help for details");
  app.require_subcommand(1);
  std::map<std::string, Built> built;
  for (const auto& [name, cmd] : command_registry()) {
    CLI::App* sub = app.add_subcommand(name, cmd.summary);
    sub->footer(cmd.details);
    auto args = std::make_unique<Args>(*sub);
    cmd.declare(*args);
    built[name] = Built{sub, &cmd, std::move(args)};
  }
  const std::string first = argc > 1 ? argv[1] : "";
  if (argc < 2 || first == "help") {
    std::printf("%s", app.help().c_str());
    return argc < 2 ? 2 : 0;
  }
  if (built.count(first) == 0 && first != "-h" && first != "--help") {
    std::fprintf(stderr, "reviewstation: unknown %s '%s'\n\n%s", first[0] == '-' ? "option" : "command", first.c_str(),
                 app.help().c_str());
    return 2;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    auto chosen = app.get_subcommands();
    if (chosen.empty()) {
      std::fprintf(stderr, "reviewstation: %s\n\n%s", e.what(), app.help().c_str());
      return 2;
    }
    return refuse(*chosen.front(), e.what());
  }
  const Built& b = built.at(app.get_subcommands().front()->get_name());
  try {
    return b.command->run(*b.args);
  } catch (const UsageError& e) {
    return refuse(*b.app, e.what());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "reviewstation %s: %s\n", b.command->name.c_str(), e.what());
    return 1;
  }
}
