// Shared by the peers' query drivers (pg_query_mix.cc, sphinx_query_mix.cc): the query file,
// the query text split into words, "phrases" and prefix* words, the timing loop and the JSON
// that bench/run.sh reads.
#pragma once

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>
#include <vector>

namespace peers {

using Json = nlohmann::ordered_json;

// Facet names as the query file spells them, in the order the drivers count them.
inline const std::vector<std::string> kFilterNames = {"status", "ministry", "partner", "theme",
                                                      "year"};

struct Query {
  long id = 0;
  std::string cls;
  std::string q;
  std::map<std::string, std::vector<std::string>> filters;  // only non-empty lists
};

// A query's text: plain words (AND), "phrases" (each AND-ed, words in order), prefix* words.
struct ParsedText {
  std::vector<std::string> words;
  std::vector<std::vector<std::string>> phrases;
  std::vector<std::string> prefixes;
  bool empty() const { return words.empty() && phrases.empty() && prefixes.empty(); }
};

inline std::vector<std::string> split_spaces(const std::string& s) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : s) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!cur.empty())
        out.push_back(cur), cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty())
    out.push_back(cur);
  return out;
}

inline ParsedText parse_text(const std::string& q) {
  ParsedText t;
  std::string outside;
  size_t i = 0;
  while (i < q.size()) {
    if (q[i] == '"') {
      size_t end = q.find('"', i + 1);
      if (end == std::string::npos)
        end = q.size();  // unbalanced: the rest is the phrase
      auto words = split_spaces(q.substr(i + 1, end - i - 1));
      for (auto& w : words)
        while (!w.empty() && w.back() == '*') w.pop_back();
      std::erase_if(words, [](const std::string& w) { return w.empty(); });
      if (words.size() == 1)
        t.words.push_back(words[0]);
      else if (!words.empty())
        t.phrases.push_back(words);
      outside += ' ';
      i = end + 1;
    } else {
      outside += q[i++];
    }
  }
  for (auto& w : split_spaces(outside)) {
    if (w.back() == '*') {
      while (!w.empty() && w.back() == '*') w.pop_back();
      if (!w.empty())
        t.prefixes.push_back(w);
    } else {
      t.words.push_back(w);
    }
  }
  return t;
}

inline std::vector<Query> read_queries(const std::string& path) {
  std::ifstream in(path);
  if (!in)
    throw std::runtime_error("cannot read " + path);
  std::vector<Query> out;
  std::string line;
  while (std::getline(in, line)) {
    if (line.find_first_not_of(" \t\r") == std::string::npos)
      continue;
    auto j = Json::parse(line);
    Query q;
    q.id = j.value("id", 0L);
    q.cls = j.value("class", "");
    q.q = j.contains("q") && j["q"].is_string() ? j["q"].get<std::string>() : "";
    if (j.contains("filters") && j["filters"].is_object()) {
      for (auto& [name, values] : j["filters"].items()) {
        std::vector<std::string> vs;
        if (values.is_array()) {
          for (auto& v : values) {
            if (v.is_string())
              vs.push_back(v.get<std::string>());
            else if (v.is_number_integer())
              vs.push_back(std::to_string(v.get<long>()));
          }
        }
        if (!vs.empty())
          q.filters[name] = vs;
      }
    }
    out.push_back(std::move(q));
  }
  return out;
}

struct Options {
  std::string queries, extra;
  int repeat = 3;
  std::map<std::string, std::string> rest;  // engine-specific --key value
};

inline Options parse_options(int argc, char** argv, const char* usage) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "-h" || a == "--help") {
      std::cout << usage;
      std::exit(0);
    }
    if (a.rfind("--", 0) != 0 || i + 1 >= argc) {
      std::cerr << usage;
      std::exit(2);
    }
    std::string v = argv[++i];
    if (a == "--queries")
      o.queries = v;
    else if (a == "--extra")
      o.extra = v;
    else if (a == "--repeat")
      o.repeat = std::max(1, std::atoi(v.c_str()));
    else
      o.rest[a.substr(2)] = v;
  }
  if (o.queries.empty()) {
    std::cerr << usage;
    std::exit(2);
  }
  return o;
}

// What one execution of a query returned; the drivers fill it so that the client really
// consumes every row (top hits with snippets, the total, every facet value and count).
struct Result {
  long total = -1;
  std::vector<std::pair<std::string, std::string>> hits;  // id, snippet
  std::map<std::string, std::map<std::string, long>> facets;
};

// Runs every query once untimed (warm-up), then the whole mix `repeat` times, timing each
// query end to end in the client; prints the JSON (fields of --extra first).
inline int run_mix(const Options& o, const std::string& peer,
                   const std::function<Result(const Query&)>& exec,
                   const std::function<void(Json&)>& after = {}) {
  auto queries = read_queries(o.queries);
  Json out = Json::object();
  out["peer"] = peer;
  if (!o.extra.empty()) {
    std::ifstream in(o.extra);
    if (!in)
      throw std::runtime_error("cannot read " + o.extra);
    Json extra = Json::parse(in);
    for (auto& [k, v] : extra.items()) out[k] = v;
  }
  std::vector<long> totals(queries.size());
  std::cerr << peer << ": warm-up, " << queries.size() << " queries\n";
  // --dump FILE: what the warm-up run returned, one JSON line a query (for checking peers
  // against each other: totals, facet counts, top hits and snippets).
  std::ofstream dump;
  if (auto it = o.rest.find("dump"); it != o.rest.end())
    dump.open(it->second);
  for (size_t i = 0; i < queries.size(); ++i) {
    Result res = exec(queries[i]);
    totals[i] = res.total;
    if (dump.is_open()) {
      Json d = Json::object();
      d["id"] = queries[i].id;
      d["total"] = res.total;
      d["hits"] = res.hits;
      d["facets"] = res.facets;
      dump << d.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
    }
  }
  std::vector<std::vector<double>> ms(queries.size());
  for (int r = 0; r < o.repeat; ++r) {
    std::cerr << peer << ": run " << (r + 1) << " of " << o.repeat << "\n";
    for (size_t i = 0; i < queries.size(); ++i) {
      auto start = std::chrono::steady_clock::now();
      Result res = exec(queries[i]);
      auto end = std::chrono::steady_clock::now();
      ms[i].push_back(std::chrono::duration<double, std::milli>(end - start).count());
      if (res.total != totals[i])
        std::cerr << peer << ": query " << queries[i].id << " total changed: " << totals[i]
                  << " then " << res.total << "\n";
    }
  }
  if (after)
    after(out);
  out["repeat"] = o.repeat;
  Json qs = Json::array();
  for (size_t i = 0; i < queries.size(); ++i) {
    Json q = Json::object();
    q["id"] = queries[i].id;
    q["class"] = queries[i].cls;
    q["total"] = totals[i];
    Json t = Json::array();
    for (double v : ms[i]) t.push_back(std::round(v * 1000.0) / 1000.0);
    q["ms"] = t;
    qs.push_back(q);
  }
  out["queries"] = qs;
  std::cout << out.dump() << "\n";
  return 0;
}

// Peak resident set (VmHWM, kB) of a process on this machine, or -1.
inline long vm_hwm_kb(long pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line))
    if (line.rfind("VmHWM:", 0) == 0)
      return std::atol(line.c_str() + 6);
  return -1;
}

}  // namespace peers
