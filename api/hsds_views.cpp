#include "api/hsds_views.h"

#include <openssl/evp.h>

#include <algorithm>
#include <array>
#include <set>

#include "api/hours_views.h"
#include "api/html.h"
#include "kb/enums.h"
#include "kb/ids.h"
#include "kb/office_contact.h"
#include "kb/wording_hu.h"

namespace ugk::api::hsds {
namespace {

using nlohmann::json;

constexpr std::array<unsigned char, 16> kNamespace{0xbc, 0x34, 0x1d, 0x20, 0x04, 0x26, 0x54, 0xa8,
                                                   0x8e, 0x24, 0xd2, 0x94, 0x28, 0x01, 0xf0, 0x21};
constexpr std::array<const char*, 7> kByDay{"MO", "TU", "WE", "TH", "FR", "SA", "SU"};
constexpr int kPatternDays = 56;  // the weekly pattern is read from the regular days of eight weeks

constexpr std::string_view kProcedurePages = "/ugyek/";
constexpr std::string_view kOfficePages = "/hivatalok/";

std::string category_code(std::string_view category) {
  return "category:" + std::string(category);
}
std::string authority_code(kb::Authority authority) {
  return "authority:" + std::string(kb::to_string(authority));
}

bool is_web_url(const std::string& text) {
  return text.starts_with("https://") || text.starts_with("http://");
}

std::string format_huf(std::int64_t amount) {
  std::string digits = std::to_string(amount);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ' ';
    out += digits[i];
  }
  return out + " Ft";
}

std::string fee_text(const kb::Fee& fee) {
  std::string text = fee.label + ": ";
  if (!fee.amount_huf) {
    text += "összege nem ismert";
  } else if (*fee.amount_huf == 0) {
    text += "ingyenes";
  } else {
    text += format_huf(*fee.amount_huf);
  }
  if (fee.note) text += " (" + *fee.note + ")";
  return text;
}

std::string application_process(const kb::Procedure& p) {
  std::vector<std::string> ways;
  if (p.channels.in_person) ways.emplace_back("személyesen");
  if (p.channels.online.available) {
    ways.push_back("online" + (p.channels.online.where ? " (" + *p.channels.online.where + ")" : std::string()));
  }
  if (p.channels.post) ways.emplace_back("postán");
  if (p.channels.phone) ways.emplace_back("telefonon");
  if (p.channels.assistant) ways.emplace_back("ügysegédnél is");
  std::string text;
  if (!ways.empty()) {
    text = "Intézhető: ";
    for (std::size_t i = 0; i < ways.size(); ++i) text += (i ? ", " : "") + ways[i];
    text += ".";
  }
  const auto sentence = [&text](const std::string& s) { text += (text.empty() ? "" : " ") + s; };
  if (p.competence.note) sentence("Illetékesség: " + *p.competence.note);
  if (p.deadline) sentence("Határidő: " + *p.deadline);
  if (p.processing_time) sentence("Ügyintézési idő: " + *p.processing_time);
  return text;
}

// "1013 Budapest, Attila út 12." -> "Attila út 12." (the street part of an address written in full).
std::string street_part(const std::string& address) {
  const std::size_t comma = address.find(", ");
  return comma == std::string::npos ? address : address.substr(comma + 2);
}

json page_url(const Context& context, std::string_view prefix, std::string_view id) {
  return context.base + html::page_href(prefix, id);
}

json languages_json(const std::string& owner_field, const std::string& owner_id) {
  return json::array({{{"id", uuid_for(owner_field + ":" + owner_id + ":language:hu")},
                       {owner_field, owner_id},
                       {"name", "magyar"},
                       {"code", "hu"}}});
}

json phones_json(const std::optional<std::string>& phone, const std::string& owner_field, const std::string& owner_id) {
  json out = json::array();
  if (phone) {
    out.push_back({{"id", uuid_for(owner_field + ":" + owner_id + ":phone")},
                   {owner_field, owner_id},
                   {"number", *phone},
                   {"type", "voice"}});
  }
  return out;
}

json attributes_json(const Index& index, const kb::Procedure& p, const std::string& service) {
  json out = json::array();
  for (const TaxonomyTerm* term : index.terms_of(p)) {
    out.push_back({{"id", uuid_for("attribute:" + service + ":" + term->id)},
                   {"link_id", service},
                   {"link_type", "service"},
                   {"link_entity", "service"},
                   {"taxonomy_term_id", term->id},
                   {"taxonomy_term", taxonomy_term_json(index, *term)}});
  }
  return out;
}

json service_areas_json(const Context& context, const kb::Procedure& p, const std::string& service) {
  json out = json::array();
  const kb::Office* owner = p.office_id ? context.index.catalog().office(*p.office_id) : nullptr;
  if (owner == nullptr) {
    out.push_back({{"id", uuid_for("service_area:" + service + ":HU")},
                   {"service_id", service},
                   {"name", "Magyarország"},
                   {"description", std::string(kb::territory_hint_text(p.competence.territory))}});
    return out;
  }
  for (const kb::Settlement* s : context.index.catalog().settlements_served_by(*owner)) {
    out.push_back({{"id", uuid_for("service_area:" + service + ":" + s->ksh_code)},
                   {"service_id", service},
                   {"name", kb::settlement_label(*s)},
                   {"uri", context.base + html::page_href("/telepulesek/", s->ksh_code)},
                   {"ksh_code", s->ksh_code}});
  }
  return out;
}

json required_documents_json(const Context& context, const kb::Procedure& p, const std::string& service) {
  json out = json::array();
  for (std::size_t i = 0; i < p.documents.size(); ++i) {
    out.push_back({{"id", uuid_for("required_document:" + service + ":" + std::to_string(i))},
                   {"service_id", service},
                   {"document", p.documents[i]}});
  }
  for (const kb::Form* f : context.index.catalog().forms_of(p)) {
    json doc{{"id", uuid_for("required_document:" + service + ":form:" + f->id)},
             {"service_id", service},
             {"document", "Nyomtatvány: " + f->title}};
    if (f->url && is_web_url(*f->url)) doc["uri"] = *f->url;
    out.push_back(std::move(doc));
  }
  return out;
}

json cost_options_json(const kb::Procedure& p, const std::string& service) {
  json out = json::array();
  for (std::size_t i = 0; i < p.fees.size(); ++i) {
    const kb::Fee& fee = p.fees[i];
    json option{{"id", uuid_for("cost_option:" + service + ":" + std::to_string(i))},
                {"service_id", service},
                {"option", fee.label},
                {"currency", "HUF"}};
    if (fee.amount_huf) option["amount"] = *fee.amount_huf;
    std::string detail = fee.note.value_or("");
    if (fee.decree) detail += (detail.empty() ? "" : " ") + ("Megállapítja: " + *fee.decree);
    if (!fee.amount_huf) detail += (detail.empty() ? "" : " ") + std::string("Az összeg nem ismert.");
    if (!detail.empty()) option["amount_description"] = detail;
    out.push_back(std::move(option));
  }
  return out;
}

}  // namespace

