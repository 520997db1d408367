// tigris: an index past one machine: which shard holds a document, an index opened
// shard by shard (local folders and xapian-tcpsrv servers listed in a Xapian stub), and
// the stub that joins shards built apart.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

namespace tigris {

/// One part of a corpus split @p count ways by document id: the part @p index holds
/// the documents whose shard_of(id, count) is @p index. {0, 1} is the whole corpus.
struct CorpusShard {
    unsigned index = 0;
    unsigned count = 1;

    bool whole() const { return count == 1; }
    bool holds(const std::string& id) const;
    /// "K/N".
    std::string describe() const;
    bool operator==(const CorpusShard& o) const { return index == o.index && count == o.count; }
    bool operator<(const CorpusShard& o) const { return count != o.count ? count < o.count : index < o.index; }
};

/// Which of @p shards holds the document with @p id: a stable hash of the id (64-bit
/// FNV-1a), the same for the shards of one index and for shards built on other machines.
unsigned shard_of(const std::string& id, unsigned shards);

/// Reads "K/N" (0 ≤ K < N ≤ 1024). @exception ConfigError naming @p text.
CorpusShard parse_corpus_shard(const std::string& text);

/// The metadata key an index records a part it holds under ("tigris.shard.K", value
/// "K/N"). One key per part, so that `xapian-compact` of all N parts keeps all N keys
/// and the merged index reads as the whole corpus.
std::string shard_metadata_key(const CorpusShard& shard);

/// The parts of a corpus @p db records that it holds: none for a whole index (or one
/// built before tigris recorded them); several after `xapian-compact` merged shards.
/// Reads metadata, which remote databases serve too.
std::vector<CorpusShard> shards_held(const Xapian::Database& db);

/// True when @p held is every part 0..N-1 of one N (a compacted whole).
bool covers_corpus(const std::vector<CorpusShard>& held);

/// How long a remote shard may take to accept a connection and to answer each message;
/// past either, the search fails with an error that names the shard.
struct RemoteTimeouts {
    unsigned connect_ms = 5000;
    unsigned reply_ms = 5000;
};

/// One database a Xapian stub lists, where it is listed.
struct ShardLocation {
    std::string stub;    ///< the stub file ("" for an index that is one database)
    unsigned line = 0;   ///< its line in the stub
    std::string type;    ///< "auto", "glass", "chert" or "remote"
    std::string target;  ///< a path (resolved against the stub's folder), HOST:PORT, or :PROGRAM ARGS

    bool remote() const { return type == "remote"; }
    /// "remote 127.0.0.1:9001" or the path.
    std::string name() const;
    /// "shard remote 127.0.0.1:9001 (FILE:2)": for messages.
    std::string describe() const;
};

/// An index opened shard by shard: a Xapian database, a folder with a XAPIANDB stub
/// (`tigris index --shards N`), or a stub file listing local folders and remote servers
/// (`tigris join`, or written by hand: `remote HOST:PORT`, `auto PATH`, `remote :PROGRAM
/// ARGS`). Remote shards are opened with @p timeouts (Xapian's own stub reader uses 10 s
/// and takes none), and an error names the shard it came from. Searched as one
/// Xapian::Database, with global BM25 statistics.
class IndexShards {
  public:
    /// @exception ConfigError when @p path does not exist or a stub line is bad (FILE:LINE),
    ///   IoError naming the shard that cannot be opened (a server down, a folder unreadable).
    static IndexShards open(const std::string& path, const RemoteTimeouts& timeouts = {});

    const std::string& path() const { return path_; }
    const Xapian::Database& database() const { return db_; }
    const std::vector<ShardLocation>& shards() const { return shards_; }
    /// Each shard's own database, in the order of shards() (shares the combined one's connections).
    const std::vector<Xapian::Database>& shard_databases() const { return parts_; }
    bool has_remote() const;

    /// What @p e, met while using database(), says about which shard failed: "shard remote
    /// 127.0.0.1:9002 (FILE:2) is down or unreachable: write failed (Broken pipe)", or
    /// "index PATH: DESCRIPTION" when no shard can be named.
    std::string describe(const Xapian::Error& e) const;

  private:
    IndexShards() = default;
    void add_stub(const std::string& stub, const RemoteTimeouts& timeouts, int depth);
    void add(const ShardLocation& where, Xapian::Database part);

    std::string path_;
    Xapian::Database db_;
    std::vector<ShardLocation> shards_;
    std::vector<Xapian::Database> parts_;
    unsigned reply_ms_ = 0;
};

/// The stub text that joins @p shards (index folders, HOST:PORT of xapian-tcpsrv, or
/// :PROGRAM ARGS such as ":ssh HOST xapian-progsrv PATH") into
/// one index: each opened and checked, ordered by the part each holds. Shards built with
/// `--shard K/N` must be every part of one N, each once; whole indexes are listed as given.
/// @p notes gets one line per shard ("shard 0/2: /data/s0, 12000 documents").
/// @exception ConfigError for a missing, repeated or mismatched part (naming the shards),
///   IoError for a shard that cannot be opened.
std::string join_shards(const std::vector<std::string>& shards, const RemoteTimeouts& timeouts,
                        std::vector<std::string>& notes);

/// Opens an index for search: a Xapian database, or a sharded index (a folder with a
/// XAPIANDB stub listing its shards, or a stub file listing local and remote shards: see
/// IndexShards, which also names a shard that fails). @exception ConfigError when it does
/// not exist, IoError when it exists but cannot be opened.
Xapian::Database open_index(const std::string& dir, const RemoteTimeouts& timeouts = {});

}  // namespace tigris
