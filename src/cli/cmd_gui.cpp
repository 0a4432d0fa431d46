// reviewstation gui: the reviewer workstation on a queue database.
#include "cli/command.hpp"
#include "ui/app.hpp"

namespace {
RS_COMMAND("gui", "open the reviewer workstation (审核工作站) on a queue",
           "usage: reviewstation gui --db PATH --user NAME\n\n"
           "Opens the workstation window on the SQLite queue at PATH as reviewer NAME.\n"
           "Keys: A approve, R reject (reason picker: 1-9 / Shift+1-8 toggle reasons, Enter confirms,\n"
           "Esc cancels), S skip, F fit photo, M mirror, L loupe, F1 all shortcuts.\n"
           "Your window layout is kept in ~/.config/reviewstation/imgui.ini.",
           {},
           [](const rs::cli::Args& args) {
             return rs::ui::run_workstation(args.required("--db"), args.required("--user"));
           });
}  // namespace
