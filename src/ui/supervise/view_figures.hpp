#pragma once
// The figures per reviewer over a period (Store::figures on the desk): a table, a bar chart of
// decisions per day drawn with ImDrawList, and a CSV export next to the database.
#include <memory>
#include <optional>
#include <string>
#include <utility>

#include "core/figures/reviewer_figures.hpp"
#include "ui/shell/fonts.hpp"
#include "ui/supervise/desk.hpp"
#include "ui/supervise/period_input.hpp"

namespace rs::ui::supervise {

class FiguresView {
 public:
  FiguresView(Desk& desk, Fonts& fonts);
  void poll();
  void draw();
  void reload();
  // The first reviewer of the agreement matrix's cell clicked since the last call, if any.
  std::optional<std::string> take_pair_click() { return std::exchange(pair_clicked_, std::nullopt); }

 private:
  struct Answer {
    figures::FiguresReport report;
    std::string error;
    std::string exported;  // the CSV file written, when the job was an export
  };
  void draw_period();
  void draw_table();
  void draw_chart();
  void draw_reason_mix();
  void export_csv();

  Desk& desk_;
  Fonts& fonts_;
  std::shared_ptr<Handover<Answer>> answer_ = std::make_shared<Handover<Answer>>();
  figures::FiguresReport report_;
  std::string error_, exported_;
  bool loading_ = false;
  PeriodInput period_;
  std::optional<std::string> pair_clicked_;
  std::string selected_;  // the reviewer whose days and reasons show ("" everyone)
};

}  // namespace rs::ui::supervise
