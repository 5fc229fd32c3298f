// Server-rendered pages for people and search engines: a procedure (/ugyek/{id}), an office
// (/hivatalok/{id}) and a settlement (/telepulesek/{ksh}), readable without JavaScript, linked to each
// other, each with schema.org JSON-LD (GovernmentService, GovernmentOffice with
// openingHoursSpecification including the special days of the coming weeks, AdministrativeArea); and
// /sitemap.xml listing them all. Texts are escaped by api/html.h.
#include <array>
#include <chrono>

#include "api/endpoints.h"
#include "api/hours_views.h"
#include "api/html.h"
#include "api/params.h"
#include "api/problem.h"
#include "api/responses.h"
#include "api/views.h"
#include "hours/office_hours.h"
#include "kb/enums.h"
#include "kb/office_contact.h"
#include "kb/wording_hu.h"

namespace ugk::api {
namespace {

using html::escape;
using nlohmann::json;
constexpr int kComingDays = 56;  // the special days pages and JSON-LD show: the coming eight weeks
constexpr std::size_t kVisitOccurrencesShown = 5;
constexpr std::array<const char*, 7> kSchemaDays{"Monday", "Tuesday",  "Wednesday", "Thursday",
                                                 "Friday", "Saturday", "Sunday"};

constexpr std::string_view kProcedurePages = "/ugyek/";
constexpr std::string_view kOfficePages = "/hivatalok/";
constexpr std::string_view kSettlementPages = "/telepulesek/";

date::sys_days today() {
  return date::sys_days{
      hours::local_date(hours::budapest(), date::floor<std::chrono::seconds>(std::chrono::system_clock::now()))};
}

Response html_response(const html::Page& page) {
  Response response;
  response.content_type = "text/html";
  response.body = html::render(page);
  response.headers.emplace_back("Cache-Control", "public, max-age=300");
  return response;
}

std::string link(std::string_view prefix, std::string_view id, std::string_view text) {
  return "<a href=\"" + escape(html::page_href(prefix, id)) + "\">" + escape(text) + "</a>";
}

std::string paragraph(std::string_view text) {
  return "<p>" + escape(text) + "</p>\n";
}

std::string list(const std::vector<std::string>& items_html) {
  if (items_html.empty()) return {};
  std::string out = "<ul>\n";
  for (const std::string& item : items_html) out += "<li>" + item + "</li>\n";
  return out + "</ul>\n";
}

std::string section(std::string_view heading, const std::string& content) {
  if (content.empty()) return {};
  return "<section>\n<h2>" + escape(heading) + "</h2>\n" + content + "</section>\n";
}

std::string intervals_text(const std::vector<hours::Interval>& intervals) {
  std::string out;
  for (const hours::Interval& i : intervals) {
    if (!out.empty()) out += ", ";
    out += hours::format_minutes(i.start) + "–" + hours::format_minutes(i.end);
  }
  return out.empty() ? "zárva" : out;
}

// --- procedures ------------------------------------------------------------------------------

json government_service(const kb::Catalog& catalog, const kb::Procedure& p, const std::string& base) {
  json service{{"@context", "https://schema.org"},
               {"@type", "GovernmentService"},
               {"@id", base + html::page_href(kProcedurePages, p.id)},
               {"url", base + html::page_href(kProcedurePages, p.id)},
               {"identifier", p.id},
               {"name", p.title},
               {"description", p.summary},
               {"serviceType", p.category},
               {"inLanguage", "hu"}};
  if (!p.title_en.empty()) service["alternateName"] = p.title_en;
  const kb::Office* owner = p.office_id ? catalog.office(*p.office_id) : nullptr;
  if (owner != nullptr) {
    service["provider"] = {
        {"@type", "GovernmentOffice"}, {"@id", base + html::page_href(kOfficePages, owner->id)}, {"name", owner->name}};
    json areas = json::array();
    for (const kb::Settlement* s : catalog.settlements_served_by(*owner)) {
      areas.push_back({{"@type", "AdministrativeArea"},
                       {"name", kb::settlement_label(*s)},
                       {"@id", base + html::page_href(kSettlementPages, s->ksh_code)}});
    }
    service["areaServed"] = areas;
  } else {
    service["areaServed"] = {{"@type", "Country"}, {"name", "Magyarország"}};
  }
  json channels = json::array();
  if (p.channels.online.available) {
    json online{{"@type", "ServiceChannel"}, {"name", "Online ügyintézés"}};
    if (p.channels.online.where) online["serviceUrl"] = *p.channels.online.where;
    channels.push_back(online);
  }
  if (p.channels.in_person) channels.push_back({{"@type", "ServiceChannel"}, {"name", "Személyes ügyintézés"}});
  if (p.channels.post) channels.push_back({{"@type", "ServiceChannel"}, {"name", "Postai ügyintézés"}});
  if (!channels.empty()) service["availableChannel"] = channels;
  json offers = json::array();
  for (const kb::Fee& fee : p.fees) {
    json offer{{"@type", "Offer"}, {"name", fee.label}, {"priceCurrency", "HUF"}};
    if (fee.amount_huf) offer["price"] = *fee.amount_huf;
    if (fee.note) offer["description"] = *fee.note;
    offers.push_back(offer);
  }
  if (!offers.empty()) service["offers"] = offers;
  json related = json::array();
  for (const kb::RelatedProcedure& r : p.related) {
    if (const kb::Procedure* other = catalog.procedure(r.procedure_id)) {
      related.push_back({{"@type", "GovernmentService"},
                         {"name", other->title},
                         {"@id", base + html::page_href(kProcedurePages, other->id)}});
    }
  }
  if (!related.empty()) service["isRelatedTo"] = related;
  return service;
}

Response procedure_page(const kb::Catalog& catalog, const kb::Procedure& p, const std::string& base) {
  std::string body = paragraph(p.summary);
  std::string about;
  if (!p.description.empty()) about += paragraph(p.description);
  about += paragraph("Ki jár el: " + std::string(kb::authority_phrase(p.competence.authority)) + ".");
  if (p.competence.note) about += paragraph(*p.competence.note);
  body += section("Az ügyről", about);
  std::vector<std::string> documents;
  for (const std::string& d : p.documents) documents.push_back(escape(d));
  body += section("Szükséges iratok", list(documents));
  std::vector<std::string> fees;
  for (const kb::Fee& f : p.fees) {
    std::string text = f.label + ": " +
                       (f.amount_huf ? (*f.amount_huf == 0 ? "díjmentes" : std::to_string(*f.amount_huf) + " Ft")
                                     : "díjköteles (összege nem ismert)");
    if (f.note) text += " – " + *f.note;
    fees.push_back(escape(text));
  }
  body += section("Díjak", list(fees));
  std::string times;
  if (p.deadline) times += paragraph("Határidő: " + *p.deadline);
  if (p.processing_time) times += paragraph("Ügyintézési idő: " + *p.processing_time);
  body += section("Határidők", times);
  std::vector<std::string> forms;
  for (const kb::Form* f : catalog.forms_of(p)) {
    forms.push_back(f->url ? html::external_link(*f->url, f->title) : escape(f->title));
  }
  body += section("Nyomtatványok", list(forms));
  std::vector<std::string> channels;
  if (p.channels.online.available) {
    channels.push_back(p.channels.online.where ? html::external_link(*p.channels.online.where, "Online ügyintézés")
                                               : escape("Online ügyintézés"));
  }
  if (p.channels.in_person) channels.push_back("Személyesen");
  if (p.channels.post) channels.push_back("Postán");
  if (p.channels.assistant) channels.push_back("Ügysegédnél");
  body += section("Hol intézhető", list(channels));
  std::vector<std::string> related;
  for (const kb::RelatedProcedure& r : p.related) {
    if (const kb::Procedure* other = catalog.procedure(r.procedure_id)) {
      related.push_back(link(kProcedurePages, other->id, other->title) + (r.note ? " – " + escape(*r.note) : ""));
    }
  }
  body += section("Kapcsolódó ügyek", list(related));
  std::vector<std::string> offices;
  if (p.office_id) {
    if (const kb::Office* owner = catalog.office(*p.office_id)) {
      offices.push_back(link(kOfficePages, owner->id, owner->name) + " (helyi ügy)");
    }
  }
  for (const kb::LocalVariant* v : catalog.variants_of_procedure(p.id)) {
    if (const kb::Office* o = catalog.office(v->office_id)) {
      offices.push_back(link(kOfficePages, o->id, o->name) + " – saját, helyi ügyleírással");
    }
  }
  body += section("Hivatalok", list(offices));
  std::vector<std::string> basis;
  for (const std::string& b : p.legal_basis) basis.push_back(escape(b));
  body += section("Jogszabályi háttér", list(basis));
  if (p.as_of) body += paragraph("Az adatok állapota: " + *p.as_of);
  return html_response(
      {p.title, p.summary, base + html::page_href(kProcedurePages, p.id), government_service(catalog, p, base), body});
}

// --- offices ---------------------------------------------------------------------------------

json hours_specification(const hours::Interval& interval) {
  return {{"@type", "OpeningHoursSpecification"},
          {"opens", hours::format_minutes(interval.start)},
          {"closes", hours::format_minutes(interval.end)}};
}

// The weekly pattern (from the regular days of the coming weeks) and every special day as dated
// specifications; a closed special day opens and closes at 00:00, as schema.org asks.
json opening_hours_specification(const hours::OfficeHours& office_hours, date::sys_days first) {
  json out = json::array();
  std::array<bool, 7> seen{};
  for (auto d = first; d < first + date::days{kComingDays}; d += date::days{1}) {
    const hours::OfficeDay day = office_hours.day(hours::Date{d});
    const int weekday = hours::weekday_index(day.date);
    if (day.reason != hours::DayReason::kRegular || seen[weekday]) continue;
    seen[weekday] = true;
    for (const hours::Interval& i : day.intervals) {
      json spec = hours_specification(i);
      spec["dayOfWeek"] = std::string("https://schema.org/") + kSchemaDays[weekday];
      out.push_back(spec);
    }
  }
  for (const hours::OfficeDay& day :
       office_hours.special_days(hours::Date{first}, hours::Date{first + date::days{kComingDays - 1}})) {
    const std::string iso = hours::iso_date(day.date);
    const std::string why = day.note ? day.reason_hu + ": " + *day.note : day.reason_hu;
    std::vector<hours::Interval> intervals = day.intervals;
    if (intervals.empty()) intervals.push_back(hours::Interval{0, 0, hours::RuleState::kOpen, std::nullopt});
    for (const hours::Interval& i : intervals) {
      json spec = hours_specification(i);
      spec["validFrom"] = iso;
      spec["validThrough"] = iso;
      spec["description"] = why;
      out.push_back(spec);
    }
  }
  return out;
}

json government_office(const kb::Catalog& catalog, const kb::Office& o, const hours::OfficeHours& office_hours,
                       date::sys_days first, const std::string& base) {
  json office{{"@context", "https://schema.org"},
              {"@type", "GovernmentOffice"},
              {"@id", base + html::page_href(kOfficePages, o.id)},
              {"url", base + html::page_href(kOfficePages, o.id)},
              {"identifier", o.id},
              {"name", o.name},
              {"description", std::string(kb::office_kind_text(o.kind))}};
  const kb::OfficeLocation location = kb::office_location(o);
  if (location.address != nullptr) {
    json address{{"@type", "PostalAddress"}, {"streetAddress", *location.address}, {"addressCountry", "HU"}};
    if (location.postal_code != nullptr) address["postalCode"] = *location.postal_code;
    if (o.settlement_ksh) {
      if (const kb::Settlement* s = catalog.settlement(*o.settlement_ksh)) address["addressLocality"] = s->name;
    }
    office["address"] = address;
  }
  if (o.phone) office["telephone"] = *o.phone;
  if (o.email) office["email"] = *o.email;
  if (o.website) office["sameAs"] = *o.website;
  if (o.settlement_ksh) {
    if (const kb::Settlement* s = catalog.settlement(*o.settlement_ksh); s && s->lat && s->lon) {
      office["geo"] = {{"@type", "GeoCoordinates"}, {"latitude", *s->lat}, {"longitude", *s->lon}};
    }
  }
  if (office_hours.known()) office["openingHoursSpecification"] = opening_hours_specification(office_hours, first);
  json areas = json::array();
  for (const kb::Settlement* s : catalog.settlements_served_by(o)) {
    areas.push_back({{"@type", "AdministrativeArea"},
                     {"name", kb::settlement_label(*s)},
                     {"@id", base + html::page_href(kSettlementPages, s->ksh_code)}});
  }
  if (!areas.empty()) office["areaServed"] = areas;
  return office;
}

Response office_page(const kb::Catalog& catalog, const hours::HoursCalendar& calendar, const kb::Office& o,
                     const std::string& base) {
  const auto office_hours = hours::OfficeHours::of(o, calendar);
  const date::sys_days first = today();
  std::string body = paragraph(std::string(kb::office_kind_text(o.kind)));
  std::string contact;
  const kb::OfficeLocation location = kb::office_location(o);
  if (location.address != nullptr) {
    contact += paragraph("Cím: " + *location.address);
    if (location.registered != nullptr) contact += paragraph(kb::address_note(*location.registered));
  }
  if (o.phone) contact += "<p>Telefon: <a href=\"tel:" + escape(*o.phone) + "\">" + escape(*o.phone) + "</a></p>\n";
  if (o.email) contact += "<p>E-mail: <a href=\"mailto:" + escape(*o.email) + "\">" + escape(*o.email) + "</a></p>\n";
  if (o.website) contact += "<p>Honlap: " + html::external_link(*o.website, *o.website) + "</p>\n";
  const std::string gaps = kb::contact_note(o);
  if (!gaps.empty()) contact += paragraph(gaps);
  body += section("Elérhetőség", contact);

  std::string hours_html;
  if (!office_hours.known()) {
    hours_html += paragraph("A hivatal nyitvatartását nem ismerjük.");
  } else {
    if (const auto text = hours_text_json(o.opening_hours); text.is_string()) {
      hours_html += paragraph("Ügyfélfogadás: " + text.get<std::string>());
    }
    if (o.opening_hours_note) hours_html += paragraph(*o.opening_hours_note);
    const auto special =
        office_hours.special_days(hours::Date{first}, hours::Date{first + date::days{kComingDays - 1}});
    if (!special.empty()) {
      hours_html +=
          "<table>\n<caption>Eltérő nyitvatartású napok a következő nyolc hétben</caption>\n"
          "<tr><th scope=\"col\">Nap</th><th scope=\"col\">Nyitvatartás</th><th scope=\"col\">Ok</th></tr>\n";
      for (const hours::OfficeDay& day : special) {
        hours_html += "<tr><td>" + escape(hours::iso_date(day.date)) + " (" +
                      escape(hours::weekday_name_hu(hours::weekday_index(day.date))) + ")</td><td>" +
                      escape(intervals_text(day.intervals)) + "</td><td>" +
                      escape(day.note ? day.reason_hu + ": " + *day.note : day.reason_hu) + "</td></tr>\n";
      }
      hours_html += "</table>\n";
    }
    hours_html += "<p><a href=\"" + escape(html::page_href("/v1/offices/", o.id)) +
                  "/calendar.ics\">Eltérő napok naptárként (iCalendar)</a></p>\n";
  }
  body += section("Nyitvatartás", hours_html);

  std::vector<std::string> visits;
  for (const kb::Visit* v : catalog.visits_by(o.id)) {
    const kb::Settlement* s = catalog.settlement(v->settlement_ksh);
    const std::string where = s ? kb::settlement_label(*s) : v->settlement_ksh;
    const auto schedule = hours_text_json(v->schedule);
    visits.push_back(link(kSettlementPages, v->settlement_ksh, where) + (v->place ? ", " + escape(*v->place) : "") +
                     ": " + escape(schedule.is_string() ? schedule.get<std::string>() : v->schedule));
  }
  body += section(std::string(kb::visit_kind_text(o.kind)) + " – helyszínek", list(visits));
  std::vector<std::string> served;
  for (const kb::Settlement* s : catalog.settlements_served_by(o)) {
    served.push_back(link(kSettlementPages, s->ksh_code, kb::settlement_label(*s)));
  }
  body += section("Az ellátott települések", list(served));
  std::vector<std::string> procedures;
  for (const kb::Procedure* p : catalog.local_procedures_of(o.id)) {
    procedures.push_back(link(kProcedurePages, p->id, p->title) + " (helyi ügy)");
  }
  for (const kb::LocalVariant* v : catalog.variants_of_office(o.id)) {
    if (const kb::Procedure* p = catalog.procedure(v->procedure_id)) {
      procedures.push_back(link(kProcedurePages, p->id, p->title) + " (helyi ügyleírással)");
    }
  }
  body += section("A hivatal saját ügyleírásai", list(procedures));
  const std::string description = std::string(kb::office_kind_text(o.kind)) +
                                  (o.address ? ", " + *o.address : std::string()) +
                                  ": elérhetőség, nyitvatartás, eltérő napok.";
  return html_response({o.name, description, base + html::page_href(kOfficePages, o.id),
                        government_office(catalog, o, office_hours, first, base), body});
}

// --- settlements -----------------------------------------------------------------------------

json administrative_area(const kb::Catalog& catalog, const kb::Settlement& s, const std::string& base) {
  json area{{"@context", "https://schema.org"},
            {"@type", "AdministrativeArea"},
            {"@id", base + html::page_href(kSettlementPages, s.ksh_code)},
            {"url", base + html::page_href(kSettlementPages, s.ksh_code)},
            {"identifier", s.ksh_code},
            {"name", kb::settlement_label(s)}};
  if (const kb::District* d = catalog.district(s.district_code)) {
    area["containedInPlace"] = {{"@type", "AdministrativeArea"}, {"name", kb::district_label(*d)}};
  }
  if (s.lat && s.lon) area["geo"] = {{"@type", "GeoCoordinates"}, {"latitude", *s.lat}, {"longitude", *s.lon}};
  return area;
}

Response settlement_page(const kb::Catalog& catalog, const hours::HoursCalendar& calendar, const kb::Settlement& s,
                         const std::string& base) {
  std::string body;
  std::string facts;
  if (const kb::District* d = catalog.district(s.district_code)) facts += paragraph(kb::district_label(*d));
  if (!s.county.empty()) facts += paragraph(s.county + " vármegye");
  if (!s.legal_status.empty()) facts += paragraph("Jogállás: " + s.legal_status);
  if (s.population > 0) facts += paragraph("Lakónépesség: " + std::to_string(s.population) + " fő");
  if (!s.postal_codes.empty()) {
    std::string codes;
    for (const std::string& c : s.postal_codes) codes += (codes.empty() ? "" : ", ") + c;
    facts += paragraph("Irányítószám: " + codes);
  }
  body += facts;
  std::vector<std::string> offices;
  for (const kb::Office* o : catalog.offices_for(s)) {
    offices.push_back(link(kOfficePages, o->id, o->name) + " – " + escape(kb::office_kind_text(o->kind)));
  }
  body += section("Az ügyintézés helyei", list(offices));

  const date::sys_days first = today();
  std::vector<std::string> visits;
  for (const kb::Visit* v : catalog.visits_in(s.ksh_code)) {
    const kb::Office* o = catalog.office(v->office_id);
    if (o == nullptr) continue;
    const auto schedule = hours::OfficeHours::of_visit(*v, o->kind, calendar);
    std::string times;
    std::size_t shown = 0;
    for (const hours::Occurrence& occurrence :
         schedule.occurrences(hours::Date{first}, hours::Date{first + date::days{kComingDays - 1}})) {
      if (shown++ == kVisitOccurrencesShown) break;
      times +=
          (times.empty() ? "" : "; ") + hours::iso_local(hours::budapest(), occurrence.segment.start).substr(0, 16);
    }
    visits.push_back(escape(kb::visit_kind_text(o->kind)) + " (" + link(kOfficePages, o->id, o->name) + ")" +
                     (v->place ? ", " + escape(*v->place) : "") + ": " +
                     escape(times.empty() ? "a következő nyolc hétben nincs kiírt időpont" : times));
  }
  if (!visits.empty()) {
    body += section("Ügysegéd és kormányablakbusz", list(visits) + "<p><a href=\"" +
                                                        escape(html::page_href("/v1/settlements/", s.ksh_code)) +
                                                        "/visits.ics\">Az időpontok naptárként (iCalendar)</a></p>\n");
  }
  std::vector<std::string> local;
  for (const kb::Office* o : catalog.offices_for(s)) {
    for (const kb::Procedure* p : catalog.local_procedures_of(o->id)) {
      local.push_back(link(kProcedurePages, p->id, p->title) + " (" + escape(o->name) + ")");
    }
  }
  body += section("Helyi ügyek", list(local));
  std::vector<std::string> national;
  for (const kb::Procedure& p : catalog.procedures()) national.push_back(link(kProcedurePages, p.id, p.title));
  body += section("Ügyek", list(national));
  const std::string label = kb::settlement_label(s);
  return html_response({label, label + ": hol intézhetők az ügyek, hivatalok, ügysegédi fogadóórák.",
                        base + html::page_href(kSettlementPages, s.ksh_code), administrative_area(catalog, s, base),
                        body});
}

std::string sitemap(const kb::Catalog& catalog, const std::string& base) {
  std::string out =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
  auto url = [&](std::string_view prefix, std::string_view id) {
    out += "<url><loc>" + escape(base + html::page_href(prefix, id)) + "</loc></url>\n";
  };
  for (const kb::Procedure& p : catalog.procedures()) url(kProcedurePages, p.id);
  for (const kb::Procedure& p : catalog.local_procedures()) url(kProcedurePages, p.id);
  for (const kb::Office& o : catalog.offices()) url(kOfficePages, o.id);
  for (const kb::Settlement& s : catalog.settlements()) url(kSettlementPages, s.ksh_code);
  return out + "</urlset>\n";
}

}  // namespace

void add_page_routes(RouteTable& table, const service::KnowledgeService& service) {
  table.get("/ugyek/:id", [&service](const Request& request) {
    const auto catalog = service.catalog();
    const std::string& id = path_param(request, "id");
    const kb::Procedure* p = catalog->procedure(id);
    if (p == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú ügy.");
    return procedure_page(*catalog, *p, html::public_base(request));
  });
  table.get("/hivatalok/:id", [&service](const Request& request) {
    const auto snapshot = service.snapshot();
    const std::string& id = path_param(request, "id");
    const kb::Office* o = snapshot->catalog->office(id);
    if (o == nullptr) throw not_found("id", "Nincs „" + id + "” azonosítójú hivatal.");
    return office_page(*snapshot->catalog, *snapshot->calendar, *o, html::public_base(request));
  });
  table.get("/telepulesek/:ksh", [&service](const Request& request) {
    const auto snapshot = service.snapshot();
    const std::string& ksh = path_param(request, "ksh");
    const kb::Settlement* s = snapshot->catalog->settlement(ksh);
    if (s == nullptr) throw not_found("ksh", "Nincs „" + ksh + "” KSH-kódú település.");
    return settlement_page(*snapshot->catalog, *snapshot->calendar, *s, html::public_base(request));
  });
  table.get("/sitemap.xml", [&service](const Request& request) {
    Response response;
    response.content_type = "application/xml";
    response.body = sitemap(*service.catalog(), html::public_base(request));
    response.headers.emplace_back("Cache-Control", "public, max-age=300");
    return response;
  });
}

}  // namespace ugk::api
