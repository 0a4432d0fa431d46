#pragma once
// Every subcommand lives in its own cmd_<name>.cpp and registers itself with RS_COMMAND, so adding
// a command touches one file. A command declares its flags and positional arguments on its CLI11
// subcommand (declare) and reads them back through Args (run): the parser refuses what was not
// declared, and `--help` is generated from the same declarations. main.cpp only builds the app.
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

namespace rs::cli {

// One subcommand's declared options, bound to its CLI11 app, and their parsed values.
class Args {
 public:
  explicit Args(CLI::App& app) : app_(app) {}
  Args(const Args&) = delete;
  Args& operator=(const Args&) = delete;

  // Declaring (before parsing). Names are long flags, e.g. "--json".
  void flag(const std::string& name, const std::string& help);
  void option(const std::string& name, const std::string& value_name, const std::string& help, bool required = false);
  // Positional arguments: at least `least`, at most `most` (-1: no limit).
  void positionals(const std::string& value_name, const std::string& help, int least, int most);

  // Reading (after parsing). Asking for a name that was never declared is a programming error.
  bool has(const std::string& flag) const;  // --switch or --flag given
  std::optional<std::string> value(const std::string& flag) const;
  std::string required(const std::string& flag) const;  // throws UsageError naming the flag
  int integer(const std::string& flag, int fallback) const;
  // A comma-separated value as its items ("A,B,,C" gives A, B, C); empty when not given.
  std::vector<std::string> list(const std::string& flag) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  const CLI::Option& declared(const std::string& flag) const;
  CLI::App& app_;
  std::map<std::string, std::string> values_;
  std::map<std::string, CLI::Option*> options_;
  std::vector<std::string> positional_;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Command {
  std::string name;
  std::string summary;                  // one line for `reviewstation --help`
  std::string details;                  // what the command does, below its generated help
  std::function<void(Args&)> declare;   // declares the flags and positionals
  std::function<int(const Args&)> run;  // returns the exit code
};

std::map<std::string, Command>& command_registry();

struct Registrar {
  explicit Registrar(Command c);
};

}  // namespace rs::cli

#define RS_CONCAT_INNER(a, b) a##b
#define RS_CONCAT(a, b) RS_CONCAT_INNER(a, b)
#define RS_COMMAND(...) static ::rs::cli::Registrar RS_CONCAT(rs_command_, __LINE__)(::rs::cli::Command{__VA_ARGS__})
