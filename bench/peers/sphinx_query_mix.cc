// The benchmark's query mix against Sphinx 2.2 over SphinxQL (the MySQL protocol);
// bench/peers/sphinx.sh builds the index and starts searchd. Each query is two round trips:
//   1. SELECT top 10 (ranker=bm25) FACET status, ministries, partners, themes, year; SHOW META
//      (one batch; the facets are counted over all matches, total_found is exact);
//   2. CALL SNIPPETS for the 10 hits (the bodies are files, load_files).
//
//   sphinx_query_mix --port 9316 --values VALUES.json --max-matches N
//                    --queries QUERIES.jsonl [--repeat 3] [--extra BUILD.json]
#include <mysql.h>

#include "peer_common.h"

namespace {

const char* kUsage =
    "usage: sphinx_query_mix --port PORT --values VALUES.json --max-matches N "
    "--queries QUERIES.jsonl [--repeat R] [--extra FILE.json]\n";

// A word for Sphinx's extended query syntax: every operator character escaped.
std::string fulltext_word(const std::string& w) {
  static const std::string kSpecial = "\\()|-!@~\"&/^$=<>*[]:'";
  std::string out;
  for (char c : w) {
    if (kSpecial.find(c) != std::string::npos)
      out += '\\';
    out += c;
  }
  return out;
}

// A SphinxQL string literal's content.
std::string sql_string(const std::string& s) {
  std::string out;
  for (char c : s) {
    if (c == '\\' || c == '\'')
      out += '\\';
    out += c;
  }
  return out;
}

class Sphinx {
 public:
  Sphinx(int port, const std::string& values_path, long max_matches)
      : mysql_(mysql_init(nullptr)), max_matches_(max_matches) {
    if (!mysql_real_connect(mysql_, "127.0.0.1", nullptr, nullptr, nullptr, port, nullptr,
                            CLIENT_MULTI_STATEMENTS))
      throw std::runtime_error(std::string("connection failed: ") + mysql_error(mysql_));
    std::ifstream in(values_path);
    if (!in)
      throw std::runtime_error("cannot read " + values_path);
    auto values = peers::Json::parse(in);
    for (auto& [facet, list] : values.items()) {
      auto& names = names_[facet];
      names.push_back("");  // id 0: no value
      for (auto& v : list) {
        names.push_back(v.get<std::string>());
        ids_[facet][v.get<std::string>()] = names.size() - 1;
      }
    }
  }
  ~Sphinx() { mysql_close(mysql_); }

