#include "tigris/shards.h"

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>

#include "tigris/error.h"
#include "tigris/index_writer.h"

namespace tigris {

namespace fs = std::filesystem;

namespace {

constexpr const char* kShardKeyPrefix = "tigris.shard.";
constexpr unsigned kMaxShards = 1024;
constexpr int kMaxStubDepth = 8;  // a stub that lists stubs: deeper is a cycle

// "12" as a number at most @p max; false for anything else ("", "-1", "1x", "0012345678901").
bool parse_count(const std::string& s, unsigned max, unsigned& out) {
    if (s.empty() || s.size() > 5 || s.find_first_not_of("0123456789") != std::string::npos) return false;
    out = static_cast<unsigned>(std::stoul(s));
    return out <= max;
}

bool parse_part(const std::string& text, CorpusShard& out) {
    const auto slash = text.find('/');
    if (slash == std::string::npos) return false;
    return parse_count(text.substr(0, slash), kMaxShards, out.index) &&
           parse_count(text.substr(slash + 1), kMaxShards, out.count) && out.count >= 1 && out.index < out.count;
}

// HOST:PORT (a host may be [IPv6]); false when it is not that.
bool split_address(const std::string& target, std::string& host, unsigned& port) {
    const auto colon = target.rfind(':');
    if (colon == std::string::npos || colon == 0) return false;
    host = target.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    return host.find_first_of(" /") == std::string::npos && parse_count(target.substr(colon + 1), 65535, port) &&
           port > 0;
}

// Xapian names a remote database in its errors' context: "remote:tcp(HOST:PORT)".
bool error_is_from(const ShardLocation& s, const std::string& context) {
    if (!s.remote()) return false;
    std::string host;
    unsigned port = 0;
    if (split_address(s.target, host, port)) return context == "remote:tcp(" + host + ":" + std::to_string(port) + ")";
    // :PROGRAM ARGS: Xapian's context holds the program and its arguments.
    return context.rfind("remote:prog(", 0) == 0 && context.find(s.target.substr(1)) != std::string::npos;
}

std::string what_happened(const Xapian::Error& e, unsigned reply_ms) {
    std::string detail = e.get_msg();
    if (const char* err = e.get_error_string()) detail += std::string(" (") + err + ")";
    const std::string type = e.get_type();  // Xapian::Error has no virtual functions
    if (type == "NetworkTimeoutError") {
        char seconds[32];
        std::snprintf(seconds, sizeof seconds, "%g", reply_ms / 1000.0);
        return std::string("did not answer within ") + seconds + " s: " + detail;
    }
    if (type == "NetworkError") return "is down or unreachable: " + detail;
    return "failed: " + e.get_description();
}

// A regular file that is not a single-file glass database, or a folder with a XAPIANDB
// stub and no database of its own: where the stub file is, else "".
std::string stub_file_of(const std::string& path) {
    std::error_code ec;
    if (fs::is_regular_file(path, ec)) {
        char magic[14] = {};
        std::ifstream in(path, std::ios::binary);
        in.read(magic, sizeof magic);
        const bool glass = in.gcount() == sizeof magic && std::memcmp(magic, "\x0f\x0dXapian Glass", 14) == 0;
        return glass ? "" : path;
    }
    const fs::path stub = fs::path(path) / "XAPIANDB";
    if (fs::exists(stub, ec) && !fs::exists(fs::path(path) / "iamglass", ec) &&
        !fs::exists(fs::path(path) / "iamchert", ec)) {
        return stub.string();
    }
    return "";
}

// Opens the one database @p where names.
Xapian::Database open_location(const ShardLocation& where, const RemoteTimeouts& t) {
    if (!where.remote()) {
        if (where.type == "glass") return Xapian::Database(where.target, Xapian::DB_BACKEND_GLASS);
        if (where.type == "chert") return Xapian::Database(where.target, Xapian::DB_BACKEND_CHERT);
        return Xapian::Database(where.target);
    }
    std::string host;
    unsigned port = 0;
    if (split_address(where.target, host, port)) return Xapian::Remote::open(host, port, t.reply_ms, t.connect_ms);
    const auto space = where.target.find(' ');
    const std::string program = where.target.substr(1, space == std::string::npos ? std::string::npos : space - 1);
    const std::string args = space == std::string::npos ? "" : where.target.substr(space + 1);
    return Xapian::Remote::open(program, args, t.reply_ms);
}

// Opens @p where; an error names it.
Xapian::Database open_checked(const std::string& index, const ShardLocation& where, const RemoteTimeouts& t) {
    try {
        return open_location(where, t);
    } catch (const Xapian::Error& e) {
        throw IoError("cannot open index " + index + ": " + where.describe() + " " + what_happened(e, t.reply_ms));
    }
}

// One stub line, "TYPE TARGET"; a relative path is relative to the stub's folder, as
// Xapian reads it.
ShardLocation parse_stub_line(const std::string& stub, unsigned line_no, const std::string& line) {
    const auto space = line.find(' ');
    ShardLocation where{stub, line_no, line.substr(0, space), space == std::string::npos ? "" : line.substr(space + 1)};
    const std::string at = stub + ":" + std::to_string(line_no) + ": ";
    if (where.remote()) {
        std::string host;
        unsigned port = 0;
        if ((where.target.size() < 2 || where.target[0] != ':') && !split_address(where.target, host, port)) {
            throw ConfigError(at + "remote shard " + quote_value(where.target) + " is not HOST:PORT or :PROGRAM ARGS");
        }
        return where;
    }
    if (where.type != "auto" && where.type != "glass" && where.type != "chert") {
        throw ConfigError(at + "unknown database type " + quote_value(where.type) + " (auto, glass, chert or remote)");
    }
    if (where.target.empty()) throw ConfigError(at + "no path after " + where.type);
    if (fs::path(where.target).is_relative()) where.target = (fs::path(stub).parent_path() / where.target).string();
    return where;
}

}  // namespace

bool CorpusShard::holds(const std::string& id) const { return count <= 1 || shard_of(id, count) == index; }

std::string CorpusShard::describe() const { return std::to_string(index) + "/" + std::to_string(count); }

unsigned shard_of(const std::string& id, unsigned shards) {
    // 64-bit FNV-1a. Part of the index's format: parts built by other versions and on
    // other machines route alike (golden values in tests/test_corpus_shard.cc).
    std::uint64_t h = 1469598103934665603ULL;
    for (const char c : id) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    return static_cast<unsigned>(h % shards);
}

CorpusShard parse_corpus_shard(const std::string& text) {
    CorpusShard s;
    if (!parse_part(text, s)) {
        throw ConfigError("a shard is K/N with 0 <= K < N <= " + std::to_string(kMaxShards) + ", not " + quote_value(text));
    }
    return s;
}

std::string shard_metadata_key(const CorpusShard& shard) { return kShardKeyPrefix + std::to_string(shard.index); }

std::vector<CorpusShard> shards_held(const Xapian::Database& db) {
    std::vector<CorpusShard> held;
    try {
        for (auto it = db.metadata_keys_begin(kShardKeyPrefix); it != db.metadata_keys_end(kShardKeyPrefix); ++it) {
            CorpusShard s;
            if (parse_part(db.get_metadata(*it), s)) held.push_back(s);
        }
    } catch (const Xapian::UnimplementedError&) {
        // A backend without metadata: nothing recorded.
    }
    std::sort(held.begin(), held.end());
    return held;
}

bool covers_corpus(const std::vector<CorpusShard>& held) {
    if (held.empty()) return false;
    for (std::size_t i = 0; i < held.size(); ++i) {
        if (held[i].count != held.size() || held[i].index != i) return false;
    }
    return true;
}

std::string ShardLocation::name() const { return remote() ? "remote " + target : target; }

std::string ShardLocation::describe() const {
    std::string out = "shard " + name();
    if (!stub.empty()) out += " (" + stub + ":" + std::to_string(line) + ")";
    return out;
}

IndexShards IndexShards::open(const std::string& path, const RemoteTimeouts& timeouts) {
    std::error_code ec;
    if (!fs::exists(path, ec)) throw ConfigError("index " + path + " does not exist");
    IndexShards index;
    index.path_ = path;
    index.reply_ms_ = timeouts.reply_ms;
    const std::string stub = stub_file_of(path);
    if (!stub.empty()) {
        index.add_stub(stub, timeouts, 0);
        return index;
    }
    try {
        index.add(ShardLocation{"", 0, "auto", path}, Xapian::Database(path));
    } catch (const Xapian::Error& e) {
        throw IoError("cannot open index " + path + ": " + e.get_description());
    }
    return index;
}

void IndexShards::add_stub(const std::string& stub, const RemoteTimeouts& timeouts, int depth) {
    if (depth > kMaxStubDepth) throw ConfigError("stub " + stub + " lists stubs more than 8 deep (a cycle?)");
    errno = 0;
    std::ifstream in(stub);
    if (!in) throw IoError("cannot read stub " + stub + ": " + std::strerror(errno ? errno : EIO));
    unsigned line_no = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_no;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        const ShardLocation where = parse_stub_line(stub, line_no, line);
        const std::string nested = where.remote() ? "" : stub_file_of(where.target);
        if (!nested.empty()) {
            add_stub(nested, timeouts, depth + 1);
        } else {
            add(where, open_checked(path_, where, timeouts));
        }
    }
}