std::string uuid_for(std::string_view name) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  EVP_MD_CTX* ctx = EVP_MD_CTX_new();
  EVP_DigestInit_ex(ctx, EVP_sha1(), nullptr);
  EVP_DigestUpdate(ctx, kNamespace.data(), kNamespace.size());
  EVP_DigestUpdate(ctx, name.data(), name.size());
  EVP_DigestFinal_ex(ctx, digest.data(), &length);
  EVP_MD_CTX_free(ctx);
  digest[6] = static_cast<unsigned char>((digest[6] & 0x0f) | 0x50);  // version 5
  digest[8] = static_cast<unsigned char>((digest[8] & 0x3f) | 0x80);  // RFC 4122 variant
  constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[digest[i] >> 4];
    out += kHex[digest[i] & 0x0f];
  }
  return out;
}

bool is_uuid(std::string_view text) {
  if (text.size() != 36) return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (i == 8 || i == 13 || i == 18 || i == 23) {
      if (c != '-') return false;
    } else if (!std::isxdigit(static_cast<unsigned char>(c))) {
      return false;
    }
  }
  return true;
}

std::string service_id(const kb::Procedure& procedure) {
  return uuid_for("service:" + procedure.id);
}
std::string organization_id(const kb::Office& office) {
  return uuid_for("organization:" + office.id);
}
std::string location_id(const kb::Office& office) {
  return uuid_for("location:" + office.id);
}

