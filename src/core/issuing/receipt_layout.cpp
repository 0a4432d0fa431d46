#include "core/issuing/receipt_layout.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>

#include "core/domain/city.hpp"
#include "core/issuing/receipt_text.hpp"
#include "core/util/json_extends.hpp"

namespace rs::issuing {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {
// Ideographs sit in a box about 1.2 em tall once ascent and descent are counted.
constexpr double kLineHeightEm = 1.25;

// Reads typed values out of the merged JSON; every failure names the file and the key path.
class Reader {
 public:
  explicit Reader(fs::path file) : file_(std::move(file)) {}

  [[noreturn]] void fail(const std::string& where, const std::string& problem) const {
    throw std::runtime_error("receipt layout " + file_.string() + ": " + where + ": " + problem);
  }

  const json& object(const json& parent, const std::string& where, const char* key) const {
    const json& v = member(parent, where, key);
    if (!v.is_object()) fail(path(where, key), "expected an object");
    return v;
  }

  double number(const json& obj, const std::string& where, const char* key,
                std::optional<double> fallback = std::nullopt) const {
    if (fallback && !obj.contains(key)) return *fallback;
    const json& v = member(obj, where, key);
    if (!v.is_number()) fail(path(where, key), "expected a number, found " + std::string(v.type_name()));
    double d = v.get<double>();
    if (d < 0) fail(path(where, key), "must not be negative");
    return d;
  }

  std::string text(const json& obj, const std::string& where, const char* key,
                   std::optional<std::string> fallback = std::nullopt) const {
    if (fallback && !obj.contains(key)) return *fallback;
    const json& v = member(obj, where, key);
    if (!v.is_string()) fail(path(where, key), "expected a string, found " + std::string(v.type_name()));
    return v.get<std::string>();
  }

  // A string that may hold {placeholders}; an unknown one is an error of the layout.
  std::string tmpl(const json& obj, const std::string& where, const char* key,
                   std::optional<std::string> fallback = std::nullopt) const {
    std::string s = text(obj, where, key, std::move(fallback));
    if (auto problem = check_template(s); !problem.empty()) fail(path(where, key), problem);
    return s;
  }

  bool flag(const json& obj, const std::string& where, const char* key, bool fallback) const {
    if (!obj.contains(key)) return fallback;
    const json& v = obj.at(key);
    if (!v.is_boolean()) fail(path(where, key), "expected true or false");
    return v.get<bool>();
  }

  // A misspelt key would otherwise be ignored silently; keys starting with '_' are comments.
  void only_keys(const json& obj, const std::string& where, std::initializer_list<const char*> allowed) const {
    for (const auto& [key, value] : obj.items()) {
      if (key.rfind('_', 0) == 0) continue;
      bool known = false;
      for (const char* a : allowed) known = known || key == a;
      if (!known) fail(path(where, key.c_str()), "unknown key");
    }
  }

  static std::string path(const std::string& where, const char* key) { return where.empty() ? key : where + "." + key; }

