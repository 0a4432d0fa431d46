// reviewstation gui: the reviewer workstation on a queue database.
#include <optional>
#include <string>

#include "cli/command.hpp"
#include "cli/sign_in.hpp"
#include "core/i18n/text.hpp"
#include "core/util/utf8.hpp"
#include "ui/shell/app.hpp"

namespace {
RS_COMMAND(
    "gui", "open the reviewer workstation (审核工作站) on a queue",
    "Opens the workstation window on the SQLite queue at PATH with its sign-in dialog; --user\n"
    "fills in the name. With RS_PASSWORD or --password-file FILE, NAME signs in at once (kiosks,\n"
    "tests): exit 6 when the sign-in is refused, 7 when the account has no workspace.\n"
    "--lang sets the language of the reviewer's screen (default zh; the RS_LANG environment\n"
    "variable does the same when --lang is not given). Notices and messages to applicants\n"
    "are always in Chinese.\n"
    "Keys: A approve, R reject (reason picker: 1-9 / Shift+1-8 toggle reasons, Enter confirms,\n"
    "Esc cancels), S skip, F fit photo, M mirror, L loupe, F1 all shortcuts.\n"
    "Your window layout is kept in ~/.config/reviewstation/imgui.ini.",
    [](rs::cli::Args& a) {
      a.option("--db", "PATH", "the queue", true);
      a.option("--user", "NAME", "who signs in (fills the dialog)");
      a.option("--password-file", "FILE", "sign in without the dialog (else RS_PASSWORD; else the dialog asks)");
      a.option("--lang", "zh|en", "language of the screen (zh)");
    },
    [](const rs::cli::Args& args) {
      std::optional<rs::Language> lang;
      if (auto code = args.value("--lang")) {
        lang = rs::parse_language(*code);
        if (!lang) throw rs::cli::UsageError("--lang takes zh or en, not '" + *code + "'");
      }
      const std::string user = args.value("--user").value_or("");
      if (auto problem = rs::utf8::text_problem("--user", user); !problem.empty()) throw rs::cli::UsageError(problem);
      return rs::ui::run_workstation(args.required("--db"), user,
                                     rs::cli::given_password(args, "RS_PASSWORD", "--password-file"), lang);
    });
}  // namespace
