#include "cli/sign_in.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <iostream>

#include "core/util/file_read.hpp"

namespace rs::cli {
namespace {
constexpr std::size_t kMaxPasswordFileBytes = 4096;

std::string first_line(std::string text) {
  const auto end = text.find_first_of("\r\n");
  if (end != std::string::npos) text.resize(end);
  return text;
}

// Reads one line from the terminal with echo off (restored even when reading fails).
std::string read_hidden(const std::string& prompt) {
  std::fprintf(stderr, "%s", prompt.c_str());
  std::fflush(stderr);
  termios old{};
  const bool tty = ::tcgetattr(STDIN_FILENO, &old) == 0;
  if (tty) {
    termios quiet = old;
    quiet.c_lflag &= ~tcflag_t(ECHO);
    ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  }
  std::string line;
  std::getline(std::cin, line);
  if (tty) ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
  std::fprintf(stderr, "\n");
  return first_line(line);
}
}  // namespace

void declare_sign_in(Args& a) {
  a.option("--user", "NAME", "who signs in", true);
  a.option("--password-file", "FILE", "the password's file (else RS_PASSWORD, else the terminal)");
}

std::optional<std::string> given_password(const Args& args, const char* env, const char* file_flag) {
  // The flag given on this command line wins over the environment a script may have set.
  if (auto file = args.value(file_flag)) {
    const auto read = util::read_regular_file(*file, kMaxPasswordFileBytes);
    if (!read.ok()) throw UsageError(std::string(file_flag) + ": " + read.error);
    return first_line(std::string(read.bytes.begin(), read.bytes.end()));
  }
  if (const char* v = std::getenv(env); v && *v) return std::string(v);
  return std::nullopt;
}

std::string read_password(const Args& args, const char* env, const char* file_flag, const std::string& prompt) {
  if (auto given = given_password(args, env, file_flag)) return *given;
  if (::isatty(STDIN_FILENO)) return read_hidden(prompt);
  throw UsageError(std::string("no password: set ") + env + ", give " + file_flag + " FILE, or run on a terminal");
}

accounts::Actor sign_in(store::Store& store, const Args& args) {
  const std::string user = args.required("--user");
  return store.sign_in(user, read_password(args, "RS_PASSWORD", "--password-file", "password for " + user + ": "));
}

int run_refusing(const char* command, int refused_exit, const std::function<int()>& body) {
  using Why = store::Refusal::Why;
  try {
    return body();
  } catch (const store::Refusal& e) {
    std::fprintf(stderr, "%s refused: %s\n", command, e.what());
    switch (e.why()) {
      case Why::SignInFailed:
      case Why::AccountLocked:
      case Why::AccountDisabled: return kExitSignInRefused;
      case Why::NotPermitted: return kExitNotPermitted;
      default: return refused_exit;
    }
  }
}

}  // namespace rs::cli