void IndexShards::add(const ShardLocation& where, Xapian::Database part) {
    db_.add_database(part);
    shards_.push_back(where);
    parts_.push_back(std::move(part));
}

bool IndexShards::has_remote() const {
    return std::any_of(shards_.begin(), shards_.end(), [](const ShardLocation& s) { return s.remote(); });
}

std::string IndexShards::describe(const Xapian::Error& e) const {
    const std::string context = e.get_context();
    for (const ShardLocation& s : shards_) {
        if (error_is_from(s, context)) return s.describe() + " " + what_happened(e, reply_ms_);
    }
    return "index " + path_ + ": " + e.get_description();
}

namespace {

// One shard to join, opened: where it is, its stub line, what it holds.
struct JoinedShard {
    std::string spec, line;
    std::vector<CorpusShard> held;
    Xapian::doccount documents = 0;
    std::string lexicon;
};

JoinedShard open_for_join(const std::string& spec, const RemoteTimeouts& t) {
    JoinedShard j;
    j.spec = spec;
    std::error_code ec;
    std::string host;
    unsigned port = 0;
    std::vector<Xapian::Database> parts;  // metadata is read from each: a stub's reads the first only
    if (fs::exists(spec, ec)) {
        j.line = "auto " + fs::absolute(spec).lexically_normal().string();
        parts = IndexShards::open(spec, t).shard_databases();
    } else if (split_address(spec, host, port) || (spec.size() > 1 && spec[0] == ':')) {
        j.line = "remote " + spec;  // xapian-tcpsrv, or :PROGRAM ARGS (ssh HOST xapian-progsrv PATH)
        parts.push_back(open_checked(spec, ShardLocation{"", 0, "remote", spec}, t));
    } else {
        throw ConfigError("shard " + quote_value(spec) + " is neither an index folder, HOST:PORT of xapian-tcpsrv " +
                          "nor :PROGRAM ARGS");
    }
    try {
        for (const Xapian::Database& db : parts) {
            const auto held = shards_held(db);
            j.held.insert(j.held.end(), held.begin(), held.end());
            j.documents += db.get_doccount();
        }
        j.lexicon = parts.front().get_metadata(metadata::kLexicon);
    } catch (const Xapian::Error& e) {
        throw IoError("cannot read shard " + spec + ": " + e.get_description());
    }
    std::sort(j.held.begin(), j.held.end());
    if (covers_corpus(j.held)) j.held.clear();  // local shards of one index, or a merge of all parts: whole
    return j;
}

// Checks that @p shards hold every part of one N once; orders them by part.
void order_parts(std::vector<JoinedShard>& shards) {
    std::map<CorpusShard, const JoinedShard*> owner;
    for (const JoinedShard& j : shards) {
        if (j.held.empty()) {
            throw ConfigError("shard " + j.spec + " is a whole index (no --shard K/N recorded) and " + shards[0].spec +
                              " is not: join the parts of one corpus, or whole indexes only");
        }
        for (const CorpusShard& part : j.held) {
            if (part.count != shards[0].held[0].count) {
                throw ConfigError("shard " + j.spec + " holds part " + part.describe() + " but " + shards[0].spec +
                                  " holds " + shards[0].held[0].describe() + ": parts of one N only");
            }
            const auto [it, added] = owner.emplace(part, &j);
            if (!added) throw ConfigError("part " + part.describe() + " is in both " + it->second->spec + " and " + j.spec);
        }
    }
    const unsigned n = shards[0].held[0].count;
    for (unsigned k = 0; k < n; ++k) {
        if (!owner.count(CorpusShard{k, n})) {
            throw ConfigError("part " + CorpusShard{k, n}.describe() + " is missing: join all " + std::to_string(n) +
                              " parts (built with tigris index --shard K/" + std::to_string(n) + ")");
        }
    }
    std::stable_sort(shards.begin(), shards.end(),
                     [](const JoinedShard& a, const JoinedShard& b) { return a.held[0] < b.held[0]; });
}

}  // namespace

