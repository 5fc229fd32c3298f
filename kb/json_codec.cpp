#include "kb/json_codec.h"

#include <initializer_list>
#include <set>
#include <string_view>
#include <type_traits>

#include "kb/enums.h"

namespace ugk::kb {
namespace {

using nlohmann::json;

using Errors = std::vector<FieldError>;

const json& null_json() {
  static const json kNull;
  return kNull;
}

// Reads one object field by field, so that every failure names its field. Failures are collected in
// `errors` (shared by nested readers) rather than thrown, so one pass reports every invalid field;
// `finish()` adds fields the model does not know (a typo must not be dropped silently).
class ObjectReader {
 public:
  ObjectReader(const json& j, std::string path, Errors& errors) : j_(j), path_(std::move(path)), errors_(errors) {
    if (!j_.is_object()) {
      // A missing nested object was already reported by its parent as a missing field.
      if (&j_ != &null_json()) fail_at(path_.empty() ? "$" : path_, "objektum szükséges (expected an object)");
      valid_ = false;
    }
  }

  template <typename T>
  void required(const char* key, T& out) {
    if (!valid_) return;
    auto it = j_.find(key);
    seen_.insert(key);
    if (it == j_.end()) return fail(key, "hiányzó mező (missing field)");
    convert(key, *it, out);
  }

  // Optional fields may be absent or null.
  template <typename T>
  void optional(const char* key, T& out) {
    if (!valid_) return;
    auto it = j_.find(key);
    seen_.insert(key);
    if (it == j_.end() || it->is_null()) return;
    convert(key, *it, out);
  }

  template <typename E>
  void required_enum(const char* key, E& out, std::optional<E> (*parse)(std::string_view)) {
    if (!valid_) return;
    auto it = j_.find(key);
    seen_.insert(key);
    if (it == j_.end()) return fail(key, "hiányzó mező (missing field)");
    if (!it->is_string()) return fail(key, std::string("hibás típus (wrong type): ") + it->type_name());
    auto value = parse(it->get<std::string>());
    if (!value) return fail(key, "ismeretlen érték (unknown value): " + it->get<std::string>());
    out = *value;
  }

  // The field's value, or null when absent.
  const json& raw_or_null(const char* key) {
    if (!valid_) return null_json();
    seen_.insert(key);
    auto it = j_.find(key);
    return it == j_.end() ? null_json() : *it;
  }

  // A required array field; null (after recording the error) when absent or not an array.
  const json& array(const char* key) {
    const json& value = raw_or_null(key);
    if (!valid_) return null_json();
    if (value.is_null() && !j_.contains(key)) {
      fail(key, "hiányzó mező (missing field)");
      return null_json();
    }
    if (!value.is_array()) {
      fail(key, "tömb szükséges (expected an array)");
      return null_json();
    }
    return value;
  }

  // A required object field, read by a nested reader.
  const json& object(const char* key) {
    if (!valid_) return null_json();
    seen_.insert(key);
    auto it = j_.find(key);
    if (it == j_.end()) {
      fail(key, "hiányzó mező (missing field)");
      return null_json();
    }
    return *it;
  }

  bool valid() const { return valid_; }
  Errors& errors() { return errors_; }

  std::string field(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
  }

  void fail(std::string_view key, const std::string& message) { fail_at(field(key), message); }

  void finish() {
    if (!valid_) return;
    for (const auto& [key, _] : j_.items()) {
      if (!seen_.contains(key)) fail(key, "ismeretlen mező (unknown field)");
    }
  }

 private:
  void fail_at(const std::string& path, const std::string& message) { errors_.emplace_back(path, message); }

  template <typename T>
  void convert(const char* key, const json& value, T& out) {
    try {
      check_and_convert(key, value, out);
    } catch (const FieldError& e) {
      errors_.push_back(e);
    }
  }

  template <typename T>
  void check_and_convert(const char* key, const json& value, T& out) {
    // nlohmann converts 1.5 or true to an integer silently; a fee of "1.5" forints is a data error.
    if constexpr (std::is_same_v<T, bool>) {
      if (!value.is_boolean()) throw FieldError(field(key), std::string("hibás típus (wrong type): ") + value.type_name());
    } else if constexpr (std::is_integral_v<T> || std::is_same_v<T, std::optional<std::int64_t>>) {
      if (!value.is_number_integer()) {
        throw FieldError(field(key), std::string("egész szám szükséges (expected an integer): ") + value.dump());
      }
    }
    try {
      out = value.get<T>();
    } catch (const json::exception&) {
      throw FieldError(field(key), std::string("hibás típus (wrong type): ") + value.type_name());
    }
  }

