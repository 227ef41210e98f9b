// The benchmark's query mix against PostgreSQL full-text search (bench/peers/postgres.sh
// builds the table). Each query is one statement: the top 10 by ts_rank with ts_headline
// snippets, the exact total and exact counts of the five facets over all matches.
//
//   pg_query_mix --conninfo 'host=DIR port=54329 dbname=postgres user=postgres'
//                --queries QUERIES.jsonl [--repeat 3] [--extra BUILD.json]
//                [--prefix-config simple|dutch]
//
// A prefix word* is to_tsquery('simple', 'word:*') by default: the letters as typed, against
// the stemmed lexemes. to_tsquery('dutch', 'word:*') (--prefix-config dutch) stems the prefix
// itself, which widens it ('paar:*' becomes 'par:*' and matches every deal with "partner").
#include <libpq-fe.h>

#include "peer_common.h"

namespace {

const char* kUsage =
    "usage: pg_query_mix --conninfo CONNINFO --queries QUERIES.jsonl [--repeat R] "
    "[--extra FILE.json] [--prefix-config simple|dutch]\n";

// A text[] literal: {"a","b\"c"}.
std::string pg_array(const std::vector<std::string>& values) {
  std::string out = "{";
  for (size_t i = 0; i < values.size(); ++i) {
    if (i)
      out += ',';
    out += '"';
    for (char c : values[i]) {
      if (c == '"' || c == '\\')
        out += '\\';
      out += c;
    }
    out += '"';
  }
  return out + "}";
}

// A prefix word for to_tsquery(CONFIG, 'word:*'): letters and digits only (any UTF-8
// multi-byte character counts as a letter), so no tsquery operator can get in.
std::string prefix_word(const std::string& w) {
  std::string out;
  for (unsigned char c : w)
    if (c >= 0x80 || std::isalnum(c))
      out += static_cast<char>(c);
  return out;
}

class Postgres {
 public:
  Postgres(const std::string& conninfo, std::string prefix_config)
      : conn_(PQconnectdb(conninfo.c_str())), prefix_config_(std::move(prefix_config)) {
    if (prefix_config_ != "simple" && prefix_config_ != "dutch")
      throw std::runtime_error("--prefix-config is simple or dutch");
    if (PQstatus(conn_) != CONNECTION_OK)
      throw std::runtime_error(std::string("connection failed: ") + PQerrorMessage(conn_));
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
  }
  ~Postgres() { PQfinish(conn_); }

  std::string scalar(const char* sql) {
    PGresult* r = PQexec(conn_, sql);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      std::string e = PQresultErrorMessage(r);
      PQclear(r);
      throw std::runtime_error(e);
    }
    std::string v = PQgetvalue(r, 0, 0);
    PQclear(r);
    return v;
  }

