#pragma once
// Signing in from the command line: every command that acts takes --user NAME and reads the
// password from --password-file FILE, from RS_PASSWORD, or from the terminal (without echo).
#include <optional>
#include <string>

#include "cli/command.hpp"
#include "core/store/store.hpp"

namespace rs::cli {

// Exit codes of a refused sign-in and of an action the actor's roles do not allow.
inline constexpr int kExitSignInRefused = 6;
inline constexpr int kExitNotPermitted = 7;

// Declares --user (required) and --password-file on a command.
void declare_sign_in(Args& a);

// The password from the file named by `file_flag` (its first line) or the environment variable
// `env`; nothing when neither is given (the GUI then asks in its sign-in dialog).
std::optional<std::string> given_password(const Args& args, const char* env, const char* file_flag);

// A password: the file named by `file_flag` (its first line) when given, else the environment
// variable `env` when set, else the terminal with `prompt`. UsageError when none of them is there.
std::string read_password(const Args& args, const char* env, const char* file_flag, const std::string& prompt);

// Signs in --user with the password from --password-file, RS_PASSWORD or the terminal. A refusal
// propagates as store::Refusal (run_signed_in turns it into an exit code).
accounts::Actor sign_in(store::Store& store, const Args& args);

// Runs `body` and turns store refusals into one line on stderr and an exit code: 6 for a refused
// sign-in, 7 for an action the roles do not allow, `refused_exit` for any other refusal.
int run_refusing(const char* command, int refused_exit, const std::function<int()>& body);

}  // namespace rs::cli