  const json& j_;
  std::string path_;
  Errors& errors_;
  bool valid_ = true;
  std::set<std::string, std::less<>> seen_;
};

void raise_if_any(Errors& errors) {
  if (!errors.empty()) throw FieldErrors(std::move(errors));
}

std::string indexed(std::string_view path, std::size_t i) {
  return std::string(path) + "[" + std::to_string(i) + "]";
}

Fee read_fee(const json& j, const std::string& path, Errors& errors) {
  ObjectReader f(j, path, errors);
  Fee fee;
  f.required("label", fee.label);
  f.optional("amount_huf", fee.amount_huf);
  if (fee.amount_huf && *fee.amount_huf < 0) f.fail("amount_huf", "negatív összeg (negative amount)");
  f.optional("note", fee.note);
  f.finish();
  return fee;
}

}  // namespace

// --- District -------------------------------------------------------------------------------------

void to_json(json& j, const District& v) {
  j = json{{"code", v.code},     {"name", v.name},
           {"seat", v.seat},     {"county", v.county},
           {"settlements", v.settlement_count}, {"population", v.population}};
}

void from_json(const json& j, District& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("code", v.code);
  r.required("name", v.name);
  r.required("seat", v.seat);
  r.required("county", v.county);
  r.required("settlements", v.settlement_count);
  r.required("population", v.population);
  r.finish();
  raise_if_any(errors);
}

// --- Settlement -----------------------------------------------------------------------------------

void to_json(json& j, const Settlement& v) {
  j = json{{"ksh_code", v.ksh_code},
           {"name", v.name},
           {"legal_status", v.legal_status},
           {"county", v.county},
           {"district_code", v.district_code},
           {"is_district_seat", v.is_district_seat},
           {"office_code", static_cast<int>(v.office_code)},
           {"office_seat_ksh", v.office_seat_ksh},
           {"area_ha", v.area_ha},
           {"population", v.population},
           {"dwellings", v.dwellings},
           {"nationality_self_governments", v.nationality_self_governments},
           {"postal_codes", v.postal_codes},
           {"postal_codes_hnt", v.postal_codes_hnt},
           {"settlement_parts", v.settlement_parts},
           {"lat", v.lat},
           {"lon", v.lon}};
}

void from_json(const json& j, Settlement& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("ksh_code", v.ksh_code);
  r.required("name", v.name);
  r.required("legal_status", v.legal_status);
  r.required("county", v.county);
  r.required("district_code", v.district_code);
  r.required("is_district_seat", v.is_district_seat);
  int code = 0;
  r.required("office_code", code);
  if (code != 1 && code != 2 && code != 5) {
    r.fail("office_code", "ismeretlen hivatali kód (unknown office code): " + std::to_string(code));
  }
  v.office_code = static_cast<MunicipalOfficeCode>(code);
  r.required("office_seat_ksh", v.office_seat_ksh);
  r.required("area_ha", v.area_ha);
  r.required("population", v.population);
  r.required("dwellings", v.dwellings);
  r.required("nationality_self_governments", v.nationality_self_governments);
  r.required("postal_codes", v.postal_codes);
  r.required("postal_codes_hnt", v.postal_codes_hnt);
  r.required("settlement_parts", v.settlement_parts);
  r.optional("lat", v.lat);
  r.optional("lon", v.lon);
  r.finish();
  raise_if_any(errors);
}

// --- Office ---------------------------------------------------------------------------------------

void to_json(json& j, const Office& v) {
  j = json{{"id", v.id},
           {"kind", to_string(v.kind)},
           {"name", v.name},
           {"district_code", v.district_code},
           {"settlement_ksh", v.settlement_ksh},
           {"postal_code", v.postal_code},
           {"address", v.address},
           {"phone", v.phone},
           {"email", v.email},
           {"website", v.website},
           {"opening_hours", v.opening_hours},
           {"opening_hours_note", v.opening_hours_note},
           {"services_note", v.services_note},
           {"provenance", v.provenance}};
  if (v.worked_saturday_rule) j["worked_saturday_rule"] = to_string(*v.worked_saturday_rule);
  if (v.derived) j["derived"] = true;
}

void from_json(const json& j, Office& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("id", v.id);
  r.required_enum("kind", v.kind, parse_office_kind);
  r.required("name", v.name);
  r.required("district_code", v.district_code);
  r.required("settlement_ksh", v.settlement_ksh);
  r.optional("postal_code", v.postal_code);
  r.optional("address", v.address);
  r.optional("phone", v.phone);
  r.optional("email", v.email);
  r.optional("website", v.website);
  r.optional("opening_hours", v.opening_hours);
  r.optional("opening_hours_note", v.opening_hours_note);
  r.optional("services_note", v.services_note);
  r.optional("provenance", v.provenance);
  if (const json& rule = r.raw_or_null("worked_saturday_rule"); !rule.is_null()) {
    WorkedSaturdayRule parsed{};
    r.required_enum("worked_saturday_rule", parsed, parse_worked_saturday_rule);
    if (rule.is_string() && parse_worked_saturday_rule(rule.get<std::string>())) v.worked_saturday_rule = parsed;
  }
  r.optional("derived", v.derived);
  r.finish();
  raise_if_any(errors);
}

// --- Procedure ------------------------------------------------------------------------------------

void to_json(json& j, const Fee& v) {
  j = json{{"label", v.label}, {"amount_huf", v.amount_huf}, {"note", v.note}};
}

void to_json(json& j, const Procedure& v) {
  j = json{{"id", v.id},
           {"code", v.code},
           {"title", v.title},
           {"title_en", v.title_en},
           {"category", v.category},
           {"summary", v.summary},
           {"description", v.description},
           {"keywords", v.keywords},
           {"competence",
            {{"authority", to_string(v.competence.authority)},
             {"territory", to_string(v.competence.territory)},
             {"note", v.competence.note}}},
           {"channels",
            {{"in_person", v.channels.in_person},
             {"online", {{"available", v.channels.online.available}, {"where", v.channels.online.where}}},
             {"post", v.channels.post},
             {"phone", v.channels.phone},
             {"assistant", v.channels.assistant}}},
           {"documents", v.documents},
           {"forms", v.forms},
           {"fees", v.fees},
           {"deadline", v.deadline},
           {"processing_time", v.processing_time},
           {"legal_basis", v.legal_basis},
           {"sources", v.sources},
           {"as_of", v.as_of},
           {"as_of_basis", v.as_of_basis},
           {"certainty", v.certainty},
           {"certainty_note", v.certainty_note}};
}

void from_json(const json& j, Procedure& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("id", v.id);
  r.optional("code", v.code);
  r.required("title", v.title);
  r.required("title_en", v.title_en);
  r.required("category", v.category);
  r.required("summary", v.summary);
  r.required("description", v.description);
  r.required("keywords", v.keywords);
  {
    ObjectReader c(r.object("competence"), "competence", errors);
    c.required_enum("authority", v.competence.authority, parse_authority);
    c.required_enum("territory", v.competence.territory, parse_territory);
    c.optional("note", v.competence.note);
    c.finish();
  }
  {
    ObjectReader c(r.object("channels"), "channels", errors);
    c.required("in_person", v.channels.in_person);
    c.required("post", v.channels.post);
    c.required("phone", v.channels.phone);
    c.required("assistant", v.channels.assistant);
    ObjectReader o(c.object("online"), "channels.online", errors);
    o.required("available", v.channels.online.available);
    o.optional("where", v.channels.online.where);
    o.finish();
    c.finish();
  }
  r.required("documents", v.documents);
  r.required("forms", v.forms);
  const json& fees = r.array("fees");
  v.fees.clear();
  for (std::size_t i = 0; i < fees.size(); ++i) v.fees.push_back(read_fee(fees[i], indexed("fees", i), errors));
  r.optional("deadline", v.deadline);
  r.optional("processing_time", v.processing_time);
  r.required("legal_basis", v.legal_basis);
  r.required("sources", v.sources);
  r.optional("as_of", v.as_of);
  r.optional("as_of_basis", v.as_of_basis);
  r.required("certainty", v.certainty);
  r.optional("certainty_note", v.certainty_note);
  r.finish();
  raise_if_any(errors);
}

// --- Form -----------------------------------------------------------------------------------------

void to_json(json& j, const Form& v) {
  j = json{{"id", v.id},         {"title", v.title}, {"code", v.code},
           {"issuer", v.issuer}, {"format", v.format}, {"url", v.url},
           {"procedures", v.procedures}, {"note", v.note}};
}

void from_json(const json& j, Form& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("id", v.id);
  r.required("title", v.title);
  r.optional("code", v.code);
  r.required("issuer", v.issuer);
  r.required("format", v.format);
  r.optional("url", v.url);
  r.required("procedures", v.procedures);
  r.optional("note", v.note);
  r.finish();
  raise_if_any(errors);
}

// --- Visit ----------------------------------------------------------------------------------------

void to_json(json& j, const Visit& v) {
  j = json{{"id", v.id},         {"office_id", v.office_id}, {"settlement_ksh", v.settlement_ksh},
           {"place", v.place},   {"schedule", v.schedule},   {"note", v.note},
           {"provenance", v.provenance}};
}

void from_json(const json& j, Visit& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("id", v.id);
  r.required("office_id", v.office_id);
  r.required("settlement_ksh", v.settlement_ksh);
  r.optional("place", v.place);
  r.required("schedule", v.schedule);
  r.optional("note", v.note);
  r.optional("provenance", v.provenance);
  r.finish();
  raise_if_any(errors);
}

// --- Calendar -------------------------------------------------------------------------------------

void to_json(json& j, const CalendarDay& v) {
  j = json{{"date", v.date},       {"weekday", v.weekday}, {"type", to_string(v.type)},
           {"name_hu", v.name_hu}, {"name_en", v.name_en}, {"source_or_basis", v.source_or_basis},
           {"certainty", v.certainty}};
}

void from_json(const json& j, CalendarDay& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("date", v.date);
  r.required("weekday", v.weekday);
  r.required_enum("type", v.type, parse_day_type);
  r.required("name_hu", v.name_hu);
  r.required("name_en", v.name_en);
  r.required("source_or_basis", v.source_or_basis);
  r.required("certainty", v.certainty);
  r.finish();
  raise_if_any(errors);
}

void to_json(json& j, const Closure& v) {
  json exceptions = json::array();
  for (const auto& e : v.exceptions) {
    exceptions.push_back({{"dates", e.dates},
                          {"opening_hours", e.opening_hours},
                          {"offices_hu", e.offices_hu},
                          {"office_ids", e.office_ids},
                          {"services_hu", e.services_hu}});
  }
  j = json{{"id", v.id},
           {"name_hu", v.name_hu},
           {"from", v.from},
           {"to", v.to},
           {"reopens", v.reopens},
           {"applies_to", v.applies_to},
           {"exceptions", exceptions},
           {"exceptions_note", v.exceptions_note},
           {"source", v.source}};
}

void from_json(const json& j, Closure& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("id", v.id);
  r.required("name_hu", v.name_hu);
  r.required("from", v.from);
  r.required("to", v.to);
  r.optional("reopens", v.reopens);
  r.required("applies_to", v.applies_to);
  const json& exceptions = r.array("exceptions");
  v.exceptions.clear();
  for (std::size_t i = 0; i < exceptions.size(); ++i) {
    ObjectReader e(exceptions[i], indexed("exceptions", i), errors);
    ClosureException ex;
    e.required("dates", ex.dates);
    e.optional("opening_hours", ex.opening_hours);
    e.optional("offices_hu", ex.offices_hu);
    e.optional("office_ids", ex.office_ids);
    e.optional("services_hu", ex.services_hu);
    e.finish();
    v.exceptions.push_back(std::move(ex));
  }
  r.optional("exceptions_note", v.exceptions_note);
  r.optional("source", v.source);
  r.finish();
  raise_if_any(errors);
}

// --- Local supplement -----------------------------------------------------------------------------

void to_json(json& j, const LocalSupplement& v) {
  json forms = json::array();
  for (const auto& f : v.forms) forms.push_back({{"title", f.title}, {"url", f.url}, {"format", f.format}});
  j = json{{"id", v.id},       {"procedure_id", v.procedure_id}, {"office_id", v.office_id},
           {"note", v.note},   {"extra_documents", v.extra_documents}, {"fees", v.fees},
           {"forms", forms}};
}

void from_json(const json& j, LocalSupplement& v) {
  Errors errors;
  ObjectReader r(j, "", errors);
  r.required("id", v.id);
  r.required("procedure_id", v.procedure_id);
  r.required("office_id", v.office_id);
  r.optional("note", v.note);
  r.optional("extra_documents", v.extra_documents);
  v.fees.clear();
  if (const json& fees = r.raw_or_null("fees"); !fees.is_null()) {
    if (!fees.is_array()) r.fail("fees", "tömb szükséges (expected an array)");
    if (fees.is_array())
      for (std::size_t i = 0; i < fees.size(); ++i) v.fees.push_back(read_fee(fees[i], indexed("fees", i), errors));
  }
  v.forms.clear();
  if (const json& forms = r.raw_or_null("forms"); !forms.is_null()) {
    if (!forms.is_array()) r.fail("forms", "tömb szükséges (expected an array)");
    if (forms.is_array())
      for (std::size_t i = 0; i < forms.size(); ++i) {
      ObjectReader f(forms[i], indexed("forms", i), errors);
      LocalForm form;
      f.required("title", form.title);
      f.optional("url", form.url);
      f.required("format", form.format);
      f.finish();
      v.forms.push_back(std::move(form));
    }
  }
  r.finish();
  raise_if_any(errors);
}

}  // namespace ugk::kb
