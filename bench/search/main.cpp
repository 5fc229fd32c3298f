// Speed harness, in-process part (bench/search/run.sh adds the HTTP part):
//  1. generates a national-scale bundle from the reference bundle: every municipal office (own mayor's
//     office or joint office, from the KSH register) gets its local variant of each procedure handled
//     by the notary, mayor or registrar, with local copies of the forms;
//  2. writes it to a data folder (SQLite store + our index, timing the index build) for `ugykalauz serve`;
//  3. builds the SQLite FTS5 and PostgreSQL baselines from the same documents (timed, sized);
//  4. runs the query set through each engine and reports per-query latency p50/p95/p99.
// Prints Markdown.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include "bench/common/engines.h"
#include "importers/bundle_reader.h"
#include "kb/store.h"
#include "search/index_builder.h"
#include "search/index_layout.h"
#include "search/searcher.h"

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

bool is_municipal(ugk::kb::Authority authority) {
  return authority == ugk::kb::Authority::kNotary || authority == ugk::kb::Authority::kMayor ||
         authority == ugk::kb::Authority::kRegistrar;
}

ugk::kb::Bundle national_bundle(ugk::kb::Bundle bundle) {
  std::vector<const ugk::kb::Office*> municipal;
  for (const auto& office : bundle.offices) {
    if (office.kind == ugk::kb::OfficeKind::kMayorsOffice || office.kind == ugk::kb::OfficeKind::kJointOffice) {
      municipal.push_back(&office);
    }
  }
  std::vector<ugk::kb::Procedure> procedures = bundle.procedures;
  std::vector<ugk::kb::Form> forms = bundle.forms;
  for (const auto* office : municipal) {
    const std::string suffix = "--" + office->id;
    for (const auto& base : bundle.procedures) {
      if (!is_municipal(base.competence.authority)) continue;
      ugk::kb::Procedure local = base;
      local.id += suffix;
      local.title += " (" + office->name + ")";
      local.summary += " Helyi tudnivalók: " + office->name + ".";
      local.description += " A(z) " + office->name + " helyi rendelete és ügyfélfogadása szerint intézhető" +
                           (office->address ? ", címe: " + *office->address : std::string()) + ".";
      local.forms.clear();
      for (const std::string& form_id : base.forms) {
        const auto form = std::find_if(bundle.forms.begin(), bundle.forms.end(),
                                       [&](const ugk::kb::Form& f) { return f.id == form_id; });
        if (form == bundle.forms.end()) continue;
        ugk::kb::Form local_form = *form;
        local_form.id += suffix;
        local_form.title += " – " + office->name;
        local_form.issuer = office->name;
        local_form.procedures = {local.id};
        local.forms.push_back(local_form.id);
        forms.push_back(std::move(local_form));
      }
      procedures.push_back(std::move(local));
    }
  }
  bundle.procedures = std::move(procedures);
  bundle.forms = std::move(forms);
  return bundle;
}

std::vector<std::string> load_query_texts(const std::string& file) {
  std::ifstream in(file);
  if (!in) throw std::runtime_error("cannot read " + file);
  std::vector<std::string> texts;
  std::string line;
  std::getline(in, line);
  while (std::getline(in, line)) {
    const std::string text = line.substr(0, line.find('\t'));
    if (!text.empty()) texts.push_back(text);
  }
  return texts;
}

struct Latency {
  std::vector<double> ms;
  double percentile(double p) {
    std::sort(ms.begin(), ms.end());
    if (ms.empty()) return 0;
    const auto index = static_cast<std::size_t>(p / 100.0 * static_cast<double>(ms.size() - 1) + 0.5);
    return ms[std::min(index, ms.size() - 1)];
  }
};

template <typename Fn>
Latency measure(const std::vector<std::string>& queries, int passes, Fn&& run) {
  for (const auto& q : queries) run(q);  // warm-up: caches, prepared statements
  Latency latency;
  for (int pass = 0; pass < passes; ++pass) {
    for (const auto& q : queries) {
      const auto start = Clock::now();
      run(q);
      latency.ms.push_back(seconds_since(start) * 1000.0);
    }
  }
  return latency;
}

long max_rss_mib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024;
}