std::vector<const kb::Office*> offices_offering(const kb::Catalog& catalog, const kb::Procedure& procedure) {
  if (procedure.office_id) {
    const kb::Office* owner = catalog.office(*procedure.office_id);
    return owner ? std::vector<const kb::Office*>{owner} : std::vector<const kb::Office*>{};
  }
  std::set<kb::OfficeKind> kinds;
  switch (procedure.competence.authority) {
    case kb::Authority::kNotary:
    case kb::Authority::kRegistrar:
    case kb::Authority::kMayor:
      kinds = {kb::OfficeKind::kMayorsOffice, kb::OfficeKind::kJointOffice, kb::OfficeKind::kBranch};
      break;
    case kb::Authority::kDistrictOffice:
      kinds = {kb::OfficeKind::kDistrictOffice};
      break;
    case kb::Authority::kGovernmentWindow:
      kinds = {kb::OfficeKind::kGovernmentWindow, kb::OfficeKind::kDistrictOffice};
      break;
    case kb::Authority::kCentral:
      break;
  }
  std::vector<const kb::Office*> out;
  for (const kb::Office& o : catalog.offices()) {
    if (kinds.contains(o.kind)) out.push_back(&o);
  }
  return out;
}

std::int64_t service_version(const kb::Catalog& catalog, const kb::Procedure& procedure) {
  return catalog.record_version(procedure.office_id ? kb::RecordKind::kLocalProcedure : kb::RecordKind::kProcedure,
                                procedure.id);
}

Index::Index(std::shared_ptr<const kb::Catalog> catalog) : catalog_(std::move(catalog)) {
  for (const kb::Procedure& p : catalog_->procedures()) services_.push_back(&p);
  for (const kb::Procedure& p : catalog_->local_procedures()) services_.push_back(&p);
  for (const kb::Office& o : catalog_->offices()) organization_by_id_.emplace(organization_id(o), &o);

  taxonomies_.push_back({uuid_for("taxonomy:category"), "Ügykalauz ügykategóriák",
                         "Az ügyleírások témakörei (okmányok, anyakönyv, adó …) az Ügykalauz tudásbázisából."});
  taxonomies_.push_back({uuid_for("taxonomy:authority"), "Hatáskör",
                         "Ki jár el az ügyben: jegyző, anyakönyvvezető, polgármester, járási hivatal, kormányablak "
                         "vagy központi szerv."});
  std::set<std::string> categories;
  for (const kb::Procedure* p : services_) categories.insert(p->category);
  for (const std::string& c : categories) {
    terms_.push_back({uuid_for("taxonomy_term:" + category_code(c)), taxonomies_[0].id, c, c, "Ügykategória: " + c});
  }
  for (const kb::Authority a : kb::all_authorities()) {
    terms_.push_back({uuid_for("taxonomy_term:" + authority_code(a)), taxonomies_[1].id, std::string(kb::to_string(a)),
                      std::string(kb::authority_name(a)), "Hatáskör: " + std::string(kb::authority_name(a))});
  }
  for (std::size_t i = 0; i < taxonomies_.size(); ++i) taxonomy_by_id_.emplace(taxonomies_[i].id, i);
  for (std::size_t i = 0; i < terms_.size(); ++i) {
    term_by_id_.emplace(terms_[i].id, i);
    term_by_code_.emplace((terms_[i].taxonomy_id == taxonomies_[0].id ? "category:" : "authority:") + terms_[i].code,
                          i);
  }

  for (const kb::Procedure* p : services_) {
    const std::string sid = service_id(*p);
    service_by_id_.emplace(sid, p);
    for (const kb::Office* o : offices_offering(*catalog_, *p)) {
      const std::size_t at = offers_.size();
      offers_.push_back({uuid_for("service_at_location:" + p->id + "@" + o->id), p, o});
      offer_by_id_.emplace(offers_.back().id, at);
      offers_by_service_[p->id].push_back(at);
      offers_by_office_[o->id].push_back(at);
    }
  }
}

