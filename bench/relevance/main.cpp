// Relevance harness: runs query sets (TSV: query, expected_ids, style, note — shared/eval/README.md)
// against our engine and the PostgreSQL and SQLite FTS5 baselines built from the same documents, and
// prints top-1, top-3 and MRR@10, overall and per style. See bench/relevance/run.sh.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "bench/common/engines.h"
#include "search/relevance.h"

namespace {

void print_row(const std::string& set, const std::string& engine, const std::string& style,
               const ugk::search::RelevanceMetrics& m) {
  std::printf("| %s | %s | %s | %d | %.3f | %.3f | %.3f |\n", set.c_str(), engine.c_str(), style.c_str(), m.queries,
              m.top1_rate(), m.top3_rate(), m.mrr());
}

int usage() {
  std::cerr << "usage: ugk_bench_relevance --bundle DIR --work DIR --queries FILE [--queries FILE ...]\n"
               "                           [--postgres CONNINFO] [--misses]\n";
  return 64;
}

}  // namespace

int main(int argc, char** argv) {
  std::string bundle_dir, work_dir, postgres;
  std::vector<std::string> query_files;
  bool misses = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--bundle")
      bundle_dir = value();
    else if (arg == "--work")
      work_dir = value();
    else if (arg == "--queries")
      query_files.push_back(value());
    else if (arg == "--postgres")
      postgres = value();
    else if (arg == "--misses")
      misses = true;
    else
      return usage();
  }
  if (bundle_dir.empty() || work_dir.empty() || query_files.empty()) return usage();

  try {
    const ugk::kb::Bundle bundle = ugk::bench::load_search_bundle(bundle_dir);
    std::vector<std::unique_ptr<ugk::bench::Engine>> engines;
    engines.push_back(ugk::bench::make_ugk_engine(work_dir));
    engines.push_back(ugk::bench::make_sqlite_engine(work_dir));
    if (!postgres.empty()) engines.push_back(ugk::bench::make_postgres_engine(postgres));
    for (auto& engine : engines) engine->build(bundle);

    std::printf("| query set | engine | style | n | top-1 | top-3 | MRR@10 |\n|---|---|---|---|---|---|---|\n");
    for (const std::string& file : query_files) {
      const auto queries = ugk::search::load_query_set(file);
      const std::string set = file.substr(file.find_last_of('/') + 1);
      for (auto& engine : engines) {
        ugk::search::RelevanceMetrics overall;
        std::map<std::string, ugk::search::RelevanceMetrics> by_style;
        for (const auto& query : queries) {
          const auto ids = engine->search_procedures(query.text, 10);
          const int rank = ugk::search::rank_of(ids, query.expected_ids);
          overall.add(rank);
          by_style[query.style].add(rank);
          if (misses && rank != 1 && engine->name() == "ugk") {
            std::fprintf(stderr, "miss rank=%d\t%s\texpected %s\tgot %s\n", rank, query.text.c_str(),
                         query.expected_ids.front().c_str(), ids.empty() ? "-" : ids.front().c_str());
          }
        }
        print_row(set, engine->name(), "**all**", overall);
        for (const auto& [style, metrics] : by_style) print_row(set, engine->name(), style, metrics);
      }
    }
  } catch (const std::exception& e) {
    std::cerr << "ugk_bench_relevance: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
