// MatchWeigher: one run of Xapian's matcher, or two on two threads over halves of the docids.
#include "searcher/match_weigher.h"

#include <algorithm>
#include <future>
#include <thread>
#include <utility>

namespace dealsearch::searcher {

DocidRange::DocidRange(Xapian::docid first, Xapian::docid last) : first_(first), last_(last) {}

void DocidRange::init(const Xapian::Database& db) {
  started_ = false;
  current_ = 0;
  const Xapian::docid last = std::min(last_, db.get_lastdocid());
  span_ = last < first_ ? 0 : std::min<Xapian::doccount>(last - first_ + 1, db.get_doccount());
}

void DocidRange::next(double /*min_wt*/) {
  current_ = started_ ? current_ + 1 : first_;
  started_ = true;
}

void DocidRange::skip_to(Xapian::docid did, double /*min_wt*/) {
  current_ = std::max({did, first_, started_ ? current_ : Xapian::docid{0}});
  started_ = true;
}

bool DocidRange::check(Xapian::docid did, double min_wt) {
  skip_to(did, min_wt);
  return true;  // positioned: at `did` when the range holds it
}

namespace {

// The searches of this process that weigh matches now, and the helper threads they run.
std::atomic<unsigned> threads_weighing{0};

// Counts its thread among those weighing while it lives.
class Weighing {
 public:
  Weighing() : before_(threads_weighing.fetch_add(1)) {}
  ~Weighing() { threads_weighing.fetch_sub(1); }
  Weighing(const Weighing&) = delete;
  Weighing& operator=(const Weighing&) = delete;
  // How many threads weighed when this one began.
  [[nodiscard]] unsigned others() const { return before_; }

 private:
  unsigned before_;
};

std::vector<WeightCollector::Match> weigh_whole(const Xapian::Database& db,
                                                const Xapian::Query& query) {
  WeightCollector collector;
  Xapian::Enquire enquire(db);
  enquire.set_query(query);
  enquire.add_matchspy(&collector);
  // No hits from Xapian, but every match checked and weighed as a ranked search weighs it.
  (void)enquire.get_mset(0, 0, db.get_doccount());
  return collector.sorted();
}

Xapian::Query docids(Xapian::docid first, Xapian::docid last) {
  return Xapian::Query((new DocidRange(first, last))->release());
}

}  // namespace

MatchWeigher::MatchWeigher(size_t min_postings_to_split)
    : min_postings_to_split_(min_postings_to_split) {}

size_t MatchWeigher::postings_of(const Xapian::Database& db, const Xapian::Query& query) {
  size_t postings = 0;
  for (auto term = query.get_unique_terms_begin(); term != query.get_unique_terms_end(); ++term) {
    postings += db.get_termfreq(*term);
  }
  return postings;
}

void MatchWeigher::use_database(std::optional<std::filesystem::path> directory) {
  if (directory != directory_) {
    helper_.reset();
  }
  directory_ = std::move(directory);
}

Xapian::Database* MatchWeigher::helper_at_revision_of(const Xapian::Database& db) {
  if (!directory_) {
    return nullptr;
  }
  try {
    const Xapian::rev revision = db.get_revision();
    if (!helper_) {
      helper_.emplace(directory_->string());
    }
    if (helper_->get_revision() != revision) {
      helper_->reopen();
    }
    // The database moved on past `db`'s revision: no split until the searcher catches up.
    return helper_->get_revision() == revision ? &*helper_ : nullptr;
  } catch (const Xapian::Error&) {
    helper_.reset();  // opened again next time; this run is not split
    return nullptr;
  }
}

std::vector<WeightCollector::Match> MatchWeigher::weigh(const Xapian::Database& db,
                                                        const Xapian::Query& query, size_t postings,
                                                        const Restrict& restrict) {
  const Weighing weighing;
  const Xapian::docid last = db.get_lastdocid();
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  Xapian::Database* helper = nullptr;
  if (postings >= min_postings_to_split_ && last >= 2 && weighing.others() + 2 <= cores) {
    helper = helper_at_revision_of(db);
  }
  if (helper == nullptr) {
    return weigh_whole(db, query);
  }
  ++splits_;
  const Weighing helper_weighing;  // the helper thread's core
  const Xapian::docid middle = last / 2;
  // The helper's own copy of the query, made before it starts: a copy of a Xapian::Query
  // shares its parts, whose reference counts are not atomic.
  std::future<std::vector<WeightCollector::Match>> second_half = std::async(
      std::launch::async, [helper, serialised = query.serialise(), & restrict, middle, last] {
        return weigh_whole(
            *helper, restrict(Xapian::Query::unserialise(serialised), docids(middle + 1, last)));
      });
  // (Should this throw, the future's destructor waits for the helper, whose handle lives on.)
  std::vector<WeightCollector::Match> matches = weigh_whole(db, restrict(query, docids(1, middle)));
  std::vector<WeightCollector::Match> second = second_half.get();
  matches.insert(matches.end(), second.begin(), second.end());
  return matches;
}

}  // namespace dealsearch::searcher