std::vector<const Index::Offer*> Index::offers_of_service(const kb::Procedure& procedure) const {
  std::vector<const Offer*> out;
  if (auto it = offers_by_service_.find(procedure.id); it != offers_by_service_.end()) {
    for (std::size_t i : it->second) out.push_back(&offers_[i]);
  }
  return out;
}

std::vector<const Index::Offer*> Index::offers_at(const kb::Office& office) const {
  std::vector<const Offer*> out;
  if (auto it = offers_by_office_.find(office.id); it != offers_by_office_.end()) {
    for (std::size_t i : it->second) out.push_back(&offers_[i]);
  }
  return out;
}

std::vector<const TaxonomyTerm*> Index::terms_of(const kb::Procedure& procedure) const {
  std::vector<const TaxonomyTerm*> out;
  for (const std::string& code : {category_code(procedure.category), authority_code(procedure.competence.authority)}) {
    if (auto it = term_by_code_.find(code); it != term_by_code_.end()) out.push_back(&terms_[it->second]);
  }
  return out;
}

const kb::Procedure* Index::service(std::string_view id) const {
  auto it = service_by_id_.find(std::string(id));
  return it == service_by_id_.end() ? nullptr : it->second;
}
const kb::Office* Index::organization(std::string_view id) const {
  auto it = organization_by_id_.find(std::string(id));
  return it == organization_by_id_.end() ? nullptr : it->second;
}
const Index::Offer* Index::offer(std::string_view id) const {
  auto it = offer_by_id_.find(std::string(id));
  return it == offer_by_id_.end() ? nullptr : &offers_[it->second];
}
const Taxonomy* Index::taxonomy(std::string_view id) const {
  auto it = taxonomy_by_id_.find(std::string(id));
  return it == taxonomy_by_id_.end() ? nullptr : &taxonomies_[it->second];
}
const TaxonomyTerm* Index::term(std::string_view id) const {
  auto it = term_by_id_.find(std::string(id));
  return it == term_by_id_.end() ? nullptr : &terms_[it->second];
}

json taxonomy_json(const Taxonomy& taxonomy) {
  return {{"id", taxonomy.id}, {"name", taxonomy.name}, {"description", taxonomy.description}, {"version", "1"}};
}

json taxonomy_term_json(const Index& index, const TaxonomyTerm& term) {
  json out{{"id", term.id},
           {"code", term.code},
           {"name", term.name},
           {"description", term.description},
           {"taxonomy_id", term.taxonomy_id},
           {"language", "hu"}};
  if (const Taxonomy* t = index.taxonomy(term.taxonomy_id)) {
    out["taxonomy"] = t->name;
    out["taxonomy_detail"] = taxonomy_json(*t);
  }
  return out;
}

