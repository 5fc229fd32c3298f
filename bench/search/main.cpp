// Speed harness, in-process part (bench/search/run.sh adds the HTTP part):
//  1. generates the national bundle (importers/national_bundle.h: the reference bundle plus local
//     variants and local-only procedures on the real KSH structure) and writes it to a data folder
//     (SQLite store + our index, timing the index build) for `ugykalauz serve`;
//  2. builds the SQLite FTS5 and PostgreSQL baselines from the same documents (timed, sized);
//  3. runs the development query set through each engine, ours with a settlement per query as a
//     user of an office website would, and reports per-query latency p50/p95/p99;
//  4. measures relevance (top-1/top-3/MRR) on the demo bundle and on the national bundle with
//     settlements, in the same run.
// Prints Markdown.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "bench/common/engines.h"
#include "importers/bundle_reader.h"
#include "importers/national_bundle.h"
#include "kb/catalog.h"
#include "kb/ids.h"
#include "kb/store.h"
#include "search/index_builder.h"
#include "search/index_layout.h"
#include "search/relevance.h"
#include "search/searcher.h"

namespace {

using Clock = std::chrono::steady_clock;
using ugk::kb::Bundle;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Query {
  std::string text;
  std::vector<std::string> expected;
  std::vector<std::string> offices;  // of the settlement the query is asked for
};

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
Latency measure(const std::vector<Query>& queries, int passes, Fn&& run) {
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

// The settlements queries are asked for: those whose offices have the most local content first (where
// copies, facets and ranking would go wrong), then the rest in register order, cycled over the queries.
std::vector<const ugk::kb::Settlement*> busy_settlements(const ugk::kb::Catalog& catalog, std::size_t count) {
  std::vector<std::pair<std::size_t, const ugk::kb::Settlement*>> scored;
  for (const auto& s : catalog.settlements()) {
    if (ugk::kb::is_budapest_district(s) || s.ksh_code == ugk::kb::kBudapestKsh) continue;
    std::size_t local = 0;
    for (const auto* office : catalog.offices_for(s)) {
      local += catalog.variants_of_office(office->id).size() + catalog.local_procedures_of(office->id).size();
    }
    scored.emplace_back(local, &s);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<const ugk::kb::Settlement*> out;
  for (std::size_t i = 0; i < scored.size() && out.size() < count; ++i) out.push_back(scored[i].second);
  return out;
}

std::vector<Query> load_queries(const std::string& file, const ugk::kb::Catalog* catalog) {
  std::vector<Query> queries;
  const auto settlements = catalog ? busy_settlements(*catalog, 40) : std::vector<const ugk::kb::Settlement*>{};
  for (const auto& q : ugk::search::load_query_set(file)) {
    Query query{q.text, q.expected_ids, {}};
    if (!settlements.empty()) {
      const auto* s = settlements[queries.size() % settlements.size()];
      for (const auto* office : catalog->offices_for(*s)) query.offices.push_back(office->id);
    }
    queries.push_back(std::move(query));
  }
  return queries;
}

// What the baselines index: one row per document we index (national and local-only procedures, and
// per local variant the text the office wrote, with the national title where it wrote none), forms.
Bundle baseline_documents(const Bundle& national) {
  Bundle docs;
  docs.procedures = national.procedures;
  docs.procedures.insert(docs.procedures.end(), national.local_procedures.begin(), national.local_procedures.end());
  std::map<std::string, const ugk::kb::Procedure*> by_id;
  for (const auto& p : national.procedures) by_id.emplace(p.id, &p);
  for (const auto& v : national.variants) {
    auto it = by_id.find(v.procedure_id);
    if (it == by_id.end()) continue;
    ugk::kb::Procedure doc = *it->second;
    doc.id = v.id;
    doc.title = v.title.value_or(doc.title);
    doc.summary = v.summary.value_or("");
    doc.description = v.description.value_or("") + (v.note ? " " + *v.note : std::string());
    doc.keywords.clear();
    doc.documents = v.extra_documents;
    docs.procedures.push_back(std::move(doc));
  }
  docs.forms = national.forms;
  return docs;
}

struct RankedQuery {
  int rank = 0;  // 0: not in the top 10
  std::vector<std::string> top3;
  bool empty = false;    // no result at all
  bool relaxed = false;  // answered relaxed (no document had every word)
};

std::vector<RankedQuery> ranks(ugk::search::Searcher& searcher, const std::vector<Query>& queries) {
  std::vector<RankedQuery> out;
  for (const auto& q : queries) {
    ugk::search::SearchRequest request;
    request.text = q.text;
    request.type = ugk::search::DocType::kProcedure;
    request.offices = q.offices;
    std::vector<std::string> ids;
    const ugk::search::SearchResult result = searcher.search(request);
    for (const auto& hit : result.hits) ids.push_back(hit.id);
    RankedQuery ranked{ugk::search::rank_of(ids, q.expected), {}, ids.empty(), result.relaxed};
    ranked.top3.assign(ids.begin(), ids.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(3, ids.size())));
    out.push_back(std::move(ranked));
  }
  return out;
}

std::size_t zero_results(const std::vector<RankedQuery>& ranked) {
  return static_cast<std::size_t>(std::count_if(ranked.begin(), ranked.end(), [](const auto& r) { return r.empty; }));
}

std::size_t relaxed_answers(const std::vector<RankedQuery>& ranked) {
  return static_cast<std::size_t>(std::count_if(ranked.begin(), ranked.end(), [](const auto& r) { return r.relaxed; }));
}

ugk::search::RelevanceMetrics metrics_of(const std::vector<RankedQuery>& ranked) {
  ugk::search::RelevanceMetrics metrics;
  for (const auto& r : ranked) metrics.add(r.rank);
  return metrics;
}

// Where the national bundle ranks a query's answer lower than the demo bundle: the cases to read.
void print_regressions(const std::vector<Query>& queries, const std::vector<RankedQuery>& demo,
                       const std::vector<RankedQuery>& national) {
  auto worse = [](int a, int b) { return (a == 0 ? 99 : a) > (b == 0 ? 99 : b); };
  for (std::size_t i = 0; i < queries.size() && i < demo.size() && i < national.size(); ++i) {
    if (!worse(national[i].rank, demo[i].rank)) continue;
    std::string top;
    for (const auto& id : national[i].top3) top += (top.empty() ? "" : ", ") + id;
    std::fprintf(stderr, "regression: \"%s\" demo rank %d, national rank %d (offices %s…), national top 3: %s\n",
                 queries[i].text.c_str(), demo[i].rank, national[i].rank,
                 queries[i].offices.empty() ? "-" : queries[i].offices.front().c_str(), top.c_str());
  }
}

int usage() {
  std::cerr << "usage: ugk_bench_search --bundle DIR --data-dir DIR --work DIR --queries FILE\n"
               "                        [--postgres CONNINFO] [--passes N] [--ugk-only]\n"
               "  --ugk-only  skip the SQLite and PostgreSQL baselines\n"
               "  --misses    list on stderr the queries the national bundle ranks lower than the demo bundle\n";
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  std::string bundle_dir, data_dir, work_dir, queries_file, postgres;
  int passes = 5;
  bool ugk_only = false;
  bool misses = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--bundle")
      bundle_dir = value();
    else if (arg == "--data-dir")
      data_dir = value();
    else if (arg == "--work")
      work_dir = value();
    else if (arg == "--queries")
      queries_file = value();
    else if (arg == "--postgres")
      postgres = value();
    else if (arg == "--passes")
      passes = std::stoi(value());
    else if (arg == "--ugk-only")
      ugk_only = true;
    else if (arg == "--misses")
      misses = true;
    else
      return usage();
  }
  if (bundle_dir.empty() || data_dir.empty() || work_dir.empty() || queries_file.empty()) return usage();

  try {
    auto read = ugk::importers::read_bundle(bundle_dir);
    if (!read.ok()) throw std::runtime_error("the reference bundle has problems; run `ugykalauz check`");
    const Bundle demo = read.bundle;
    Bundle bundle = std::move(read.bundle);
    const auto local = ugk::importers::generate_local_content(bundle, {});
    bundle.local_procedures = local.local_procedures;
    bundle.variants = local.variants;
    std::printf(
        "National bundle: %zu national procedures, %zu local-only procedures, %zu local variants, %zu forms, "
        "%zu offices, %zu settlements\n\n",
        bundle.procedures.size(), bundle.local_procedures.size(), bundle.variants.size(), bundle.forms.size(),
        bundle.offices.size(), bundle.settlements.size());

    std::filesystem::create_directories(data_dir);
    const std::filesystem::path index_root = std::filesystem::path(data_dir) / "index";
    std::printf("| engine | documents | index build (s) | index size (MiB) |\n|---|---|---|---|\n");
    std::shared_ptr<const ugk::kb::Catalog> catalog;
    {
      ugk::kb::Store store(std::filesystem::path(data_dir) / "ugykalauz.sqlite3");
      store.replace_contents(bundle, "bench/search national bundle");
      catalog = std::make_shared<const ugk::kb::Catalog>(store.load_all());
    }
    std::filesystem::remove_all(index_root);
    const auto start = Clock::now();
    ugk::search::build_index(*catalog, index_root);
    std::printf("| ugk (Xapian) | %zu procedures + %zu variants + forms + offices | %.2f | %.1f |\n",
                bundle.procedures.size() + bundle.local_procedures.size(), bundle.variants.size(), seconds_since(start),
                double(ugk::bench::directory_bytes(index_root)) / (1 << 20));

    const Bundle docs = baseline_documents(bundle);
    std::vector<std::unique_ptr<ugk::bench::Engine>> baselines;
    if (!ugk_only) baselines.push_back(ugk::bench::make_sqlite_engine(work_dir));
    if (!ugk_only && !postgres.empty()) baselines.push_back(ugk::bench::make_postgres_engine(postgres));
    for (auto& engine : baselines) {
      const auto begin = Clock::now();
      engine->build(docs);
      std::printf("| %s | %zu procedure and variant rows + forms | %.2f | %.1f |\n", engine->name().c_str(),
                  docs.procedures.size(), seconds_since(begin), double(engine->index_bytes()) / (1 << 20));
    }

    const auto queries = load_queries(queries_file, catalog.get());
    std::printf(
        "\nIn-process latency, %zu queries x %d passes, top 10, one thread, each query for one of 40 "
        "settlements with the most local content (ms):\n\n",
        queries.size(), passes);
    std::printf("| engine | what | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|\n");
    auto report = [](const std::string& engine, const std::string& what, Latency latency) {
      std::printf("| %s | %s | %.3f | %.3f | %.3f | %.3f |\n", engine.c_str(), what.c_str(), latency.percentile(50),
                  latency.percentile(95), latency.percentile(99), latency.percentile(100));
    };
    ugk::search::Searcher searcher(index_root);
    report("ugk", "procedures, with settlement", measure(queries, passes, [&](const Query& q) {
             ugk::search::SearchRequest request;
             request.text = q.text;
             request.type = ugk::search::DocType::kProcedure;
             request.offices = q.offices;
             searcher.search(request);
           }));
    report("ugk", "all types + facets, with settlement (as /v1/search)", measure(queries, passes, [&](const Query& q) {
             ugk::search::SearchRequest request;
             request.text = q.text;
             request.facets = true;
             request.offices = q.offices;
             searcher.search(request);
           }));
    report("ugk", "all types + facets, no settlement", measure(queries, passes, [&](const Query& q) {
             ugk::search::SearchRequest request;
             request.text = q.text;
             request.facets = true;
             searcher.search(request);
           }));
    report("ugk", "suggest (first 4 letters), with settlement", measure(queries, passes, [&](const Query& q) {
             searcher.suggest(q.text.substr(0, std::min<std::size_t>(q.text.size(), 4)), 8, q.offices);
           }));
    for (auto& engine : baselines) {
      report(engine->name(), "procedures",
             measure(queries, passes, [&](const Query& q) { engine->search_procedures(q.text, 10); }));
    }

    // Relevance: the demo bundle (no settlement) against the national one (each query for a
    // settlement with local content), same query set, same run.
    const std::filesystem::path demo_index = std::filesystem::path(work_dir) / "demo-index";
    ugk::search::build_index(ugk::kb::Catalog(demo, 1), demo_index);
    ugk::search::Searcher demo_searcher(demo_index);
    const auto demo_ranks = ranks(demo_searcher, load_queries(queries_file, nullptr));
    const auto national_ranks = ranks(searcher, queries);
    if (misses) print_regressions(queries, demo_ranks, national_ranks);
    const auto demo_metrics = metrics_of(demo_ranks);
    const auto national_metrics = metrics_of(national_ranks);
    std::printf(
        "\nRelevance on %zu dev queries (procedures, top 10):\n\n| bundle | top-1 | top-3 | MRR@10 | zero results | "
        "relaxed |\n"
        "|---|---|---|---|---|---|\n| demo (no settlement) | %.3f | %.3f | %.3f | %zu | %zu |\n"
        "| national (with settlements) | %.3f | %.3f | %.3f | %zu | %zu |\n",
        queries.size(), demo_metrics.top1_rate(), demo_metrics.top3_rate(), demo_metrics.mrr(),
        zero_results(demo_ranks), relaxed_answers(demo_ranks), national_metrics.top1_rate(),
        national_metrics.top3_rate(), national_metrics.mrr(), zero_results(national_ranks),
        relaxed_answers(national_ranks));
    std::printf("\nPeak RSS of this process (all engines' client side): %ld MiB\n", max_rss_mib());
  } catch (const std::exception& e) {
    std::cerr << "ugk_bench_search: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