  peers::Result run(const peers::Query& query) {
    peers::ParsedText text = peers::parse_text(query.q);
    std::string match;
    auto add = [&](const std::string& part) { match += (match.empty() ? "" : " ") + part; };
    for (auto& w : text.words) add(fulltext_word(w));
    for (auto& phrase : text.phrases) {
      std::string p;
      for (auto& w : phrase) p += (p.empty() ? "" : " ") + fulltext_word(w);
      add("\"" + p + "\"");
    }
    for (auto& w : text.prefixes) add(fulltext_word(w) + "*");

    std::vector<std::string> conditions;
    if (!match.empty())
      conditions.push_back("MATCH('" + sql_string(match) + "')");
    auto id_filter = [&](const char* name, const char* attr, const char* facet) {
      auto it = query.filters.find(name);
      if (it == query.filters.end())
        return;
      std::string list;
      for (auto& v : it->second) {
        auto& ids = ids_[facet];
        auto found = ids.find(v);
        // A value no document has: an id no document has.
        std::string id = found == ids.end() ? "4294967295" : std::to_string(found->second);
        list += (list.empty() ? "" : ",") + id;
      }
      conditions.push_back(std::string(attr) + " IN (" + list + ")");
    };
    id_filter("status", "status", "status");
    id_filter("ministry", "ministries", "ministries");
    id_filter("partner", "partners", "partners");
    id_filter("theme", "themes", "themes");
    if (auto it = query.filters.find("year"); it != query.filters.end()) {
      std::string list;
      for (auto& v : it->second) {
        bool numeric =
            !v.empty() && v.find_first_not_of("0123456789") == std::string::npos && v.size() < 10;
        list += (list.empty() ? "" : ",") + (numeric ? v : std::string("4294967295"));
      }
      conditions.push_back("year IN (" + list + ")");
    }

    std::string mm = std::to_string(max_matches_);
    std::string sql = "SELECT id, slug, WEIGHT() AS w FROM deals";
    for (size_t i = 0; i < conditions.size(); ++i) sql += (i ? " AND " : " WHERE ") + conditions[i];
    sql += match.empty() ? " ORDER BY id ASC" : " ORDER BY w DESC, id ASC";
    sql += " LIMIT 10 OPTION ranker=bm25, max_matches=" + mm;
    for (const char* f : {"status", "ministries", "partners", "themes", "year"})
      sql += std::string(" FACET ") + f + " ORDER BY COUNT(*) DESC LIMIT " + mm;
    sql += "; SHOW META";

    peers::Result res;
    std::vector<long> hit_ids;
    static const char* kFacet[] = {"status", "ministries", "partners", "themes", "year"};
    static const char* kOut[] = {"status", "ministry", "partner", "theme", "year"};
    if (mysql_real_query(mysql_, sql.data(), sql.size()))
      throw std::runtime_error(error(query, "select"));
    int set = 0;
    do {
      MYSQL_RES* r = mysql_store_result(mysql_);
      if (!r) {
        if (mysql_field_count(mysql_))
          throw std::runtime_error(error(query, "result"));
        continue;
      }
      MYSQL_ROW row;
      while ((row = mysql_fetch_row(r))) {
        if (set == 0) {
          hit_ids.push_back(std::atol(row[0]));
          res.hits.emplace_back(row[1] ? row[1] : "", "");
        } else if (set <= 5) {
          const char* f = kFacet[set - 1];
          unsigned long v = std::strtoul(row[0], nullptr, 10);
          std::string name;
          if (set == 5) {
            name = v ? std::to_string(v) : "";
          } else {
            auto& names = names_[f];
            name = v < names.size() ? names[v] : std::to_string(v);
          }
          res.facets[kOut[set - 1]][name] = std::atol(row[1]);
        } else if (row[0] && std::string(row[0]) == "total_found") {
          res.total = std::atol(row[1]);
        }
      }
      mysql_free_result(r);
      ++set;
    } while (mysql_next_result(mysql_) == 0);
    if (mysql_errno(mysql_))
      throw std::runtime_error(error(query, "batch"));

    if (!match.empty() && !hit_ids.empty()) {
      std::string call = "CALL SNIPPETS((";
      for (size_t i = 0; i < hit_ids.size(); ++i)
        call += (i ? ",'" : "'") + std::to_string(hit_ids[i]) + ".txt'";
      call += "), 'deals', '" + sql_string(match) + "', 1 AS load_files, 1 AS query_mode)";
      if (mysql_real_query(mysql_, call.data(), call.size()))
        throw std::runtime_error(error(query, "snippets"));
      MYSQL_RES* r = mysql_store_result(mysql_);
      if (!r)
        throw std::runtime_error(error(query, "snippets result"));
      MYSQL_ROW row;
      size_t i = 0;
      while ((row = mysql_fetch_row(r)))
        if (i < res.hits.size())
          res.hits[i++].second = row[0] ? row[0] : "";
      mysql_free_result(r);
    }
    return res;
  }

  std::string version() {
    // SHOW STATUS has no version row in 2.2; the server greeting carries it.
    return mysql_get_server_info(mysql_);
  }

 private:
  std::string error(const peers::Query& q, const char* what) {
    return "query " + std::to_string(q.id) + " (" + what + "): " + mysql_error(mysql_);
  }

  MYSQL* mysql_;
  long max_matches_;
  std::map<std::string, std::vector<std::string>> names_;
  std::map<std::string, std::map<std::string, size_t>> ids_;
};

}  // namespace

int main(int argc, char** argv) {
  try {
    auto o = peers::parse_options(argc, argv, kUsage);
    if (!o.rest.count("port") || !o.rest.count("values")) {
      std::cerr << kUsage;
      return 2;
    }
    long max_matches =
        o.rest.count("max-matches") ? std::atol(o.rest["max-matches"].c_str()) : 1000;
    Sphinx sphinx(std::atoi(o.rest["port"].c_str()), o.rest["values"],
                  std::max(1000L, max_matches));
    long pid = o.rest.count("pid") ? std::atol(o.rest["pid"].c_str()) : -1;
    return peers::run_mix(
        o, "sphinx", [&](const peers::Query& q) { return sphinx.run(q); },
        [&](peers::Json& out) {
          long kb = pid > 0 ? peers::vm_hwm_kb(pid) : -1;
          out["serve_peak_rss_kb"] = kb < 0 ? peers::Json() : peers::Json(kb);
        });
  } catch (const std::exception& e) {
    std::cerr << "sphinx_query_mix: " << e.what() << "\n";
    return 1;
  }
}