json schedules_json(const Context& context, const kb::Office& office, const std::string& location) {
  json out = json::array();
  const auto office_hours = hours::OfficeHours::of(office, context.calendar);
  if (!office_hours.known()) return out;
  // The regular day of each weekday in the coming weeks (holidays and closures are special days, in
  // the office's iCalendar feed), then one row per distinct interval.
  std::array<std::optional<std::vector<hours::Interval>>, 7> week;
  const date::sys_days first{context.today};
  for (auto d = first; d < first + date::days{kPatternDays}; d += date::days{1}) {
    const hours::OfficeDay day = office_hours.day(hours::Date{d});
    const int weekday = hours::weekday_index(day.date);
    if (day.reason == hours::DayReason::kRegular && !week[weekday]) week[weekday] = day.intervals;
  }
  std::map<std::pair<int, int>, std::vector<int>> days_of;
  std::map<std::pair<int, int>, std::optional<std::string>> comment_of;
  for (int wd = 0; wd < 7; ++wd) {
    if (!week[wd]) continue;
    for (const hours::Interval& i : *week[wd]) {
      days_of[{i.start, i.end}].push_back(wd);
      if (i.comment) comment_of[{i.start, i.end}] = i.comment;
    }
  }
  const json text = hours_text_json(office.opening_hours);
  const std::string link = context.base + html::page_href("/v1/offices/", office.id) + "/calendar.ics";
  for (const auto& [span, days] : days_of) {
    std::string byday;
    for (int wd : days) byday += (byday.empty() ? "" : ",") + std::string(kByDay[wd]);
    const std::string opens = hours::format_minutes(span.first);
    const std::string closes = hours::format_minutes(span.second);
    json row{{"id", uuid_for("schedule:" + office.id + ":" + byday + ":" + opens + "-" + closes)},
             {"location_id", location},
             {"valid_from", hours::iso_date(context.today)},
             {"freq", "WEEKLY"},
             {"wkst", "MO"},
             {"byday", byday},
             {"opens_at", opens},
             {"closes_at", closes},
             {"schedule_link", link},
             {"attending_type", "személyesen"}};
    if (text.is_string()) row["description"] = "Ügyfélfogadás: " + text.get<std::string>() + " (Europe/Budapest)";
    std::string notes = comment_of[span].value_or("");
    if (office.opening_hours_note) notes += (notes.empty() ? "" : " ") + *office.opening_hours_note;
    notes += (notes.empty() ? "" : " ") +
             std::string("Munkaszüneti és eltérő nyitvatartású napok: schedule_link (iCalendar).");
    row["notes"] = notes;
    out.push_back(std::move(row));
  }
  return out;
}

json location_json(const Context& context, const kb::Office& office) {
  const std::string id = location_id(office);
  const kb::Catalog& catalog = context.index.catalog();
  json out{{"id", id},
           {"location_type", "physical"},
           {"organization_id", organization_id(office)},
           {"name", office.name},
           {"description", std::string(kb::office_kind_text(office.kind))}};
  const kb::Settlement* s = office.settlement_ksh ? catalog.settlement(*office.settlement_ksh) : nullptr;
  if (s != nullptr) {
    out["ksh_code"] = s->ksh_code;
    if (s->lat && s->lon) {
      out["latitude"] = *s->lat;  // the settlement's coordinates (GeoNames), not the building's
      out["longitude"] = *s->lon;
    }
  }
  json addresses = json::array();
  const kb::OfficeLocation where = kb::office_location(office);
  if (where.address != nullptr && where.postal_code != nullptr && s != nullptr) {
    json address{{"id", uuid_for("address:" + office.id)},
                 {"location_id", id},
                 {"address_1", street_part(*where.address)},
                 {"city", s->name},
                 {"state_province", s->county.empty() ? std::string("Budapest") : s->county},
                 {"postal_code", *where.postal_code},
                 {"country", "HU"},
                 {"address_type", "physical"}};
    if (where.registered != nullptr) address["address_2"] = kb::address_note(*where.registered);
    addresses.push_back(std::move(address));
  }
  out["addresses"] = addresses;
  out["phones"] = phones_json(office.phone, "location_id", id);
  out["languages"] = languages_json("location_id", id);
  out["schedules"] = schedules_json(context, office, id);
  return out;
}