  peers::Result run(const peers::Query& query) {
    std::vector<std::string> params;
    auto param = [&](std::string v) {
      params.push_back(std::move(v));
      return "$" + std::to_string(params.size());
    };

    peers::ParsedText text = peers::parse_text(query.q);
    std::string tsquery;
    auto conj = [&](const std::string& part) { tsquery += tsquery.empty() ? part : " && " + part; };
    if (!text.words.empty()) {
      std::string joined;
      for (auto& w : text.words) joined += (joined.empty() ? "" : " ") + w;
      conj("plainto_tsquery('dutch', " + param(joined) + ")");
    }
    for (auto& phrase : text.phrases) {
      std::string joined;
      for (auto& w : phrase) joined += (joined.empty() ? "" : " ") + w;
      conj("phraseto_tsquery('dutch', " + param(joined) + ")");
    }
    for (auto& p : text.prefixes) {
      std::string w = prefix_word(p);
      // Nothing left of the word: a query that matches nothing, like an unknown word.
      conj(w.empty() ? "''::tsquery"
                     : "to_tsquery('" + prefix_config_ + "', " + param(w + ":*") + ")");
    }

    std::string where;
    auto filter = [&](const char* name, const char* condition) {
      auto it = query.filters.find(name);
      if (it == query.filters.end())
        return;
      std::string p = param(pg_array(it->second)) + "::text[]";
      std::string c = condition;
      c.replace(c.find('?'), 1, p);
      where += " AND " + c;
    };
    filter("status", "status = ANY(?)");
    filter("ministry", "ministries && ?");
    filter("partner", "partners && ?");
    filter("theme", "themes && ?");
    filter("year", "year = ANY(?)");

    std::string sql;
    if (!tsquery.empty()) {
      sql = "WITH q AS MATERIALIZED (SELECT " + tsquery +
            " AS q), m AS MATERIALIZED (SELECT d.id, d.status, d.year, d.ministries, "
            "d.partners, d.themes, ts_rank(d.tsv, q.q) AS r FROM deals d, q WHERE d.tsv @@ q.q" +
            where +
            ") (SELECT 0 AS k, t.id, t.r::text, ts_headline('dutch', d.body, q.q) "
            "FROM (SELECT id, r FROM m ORDER BY r DESC, id LIMIT 10) t JOIN deals d USING (id), q "
            "ORDER BY t.r DESC, t.id)";
    } else {
      sql =
          "WITH m AS MATERIALIZED (SELECT d.id, d.status, d.year, d.ministries, d.partners, "
          "d.themes FROM deals d WHERE true" +
          where + ") (SELECT 0 AS k, id, NULL, NULL FROM m ORDER BY id LIMIT 10)";
    }
    sql +=
        " UNION ALL SELECT 1, NULL, count(*)::text, NULL FROM m"
        " UNION ALL SELECT 2, status, count(*)::text, NULL FROM m GROUP BY status"
        " UNION ALL SELECT 3, x, count(*)::text, NULL FROM m, unnest(m.ministries) x GROUP BY x"
        " UNION ALL SELECT 4, x, count(*)::text, NULL FROM m, unnest(m.partners) x GROUP BY x"
        " UNION ALL SELECT 5, x, count(*)::text, NULL FROM m, unnest(m.themes) x GROUP BY x"
        " UNION ALL SELECT 6, year, count(*)::text, NULL FROM m GROUP BY year";

    std::vector<const char*> values;
    for (auto& p : params) values.push_back(p.c_str());
    PGresult* r = PQexecParams(conn_, sql.c_str(), static_cast<int>(values.size()), nullptr,
                               values.data(), nullptr, nullptr, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
      std::string e = PQresultErrorMessage(r);
      PQclear(r);
      throw std::runtime_error("query " + std::to_string(query.id) + ": " + e);
    }
    static const char* kFacet[] = {"", "", "status", "ministry", "partner", "theme", "year"};
    peers::Result res;
    for (int i = 0, n = PQntuples(r); i < n; ++i) {
      int k = std::atoi(PQgetvalue(r, i, 0));
      if (k == 0) {
        res.hits.emplace_back(PQgetvalue(r, i, 1), PQgetvalue(r, i, 3));
      } else if (k == 1) {
        res.total = std::atol(PQgetvalue(r, i, 2));
      } else {
        std::string value = PQgetisnull(r, i, 1) ? "" : PQgetvalue(r, i, 1);
        res.facets[kFacet[k]][value] = std::atol(PQgetvalue(r, i, 2));
      }
    }
    PQclear(r);
    return res;
  }

 private:
  PGconn* conn_;
  std::string prefix_config_;
};

}  // namespace

int main(int argc, char** argv) {
  try {
    auto o = peers::parse_options(argc, argv, kUsage);
    if (!o.rest.count("conninfo")) {
      std::cerr << kUsage;
      return 2;
    }
    Postgres pg(o.rest["conninfo"],
                o.rest.count("prefix-config") ? o.rest["prefix-config"] : "simple");
    long backend = std::atol(pg.scalar("SELECT pg_backend_pid()").c_str());
    return peers::run_mix(
        o, "postgresql", [&](const peers::Query& q) { return pg.run(q); },
        [&](peers::Json& out) {
          long kb = peers::vm_hwm_kb(backend);
          out["serve_peak_rss_kb"] = kb < 0 ? peers::Json() : peers::Json(kb);
        });
  } catch (const std::exception& e) {
    std::cerr << "pg_query_mix: " << e.what() << "\n";
    return 1;
  }
}
