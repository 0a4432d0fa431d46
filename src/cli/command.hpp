#pragma once
// Every subcommand lives in its own cmd_<name>.cpp and registers itself with RS_COMMAND, so adding
// a command touches one file. main.cpp only dispatches and prints help.
#include <functional>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace rs::cli {

// Parsed "--flag value", "--switch" and positional arguments of one subcommand.
class Args {
 public:
  Args(std::vector<std::string> raw, std::vector<std::string> switches);
  bool has(const std::string& flag) const;               // --switch or --flag given
  std::optional<std::string> value(const std::string& flag) const;
  std::string required(const std::string& flag) const;   // throws UsageError naming the flag
  int integer(const std::string& flag, int fallback) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::map<std::string, std::string> values_;
  std::vector<std::string> positional_;
};

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

struct Command {
  std::string name;
  std::string summary;                 // one line for `reviewstation --help`
  std::string usage;                   // full text for `reviewstation NAME --help`
  std::vector<std::string> switches;   // flags that take no value, e.g. "--json"
  std::function<int(const Args&)> run; // returns the exit code
};

std::map<std::string, Command>& command_registry();

struct Registrar {
  explicit Registrar(Command c);
};

}  // namespace rs::cli

#define RS_CONCAT_INNER(a, b) a##b
#define RS_CONCAT(a, b) RS_CONCAT_INNER(a, b)
#define RS_COMMAND(...) static ::rs::cli::Registrar RS_CONCAT(rs_command_, __LINE__)(::rs::cli::Command{__VA_ARGS__})
