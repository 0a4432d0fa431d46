#pragma once
// The figures per reviewer over a period (Store::figures on the desk): a table, a bar chart of
// decisions per day drawn with ImDrawList, and a CSV export next to the database.
#include <memory>
#include <string>

#include "core/figures/reviewer_figures.hpp"
#include "ui/fonts.hpp"
#include "ui/supervise/desk.hpp"

namespace rs::ui::supervise {

class FiguresView {
 public:
  FiguresView(Desk& desk, Fonts& fonts);
  void poll();
  void draw();
  void reload();

 private:
  struct Answer {
    figures::FiguresReport report;
    std::string error;
    std::string exported;  // the CSV file written, when the job was an export
  };
  void draw_period();
  void draw_table();
  void draw_chart();
  void export_csv();

  Desk& desk_;
  Fonts& fonts_;
  std::shared_ptr<Handover<Answer>> answer_ = std::make_shared<Handover<Answer>>();
  figures::FiguresReport report_;
  std::string error_, exported_;
  bool loading_ = false;
  char from_[16] = {}, to_[16] = {};
};

}  // namespace rs::ui::supervise