std::string join_shards(const std::vector<std::string>& specs, const RemoteTimeouts& timeouts,
                        std::vector<std::string>& notes) {
    if (specs.empty()) throw ConfigError("no shards to join");
    std::vector<JoinedShard> shards;
    for (const std::string& spec : specs) shards.push_back(open_for_join(spec, timeouts));
    const bool parts = std::any_of(shards.begin(), shards.end(), [](const JoinedShard& j) { return !j.held.empty(); });
    if (parts) {
        // A whole index first would make the message about it: put a part first.
        std::stable_partition(shards.begin(), shards.end(), [](const JoinedShard& j) { return !j.held.empty(); });
        order_parts(shards);
    }
    std::string stub = "# written by tigris join: one line per shard, searched as one index\n";
    for (const JoinedShard& j : shards) {
        std::string held;
        for (const CorpusShard& part : j.held) held += (held.empty() ? "part " : ", ") + part.describe();
        notes.push_back((held.empty() ? "whole index" : held) + ": " + j.spec + ", " + std::to_string(j.documents) +
                        " documents");
        if (j.lexicon != shards[0].lexicon) {
            notes.push_back("warning: " + j.spec + " was built with other synonym lists than " + shards[0].spec +
                            " (lexicon " + j.lexicon + ", not " + shards[0].lexicon + "): re-index it with the same lists");
        }
        stub += j.line + "\n";
    }
    return stub;
}

Xapian::Database open_index(const std::string& dir, const RemoteTimeouts& timeouts) {
    return IndexShards::open(dir, timeouts).database();
}

}  // namespace tigris