 private:
  const json& member(const json& obj, const std::string& where, const char* key) const {
    if (!obj.contains(key)) fail(path(where, key), "missing");
    return obj.at(key);
  }
  fs::path file_;
};

// A layout file may start from another one ("extends": "base.json") and change only what
// differs. Returns the merged layout and how errors name it: "I.json (extends base.json)".
json read_layout_chain(const fs::path& file, char group, std::string& name) {
  std::error_code ec;
  if (!fs::exists(file, ec))  // the usual cause: a document group nobody wrote a layout for
    throw std::runtime_error("no receipt layout for document group '" + std::string(1, group) + "': cannot open " +
                             file.string());
  auto chain = util::read_json_chain(file, {"receipt layout"});
  name = file.string();
  for (std::size_t i = 1; i < chain.files.size(); ++i)
    name += (i == 1 ? " (extends " : ", ") + chain.files[i].filename().string();
  if (chain.files.size() > 1) name += ")";
  return json(chain.merged);  // the layout reader works on a plain (key-sorted) object
}

MmBox read_box(const Reader& r, const json& o, const std::string& where, bool with_height) {
  MmBox b;
  b.x = r.number(o, where, "x_mm");
  b.y = r.number(o, where, "y_mm");
  b.w = r.number(o, where, "width_mm");
  if (with_height) b.h = r.number(o, where, "height_mm");
  if (b.w <= 0) r.fail(Reader::path(where, "width_mm"), "must be positive");
  if (with_height && b.h <= 0) r.fail(Reader::path(where, "height_mm"), "must be positive");
  return b;
}

TextAlign read_align(const Reader& r, const json& o, const std::string& where) {
  std::string a = r.text(o, where, "align", "left");
  if (a == "left") return TextAlign::Left;
  if (a == "center") return TextAlign::Center;
  if (a == "right") return TextAlign::Right;
  r.fail(Reader::path(where, "align"), "'" + a + "' is not left, center or right");
}

TextLine read_text_line(const Reader& r, const json& parent, const char* key) {
  const json& o = r.object(parent, "", key);
  r.only_keys(o, key, {"text", "x_mm", "y_mm", "width_mm", "size_mm", "bold", "align"});
  TextLine t;
  t.text = r.tmpl(o, key, "text");
  t.box = read_box(r, o, key, false);
  t.size_mm = r.number(o, key, "size_mm");
  t.box.h = t.size_mm * kLineHeightEm;
  t.bold = r.flag(o, key, "bold", false);
  t.align = read_align(r, o, key);
  return t;
}

ImageBox read_image_box(const Reader& r, const json& o, const std::string& where, bool square) {
  if (square)
    r.only_keys(o, where, {"x_mm", "y_mm", "size_mm", "ec_level", "caption", "caption_size_mm"});
  else
    r.only_keys(o, where, {"x_mm", "y_mm", "width_mm", "height_mm", "caption", "caption_size_mm"});
  ImageBox ib;
  if (square) {
    ib.box = {r.number(o, where, "x_mm"), r.number(o, where, "y_mm"), r.number(o, where, "size_mm"), 0};
    ib.box.h = ib.box.w;
    if (ib.box.w <= 0) r.fail(Reader::path(where, "size_mm"), "must be positive");
  } else {
    ib.box = read_box(r, o, where, true);
  }
  ib.caption = r.tmpl(o, where, "caption", "");
  ib.caption_size_mm = r.number(o, where, "caption_size_mm", 3.0);
  return ib;
}

NumberBlock read_number(const Reader& r, const json& parent) {
  const json& o = r.object(parent, "", "number");
  r.only_keys(o, "number", {"label", "x_mm", "y_mm", "width_mm", "label_size_mm", "size_mm"});
  NumberBlock n;
  n.label = r.text(o, "number", "label");
  n.box = read_box(r, o, "number", false);
  n.label_size_mm = r.number(o, "number", "label_size_mm");
  n.size_mm = r.number(o, "number", "size_mm");
  n.box.h = (n.label_size_mm + n.size_mm) * kLineHeightEm;
  return n;
}

FieldTable read_fields(const Reader& r, const json& parent) {
  const json& o = r.object(parent, "", "fields");
  r.only_keys(o, "fields", {"x_mm", "y_mm", "width_mm", "label_width_mm", "row_mm", "size_mm", "rows"});
  FieldTable f;
  f.box = read_box(r, o, "fields", false);
  f.label_width_mm = r.number(o, "fields", "label_width_mm");
  f.row_mm = r.number(o, "fields", "row_mm");
  f.size_mm = r.number(o, "fields", "size_mm");
  if (f.label_width_mm >= f.box.w) r.fail("fields.label_width_mm", "leaves no room for the values");
  if (f.row_mm < f.size_mm * kLineHeightEm) r.fail("fields.row_mm", "rows are shorter than their text");
  if (!o.contains("rows") || !o.at("rows").is_array() || o.at("rows").empty())
    r.fail("fields.rows", "expected a non-empty array of {label, value}");
  const json& rows = o.at("rows");
  for (size_t i = 0; i < rows.size(); ++i) {
    std::string where = "fields.rows[" + std::to_string(i) + "]";
    if (!rows[i].is_object()) r.fail(where, "expected an object");
    r.only_keys(rows[i], where, {"label", "value"});
    f.rows.push_back({r.text(rows[i], where, "label"), r.tmpl(rows[i], where, "value")});
  }
  f.box.h = f.row_mm * static_cast<double>(f.rows.size());
  return f;
}

NoteBlock read_note(const Reader& r, const json& parent) {
  const json& o = r.object(parent, "", "note");
  r.only_keys(o, "note", {"text", "x_mm", "y_mm", "width_mm", "height_mm", "size_mm"});
  NoteBlock n;
  n.text = r.tmpl(o, "note", "text");
  n.box = read_box(r, o, "note", true);
  n.size_mm = r.number(o, "note", "size_mm");
  return n;
}

// "Family" or ["First choice", "Fallback", ...].
std::vector<std::string> read_families(const Reader& r, const json& v, const std::string& where) {
  std::vector<std::string> out;
  if (v.is_string()) out.push_back(v.get<std::string>());
  if (v.is_array())
    for (const auto& e : v)
      if (e.is_string() && !e.get<std::string>().empty()) out.push_back(e.get<std::string>());
  if (out.empty() || (v.is_array() && out.size() != v.size()))
    r.fail(where, "expected a font family name or an array of them");
  return out;
}

void read_page(const Reader& r, const json& root, ReceiptLayout& l) {
  const json& p = r.object(root, "", "page");
  r.only_keys(p, "page", {"width_mm", "height_mm", "png_dpi", "frame_inset_mm"});
  l.page_w_mm = r.number(p, "page", "width_mm");
  l.page_h_mm = r.number(p, "page", "height_mm");
  l.png_dpi = r.number(p, "page", "png_dpi", 350.0);
  l.frame_inset_mm = r.number(p, "page", "frame_inset_mm", 0.0);
  if (l.page_w_mm < 50 || l.page_h_mm < 50 || l.page_w_mm > 500 || l.page_h_mm > 500)
    r.fail("page", "size must lie between 50 and 500 mm");
  if (l.png_dpi < 72 || l.png_dpi > 1200) r.fail("page.png_dpi", "must lie between 72 and 1200");
  if (root.contains("fonts")) {
    const json& f = r.object(root, "", "fonts");
    r.only_keys(f, "fonts", {"text", "number"});
    if (f.contains("text")) l.fonts = read_families(r, f.at("text"), "fonts.text");
    if (f.contains("number")) l.number_fonts = read_families(r, f.at("number"), "fonts.number");
  }
  if (root.contains("rules_y_mm")) {
    const json& rules = root.at("rules_y_mm");
    if (!rules.is_array()) r.fail("rules_y_mm", "expected an array of numbers");
    for (const auto& y : rules) {
      if (!y.is_number()) r.fail("rules_y_mm", "expected an array of numbers");
      l.rules_y_mm.push_back(y.get<double>());
    }
  }
}

// The space an element takes on paper, captions included, for the bounds and overlap checks.
struct Claim {
  std::string name;
  MmBox box;
};

MmBox with_caption(const ImageBox& ib) {
  MmBox b = ib.box;
  if (!ib.caption.empty()) b.h += 1.0 + ib.caption_size_mm * kLineHeightEm;
  return b;
}

bool overlap(const MmBox& a, const MmBox& b) {
  return a.x < b.right() && b.x < a.right() && a.y < b.bottom() && b.y < a.bottom();
}

std::string describe(const MmBox& b) {
  std::ostringstream s;
  s << "(" << b.x << "," << b.y << ")-(" << b.right() << "," << b.bottom() << ") mm";
  return s.str();
}

void check_geometry(const Reader& r, const ReceiptLayout& l) {
  std::vector<Claim> claims = {{"title", l.title.box},   {"photo", with_caption(l.photo)}, {"qr", with_caption(l.qr)},
                               {"number", l.number.box}, {"fields", l.fields.box},         {"note", l.note.box}};
  if (l.subtitle) claims.push_back({"subtitle", l.subtitle->box});
  const MmBox page{l.frame_inset_mm, l.frame_inset_mm, l.page_w_mm - 2 * l.frame_inset_mm,
                   l.page_h_mm - 2 * l.frame_inset_mm};
  for (const auto& c : claims) {
    bool inside =
        c.box.x >= page.x && c.box.y >= page.y && c.box.right() <= page.right() && c.box.bottom() <= page.bottom();
    if (!inside) r.fail(c.name, describe(c.box) + " lies outside the printable area " + describe(page));
  }
  for (size_t i = 0; i < claims.size(); ++i)
    for (size_t k = i + 1; k < claims.size(); ++k)
      if (overlap(claims[i].box, claims[k].box))
        r.fail(claims[i].name, describe(claims[i].box) + " overlaps " + claims[k].name + " " + describe(claims[k].box));
  for (double y : l.rules_y_mm)
    if (y <= page.y || y >= page.bottom()) r.fail("rules_y_mm", "a rule lies outside the printable area");
}

// Applies "cities"[city] as a merge patch; a key naming no Guangdong city is an error.
json merged_for_city(const Reader& r, json root, std::string_view city, std::string& applied) {
  if (!root.contains("cities")) return root;
  json cities = root.at("cities");
  root.erase("cities");
  if (!cities.is_object()) r.fail("cities", "expected an object keyed by city name");
  for (const auto& [name, patch] : cities.items()) {
    if (!parse_city(name).city) r.fail("cities." + name, "not a Guangdong city");
    if (!patch.is_object()) r.fail("cities." + name, "expected an object (a merge patch)");
  }
  std::string key(city);
  if (!cities.contains(key)) return root;
  root.merge_patch(cities.at(key));
  applied = key;
  return root;
}

std::vector<std::string> read_only_cities(const Reader& r, const json& root) {
  std::vector<std::string> out;
  if (!root.contains("only_cities")) return out;
  const json& a = root.at("only_cities");
  if (!a.is_array()) r.fail("only_cities", "expected an array of city names");
  for (const auto& c : a) {
    if (!c.is_string() || !parse_city(c.get<std::string>()).city)
      r.fail("only_cities", "holds something that is not a Guangdong city: " + c.dump());
    out.push_back(c.get<std::string>());
  }
  return out;
}
}  // namespace

ReceiptLayout load_receipt_layout(const fs::path& dir, char group, std::string_view city) {
  const fs::path file = dir / (std::string(1, group) + ".json");
  std::string name;
  json root = read_layout_chain(file, group, name);
  const Reader r(name);
  ReceiptLayout l;
  l.source = file;
  std::string declared = r.text(root, "", "group");
  if (declared != std::string(1, group))
    r.fail("group", "says '" + declared + "' but the file is for '" + std::string(1, group) + "'");
  l.group = group;
  l.only_cities = read_only_cities(r, root);
  if (!l.only_cities.empty() && std::find(l.only_cities.begin(), l.only_cities.end(), city) == l.only_cities.end())
    r.fail("only_cities", "group " + declared + " is not issued in " + std::string(city));
  root = merged_for_city(r, std::move(root), city, l.city);
  r.only_keys(root, "",
              {"group", "group_name", "only_cities", "page", "fonts", "title", "subtitle", "rules_y_mm", "photo", "qr",
               "number", "fields", "note"});
  l.group_name = r.text(root, "", "group_name");
  read_page(r, root, l);
  l.title = read_text_line(r, root, "title");
  if (root.contains("subtitle")) l.subtitle = read_text_line(r, root, "subtitle");
  l.photo = read_image_box(r, r.object(root, "", "photo"), "photo", false);
  const json& qr = r.object(root, "", "qr");
  l.qr = read_image_box(r, qr, "qr", true);
  try {
    l.qr_ec_level = parse_qr_ec_level(r.text(qr, "qr", "ec_level", "M"));
  } catch (const std::invalid_argument& e) {
    r.fail("qr.ec_level", e.what());
  }
  l.number = read_number(r, root);
  l.fields = read_fields(r, root);
  l.note = read_note(r, root);
  check_geometry(r, l);
  return l;
}

}  // namespace rs::issuing
