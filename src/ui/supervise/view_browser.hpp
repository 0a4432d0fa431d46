#pragma once
// The decision browser: filters above a table of decisions, newest first. Pages of rows come from
// Store::browse_decisions on the desk (keyset paging); the table draws only its visible rows
// (ImGuiListClipper) and asks for the next page when the clipper reaches the last row loaded.
#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "core/store/store.hpp"
#include "ui/shell/fonts.hpp"
#include "ui/supervise/desk.hpp"
#include "ui/supervise/view_case.hpp"
#include "ui/supervise/view_overturn.hpp"
#include "ui/supervise/view_pick_training.hpp"

namespace rs::ui::supervise {

class BrowserView {
 public:
  BrowserView(Desk& desk, Fonts& fonts);
  void poll();  // every frame, whichever tab is up: takes a page that arrived
  // A double click on a row opens its case (`case_view`). The first column's ticks pick cases for
  // a training set (`pick`). The trainer's workspace passes no overturn dialog and no case view: a
  // trainer may not overturn or open a case's file (the store refuses both), so no button offers it.
  void draw(OverturnDialog* overturn, CaseView* case_view, TrainingPickDialog& pick);
  void clear_picks() { picked_.clear(); }
  void reload();  // the filters' first page again (after an overturn)
  // The figures' agreement matrix: the decisions of `first_reviewer` a second review disagreed with.
  void show_second_disagreements(const std::string& first_reviewer);
  bool loading() const { return loading_; }

 private:
  struct Page {
    std::uint64_t generation = 0;
    std::vector<store::DecisionRow> rows;
    std::string error;
  };
  static constexpr int kPageRows = 200;
  void request_page();
  bool draw_filters();  // true when a filter changed
  void draw_table(CaseView* case_view);
  store::BrowseFilter filter_from_inputs() const;
  void sort_loaded();  // view_ in the order of the column clicked (rows_ keep the paging order)

  Desk& desk_;
  Fonts& fonts_;
  std::shared_ptr<Handover<Page>> pages_ = std::make_shared<Handover<Page>>();
  std::uint64_t generation_ = 0;  // a page asked for under older filters is dropped
  bool loading_ = false, at_end_ = false;
  std::vector<store::DecisionRow> rows_;
  std::string error_;
  int selected_ = -1;  // an index into rows_
  // Cases ticked for a training set, "ORDER_NO#N" in the order ticked; kept across filters, so a
  // trainer gathers cases from several searches.
  std::vector<std::string> picked_;
  bool is_picked(const std::string& key) const;
  void toggle_pick(const std::string& key);
  // Sorting by a column orders the rows loaded so far, not the whole result: an index for every
  // column a supervisor might click would cost each decision's write, and only decided time has
  // one to page on (keyset on decisions_decided). The status line says so while a sort is on.
  std::vector<int> view_;  // rows_ in display order
  int sort_column_ = -1;   // -1: decided time, newest first, as paged
  bool sort_ascending_ = false;
  // The filter inputs; combos hold an index, 0 meaning "all".
  char reviewer_[64] = {}, from_[16] = {}, to_[16] = {};
  int outcome_ = 0, reason_ = 0, doc_type_ = 0, city_ = 0;
  bool engine_disagreed_ = false, second_disagreed_ = false, overturned_ = false;
};

}  // namespace rs::ui::supervise