int usage() {
  std::cerr << "usage: ugk_bench_search --bundle DIR --data-dir DIR --work DIR --queries FILE\n"
               "                        [--postgres CONNINFO] [--passes N] [--reuse-index] [--ugk-only]\n"
               "  --reuse-index  keep DATA-DIR/index when it holds a built index (skips the ~5 min build, to\n"
               "                 compare query code on the same data)\n"
               "  --ugk-only     skip the SQLite and PostgreSQL baselines\n";
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  std::string bundle_dir, data_dir, work_dir, queries_file, postgres;
  int passes = 5;
  bool reuse_index = false;
  bool ugk_only = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--bundle") bundle_dir = value();
    else if (arg == "--data-dir") data_dir = value();
    else if (arg == "--work") work_dir = value();
    else if (arg == "--queries") queries_file = value();
    else if (arg == "--postgres") postgres = value();
    else if (arg == "--passes") passes = std::stoi(value());
    else if (arg == "--reuse-index") reuse_index = true;
    else if (arg == "--ugk-only") ugk_only = true;
    else return usage();
  }
  if (bundle_dir.empty() || data_dir.empty() || work_dir.empty() || queries_file.empty()) return usage();

  try {
    auto read = ugk::importers::read_bundle(bundle_dir);
    if (!read.ok()) throw std::runtime_error("the reference bundle has problems; run `ugykalauz check`");
    const ugk::kb::Bundle bundle = national_bundle(std::move(read.bundle));
    std::printf("National bundle: %zu procedures, %zu forms, %zu offices (%zu documents indexed by us)\n\n",
                bundle.procedures.size(), bundle.forms.size(), bundle.offices.size(),
                bundle.procedures.size() + bundle.forms.size() + bundle.offices.size());

    std::filesystem::create_directories(data_dir);
    const std::filesystem::path index_root = std::filesystem::path(data_dir) / "index";
    std::printf("| engine | documents | index build (s) | index size (MiB) |\n|---|---|---|---|\n");
    if (reuse_index && std::filesystem::exists(ugk::search::layout::current_file(index_root))) {
      std::printf("| ugk (Xapian) | procedures+forms+offices | reused | %.1f |\n",
                  double(ugk::bench::directory_bytes(index_root)) / (1 << 20));
    } else {
      std::int64_t version = 0;
      {
        ugk::kb::Store store(std::filesystem::path(data_dir) / "ugykalauz.sqlite3");
        store.replace_contents(bundle, "bench/search national bundle");
        version = store.version();
      }
      std::filesystem::remove_all(index_root);
      const auto start = Clock::now();
      ugk::search::build_index(bundle, version, index_root);
      std::printf("| ugk (Xapian) | procedures+forms+offices | %.1f | %.1f |\n", seconds_since(start),
                  double(ugk::bench::directory_bytes(index_root)) / (1 << 20));
    }

    ugk::kb::Bundle docs;  // what the baselines index: procedures and forms
    docs.procedures = bundle.procedures;
    docs.forms = bundle.forms;
    std::vector<std::unique_ptr<ugk::bench::Engine>> baselines;
    if (!ugk_only) baselines.push_back(ugk::bench::make_sqlite_engine(work_dir));
    if (!ugk_only && !postgres.empty()) baselines.push_back(ugk::bench::make_postgres_engine(postgres));
    for (auto& engine : baselines) {
      const auto start = Clock::now();
      engine->build(docs);
      std::printf("| %s | procedures+forms | %.1f | %.1f |\n", engine->name().c_str(), seconds_since(start),
                  double(engine->index_bytes()) / (1 << 20));
    }

    const auto queries = load_query_texts(queries_file);
    std::printf("\nIn-process latency, %zu queries x %d passes, top 10, one thread (ms):\n\n", queries.size(),
                passes);
    std::printf("| engine | what | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|\n");
    auto report = [](const std::string& engine, const std::string& what, Latency latency) {
      std::printf("| %s | %s | %.3f | %.3f | %.3f | %.3f |\n", engine.c_str(), what.c_str(), latency.percentile(50),
                  latency.percentile(95), latency.percentile(99), latency.percentile(100));
    };
    ugk::search::Searcher searcher(index_root);
    report("ugk", "procedures", measure(queries, passes, [&](const std::string& q) {
             ugk::search::SearchRequest request;
             request.text = q;
             request.type = ugk::search::DocType::kProcedure;
             searcher.search(request);
           }));
    report("ugk", "all types + facets (as /v1/search)", measure(queries, passes, [&](const std::string& q) {
             ugk::search::SearchRequest request;
             request.text = q;
             request.facets = true;
             searcher.search(request);
           }));
    report("ugk", "suggest (first 4 letters)", measure(queries, passes, [&](const std::string& q) {
             searcher.suggest(q.substr(0, std::min<std::size_t>(q.size(), 4)), 8);
           }));
    for (auto& engine : baselines) {
      report(engine->name(), "procedures",
             measure(queries, passes, [&](const std::string& q) { engine->search_procedures(q, 10); }));
    }
    std::printf("\nPeak RSS of this process (all engines' client side): %ld MiB\n", max_rss_mib());
  } catch (const std::exception& e) {
    std::cerr << "ugk_bench_search: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