json organization_json(const Context& context, const kb::Office& office, bool full) {
  const kb::Catalog& catalog = context.index.catalog();
  const std::string id = organization_id(office);
  std::string description = std::string(kb::office_kind_text(office.kind));
  if (office.services_note) description += ". " + *office.services_note;
  json out{{"id", id},
           {"name", office.name},
           {"description", description},
           {"uri", page_url(context, kOfficePages, office.id)}};
  if (office.email && office.email->find('@') != std::string::npos) out["email"] = *office.email;
  if (office.website && is_web_url(*office.website)) out["website"] = *office.website;
  // A branch belongs to its joint office; a government window is a department of its district office.
  const kb::Office* parent = nullptr;
  if (office.kind == kb::OfficeKind::kBranch && office.settlement_ksh) {
    if (const kb::Settlement* s = catalog.settlement(*office.settlement_ksh)) {
      parent = catalog.office(kb::joint_office_id(s->office_seat_ksh));
    }
  } else if (office.kind == kb::OfficeKind::kGovernmentWindow && office.district_code) {
    parent = catalog.office(kb::district_office_id(*office.district_code));
  }
  if (parent != nullptr) out["parent_organization_id"] = organization_id(*parent);
  if (!full) return out;
  out["phones"] = phones_json(office.phone, "organization_id", id);
  out["locations"] = json::array({location_json(context, office)});
  json services = json::array();
  for (const Index::Offer* offer : context.index.offers_at(office)) {
    services.push_back(service_json(context, *offer->procedure, false));
  }
  out["services"] = services;
  return out;
}

json service_at_location_json(const Context& context, const Index::Offer& offer) {
  const std::string sid = service_id(*offer.procedure);
  return {{"id", offer.id},
          {"service_id", sid},
          {"location_id", location_id(*offer.office)},
          {"description", offer.procedure->title + " – " + offer.office->name + ": " +
                              std::string(kb::authority_phrase(offer.procedure->competence.authority)) + "."},
          {"location", location_json(context, *offer.office)}};
}

json service_json(const Context& context, const kb::Procedure& p, bool full) {
  const kb::Catalog& catalog = context.index.catalog();
  const std::string id = service_id(p);
  std::string description = p.summary;
  if (!p.description.empty()) description += (description.empty() ? "" : "\n\n") + p.description;
  json out{{"id", id},
           {"name", p.title},
           {"description", description},
           {"url", page_url(context, kProcedurePages, p.id)},
           {"status", "active"}};
  if (!p.title_en.empty()) out["alternate_name"] = p.title_en;
  if (const std::string process = application_process(p); !process.empty()) out["application_process"] = process;
  if (!p.fees.empty()) {
    std::string fees;
    for (const kb::Fee& fee : p.fees) fees += (fees.empty() ? "" : "; ") + fee_text(fee);
    out["fees_description"] = fees;
  }
  if (p.as_of) out["assured_date"] = *p.as_of;
  if (auto it = context.change_times.find(service_version(catalog, p)); it != context.change_times.end()) {
    out["last_modified"] = it->second;
  }
  const kb::Office* owner = p.office_id ? catalog.office(*p.office_id) : nullptr;
  if (owner != nullptr) {
    out["organization_id"] = organization_id(*owner);
    out["organization"] = organization_json(context, *owner, false);
  }
  if (!full) return out;
  out["languages"] = languages_json("service_id", id);
  out["attributes"] = attributes_json(context.index, p, id);
  out["service_areas"] = service_areas_json(context, p, id);
  out["required_documents"] = required_documents_json(context, p, id);
  out["cost_options"] = cost_options_json(p, id);
  json at_locations = json::array();
  for (const Index::Offer* offer : context.index.offers_of_service(p)) {
    at_locations.push_back(service_at_location_json(context, *offer));
  }
  out["service_at_locations"] = at_locations;
  return out;
}

}  // namespace ugk::api::hsds
